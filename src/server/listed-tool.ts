import { z } from 'zod';
import { toolIcons, type ToolIcon } from '../tools/icons.js';
import type { ToolDefinition } from '../tools/index.js';

/** A tool as tools/list shows it. */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: { type: 'object'; [key: string]: unknown };
  outputSchema: { type: 'object'; [key: string]: unknown };
  annotations: Record<string, unknown>;
  icons: ToolIcon[];
}

/**
 * The tools/list entries, with JSON Schemas converted from the tools' zod schemas. The bundle
 * computes this at build time (see app/tools-list.ts): converting every tool's schema is start-up work
 * that would otherwise delay each cold start's first tools/list.
 */
export function listTools(tools: readonly ToolDefinition[]): ListedTool[] {
  return tools.map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: jsonSchema(t.input, 'input'),
    outputSchema: jsonSchema(t.output, 'output'),
    annotations: { title: t.title, ...t.annotations },
    icons: toolIcons(t.name),
  }));
}

function jsonSchema(schema: z.ZodObject, io: 'input' | 'output') {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: (ctx) => compact(ctx.jsonSchema, io),
  }) as Record<string, unknown>;
  return { ...rest, type: 'object' as const };
}

const SAFE_INT_BOUNDS = { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };

/**
 * The same schema in fewer bytes: every tool repeats the game card, so each byte counts many
 * times in tools/list. Nothing a validator would accept or reject changes, except that output
 * objects stay open (new fields are additive).
 */
function compact(node: Record<string, unknown>, io: 'input' | 'output'): void {
  if (io === 'output' && node.additionalProperties === false) delete node.additionalProperties;
  // z.int()'s ±(2^53 − 1): no JSON number outside them is an exact integer anyway.
  for (const [key, bound] of Object.entries(SAFE_INT_BOUNDS)) if (node[key] === bound) delete node[key];
  // A constant's type is implied: {const: true}, not {type: 'boolean', const: true}.
  if (node.const !== undefined && node.type === typeof node.const) delete node.type;
  // Property names are strings by definition.
  const names = node.propertyNames as Record<string, unknown> | undefined;
  if (names?.type === 'string' && names.enum) delete names.type;
  // anyOf [{type: T, …}, {type: 'null'}] → {type: [T, 'null'], …} (nullable objects, records).
  const [first, second, ...more] = (node.anyOf as Record<string, unknown>[] | undefined) ?? [];
  if (
    first &&
    second?.type === 'null' &&
    Object.keys(second).length === 1 &&
    !more.length &&
    typeof first.type === 'string' &&
    first.enum === undefined &&
    first.const === undefined
  ) {
    delete node.anyOf;
    Object.assign(node, first, { type: [first.type, 'null'] });
  }
}
