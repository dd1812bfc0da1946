import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  McpError,
  type GetPromptResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { PromptCompleter } from './complete.js';
import { PROMPTS } from './definitions.js';

/** A prompt argument is a name or a short phrase; longer text is refused, not interpolated. */
export const MAX_ARGUMENT_CHARS = 100;

/** prompts/list, the same for every session. */
const LISTED = PROMPTS.map((p) => ({
  name: p.name,
  title: p.title,
  description: p.description,
  arguments: p.arguments.map(({ name, description, required }) => ({ name, description, required })),
}));

/**
 * prompts/list, prompts/get and completion/complete on one session's server; `admitLookup`
 * caps the client's store lookups for completions.
 */
export function registerPrompts(
  server: Server,
  completer: PromptCompleter,
  admitLookup: () => Promise<boolean> | boolean,
): void {
  server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: LISTED }));
  server.setRequestHandler(GetPromptRequestSchema, (request) =>
    getPrompt(request.params.name, request.params.arguments ?? {}),
  );
  server.setRequestHandler(CompleteRequestSchema, async (request) => {
    const { ref, argument } = request.params;
    if (ref.type !== 'ref/prompt') return { completion: { values: [], total: 0, hasMore: false } };
    return { completion: await completer.complete(ref.name, argument.name, argument.value, admitLookup) };
  });
}

export function getPrompt(name: string, raw: Record<string, string>): GetPromptResult {
  const prompt = PROMPTS.find((p) => p.name === name);
  if (!prompt) {
    const names = PROMPTS.map((p) => p.name).join(', ');
    const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
    throw new McpError(ErrorCode.InvalidParams, `Unknown prompt "${shown}". Prompts: ${names}. 未知提示词。`);
  }
  const args: Record<string, string> = {};
  for (const a of prompt.arguments) {
    // One line, no quotes: the value is quoted inside the instructions it is placed in.
    const value = String(raw[a.name] ?? '')
      .replace(/["“”\s]+/g, ' ')
      .trim();
    if (value.length > MAX_ARGUMENT_CHARS)
      throw new McpError(
        ErrorCode.InvalidParams,
        `${a.name}: at most ${MAX_ARGUMENT_CHARS} characters. 参数 ${a.name} 最多 ${MAX_ARGUMENT_CHARS} 个字符。`,
      );
    if (value) args[a.name] = value;
    else if (a.required)
      throw new McpError(
        ErrorCode.InvalidParams,
        `${a.name} is required, e.g. a game name. 缺少必填参数 ${a.name}（例如游戏名称）。`,
      );
  }
  return {
    description: prompt.description,
    messages: [{ role: 'user', content: { type: 'text', text: prompt.render(args) } }],
  };
}
