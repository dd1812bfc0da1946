/** Reading the model's answers, and saying why (bilingual, secret-free) when there was no usable one. */
import { UpstreamError, isAbortError } from '../errors.js';

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

type LlmStage = 'analysis' | 'scoring';

const FALLBACK: Record<LlmStage, { zh: string; en: string }> = {
  analysis: { zh: '已按规则解析需求', en: 'the request was parsed by rules' },
  scoring: { zh: '已按规则评分排序', en: 'games were ranked by rules' },
};

/** A human-readable, secret-free note on why a stage fell back to rules (Chinese / English). */
export function llmFailureReason(stage: LlmStage, error: unknown): string {
  const { zh, en } = FALLBACK[stage];
  const what = stage === 'analysis' ? 'LLM analysis' : 'LLM scoring';
  const code = error instanceof UpstreamError ? error.code : isAbortError(error) ? 'LLM_TIMEOUT' : 'LLM_HTTP';
  switch (code) {
    case 'LLM_UNAVAILABLE':
      return `未配置大模型（DASHSCOPE_API_KEY），${zh} / No LLM configured; ${en}`;
    case 'LLM_TIMEOUT':
      return `大模型响应超时，${zh} / ${what} timed out; ${en}`;
    case 'LLM_BAD_OUTPUT':
      return `大模型返回了无法解析的内容，${zh} / ${what} returned unusable output; ${en}`;
    default: {
      const status = error instanceof UpstreamError && error.status ? ` HTTP ${error.status}` : '';
      return `大模型调用失败${status}，${zh} / ${what} failed${status}; ${en}`;
    }
  }
}

/** One note instead of two when no model is configured at all. */
export const NO_LLM_REASON =
  '未配置大模型（DASHSCOPE_API_KEY），已按规则解析需求并排序 / No LLM configured; the request was parsed and games ranked by rules';
