import { z } from 'zod';
import { UserError } from '../errors.js';

/** Argument schemas whose validation messages name the argument and its allowed range. */

export function intArg(name: string, min: number, max: number, fallback: number, description: string) {
  const range = `${name} must be an integer from ${min} to ${max}. ${name} 必须是 ${min} 到 ${max} 之间的整数。`;
  return z
    .number({ error: range })
    .int({ error: range })
    .min(min, { error: range })
    .max(max, { error: range })
    .default(fallback)
    .describe(description);
}

export function priceArg(name: string, description: string) {
  const range = `${name} must be a number ≥ 0 (store currency). ${name} 必须是 ≥ 0 的数字（商店货币）。`;
  return z
    .number({ error: range })
    .min(0, { error: range })
    .max(1_000_000, { error: range })
    .optional()
    .describe(description);
}

export function textArg(name: string, max: number, description: string) {
  const range = `${name} must be a non-empty string of at most ${max} characters. ${name} 必须是 1 到 ${max} 个字符的非空字符串。`;
  return z
    .string({ error: range })
    .trim()
    .min(1, { error: range })
    .max(max, { error: range })
    .describe(description);
}

/** No game matches `game_identifier` (AppID or name): what to check, what to try. */
export function gameNotFound(identifier: string): UserError {
  return new UserError(
    `No Steam game matches "${identifier}". Check the name or AppID, or find it with search_games. ` +
      `未找到与「${identifier}」匹配的游戏，请检查名称或 AppID，或先用 search_games 搜索。`,
    'NOT_FOUND',
  );
}
