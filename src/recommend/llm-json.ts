import { UpstreamError } from '../errors.js';

/**
 * The JSON object inside a model answer: tolerates ```json fences, <think> blocks and
 * text before or after the object. Throws LLM_BAD_OUTPUT when there is none.
 */
export function extractJsonObject(text: string): Record<string, unknown> {
  const cleaned = text.replace(/<think>[\s\S]*?<\/think>/gi, '').replace(/```(?:json)?/gi, '');
  const start = cleaned.indexOf('{');
  const end = cleaned.lastIndexOf('}');
  if (start < 0 || end <= start)
    throw new UpstreamError('LLM_BAD_OUTPUT', 'No JSON object in the LLM answer');
  let parsed: unknown;
  try {
    parsed = JSON.parse(cleaned.slice(start, end + 1));
  } catch {
    throw new UpstreamError('LLM_BAD_OUTPUT', 'The LLM answer is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UpstreamError('LLM_BAD_OUTPUT', 'The LLM answer is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** 42, "42", "¥42", "42元" → 42; anything else → null. */
export function looseNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const match = /-?\d+(?:\.\d+)?/.exec(value.replace(/,/g, ''));
  return match ? Number(match[0]) : null;
}

/** Longest item of a list the model returns (keywords, tags, wishes, highlights). */
export const LIST_ITEM_CHARS = 60;

/** ["a","b"] or "a, b" → ["a","b"]; non-strings dropped; at most `max` items of `maxChars` each. */
export function looseStringList(value: unknown, max = 10, maxChars = LIST_ITEM_CHARS): string[] {
  const list = typeof value === 'string' ? value.split(/[,，、;；]/) : Array.isArray(value) ? value : [];
  return list
    .slice(0, max * 4) // a model answer is bounded anyway; this bounds the work on a huge one
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map((v) => capChars(String(v).trim(), maxChars))
    .filter(Boolean)
    .slice(0, max);
}

/**
 * `text` cut to at most `max` characters (code points, so no half surrogate pair) with "…".
 * Model output and store text reach prompts and answers: none of it may be unbounded.
 */
export function capChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}
