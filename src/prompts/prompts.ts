import type { GetPromptResult, ListPromptsResult } from '@modelcontextprotocol/sdk/types.js';
import type { Completion, PromptCompleter } from './complete.js';
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
 * What a session's server answers prompts/list, prompts/get and completion/complete with;
 * shared by every session.
 */
export interface Prompts {
  list(): ListPromptsResult;
  /** The prompt's message, or a string saying which argument is wrong (invalid params). */
  get(name: string, args: Record<string, string>): GetPromptResult | string;
  /** `admitLookup` caps the client's store lookups (see PromptCompleter.complete). */
  complete(
    prompt: string,
    argument: string,
    value: string,
    admitLookup: () => Promise<boolean> | boolean,
  ): Promise<Completion>;
}

export function createPrompts(completer: PromptCompleter): Prompts {
  return {
    list: () => ({ prompts: LISTED }),
    get: getPrompt,
    complete: (prompt, argument, value, admitLookup) =>
      completer.complete(prompt, argument, value, admitLookup),
  };
}

export function getPrompt(name: string, raw: Record<string, string>): GetPromptResult | string {
  const prompt = PROMPTS.find((p) => p.name === name);
  if (!prompt) {
    const names = PROMPTS.map((p) => p.name).join(', ');
    const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
    return `Unknown prompt "${shown}". Prompts: ${names}. 未知提示词。`;
  }
  const args: Record<string, string> = {};
  for (const a of prompt.arguments) {
    // One line, no quotes: the value is quoted inside the instructions it is placed in.
    const value = String(raw[a.name] ?? '')
      .replace(/["“”\s]+/g, ' ')
      .trim();
    if (value.length > MAX_ARGUMENT_CHARS)
      return `${a.name}: at most ${MAX_ARGUMENT_CHARS} characters. 参数 ${a.name} 最多 ${MAX_ARGUMENT_CHARS} 个字符。`;
    if (value) args[a.name] = value;
    else if (a.required)
      return `${a.name} is required, e.g. a game name. 缺少必填参数 ${a.name}（例如游戏名称）。`;
  }
  return {
    description: prompt.description,
    messages: [{ role: 'user', content: { type: 'text', text: prompt.render(args) } }],
  };
}
