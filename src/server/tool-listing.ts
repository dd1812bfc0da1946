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
 * computes this at build time (see listing.ts): converting costs ~10 ms of start-up.
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
    // Output objects stay open: new fields are additive, and the listing stays compact.
    ...(io === 'output' ? { override: openObjects } : {}),
  }) as Record<string, unknown>;
  return { ...rest, type: 'object' as const };
}

function openObjects(ctx: { jsonSchema: Record<string, unknown> }): void {
  if (ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties;
}
