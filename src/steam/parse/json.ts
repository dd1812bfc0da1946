import type { z } from 'zod';
import { UpstreamError } from '../../errors.js';

export function parseError(what: string, cause?: unknown): UpstreamError {
  return new UpstreamError('STEAM_PARSE', what, cause === undefined ? {} : { cause });
}

/** JSON.parse + zod validation; any drift becomes STEAM_PARSE naming the endpoint. */
export function parseJsonBody<T extends z.ZodType>(body: string, schema: T, what: string): z.output<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    throw parseError(`${what}: body is not JSON`, error);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid shape';
    throw parseError(`${what}: unexpected shape at ${where}`);
  }
  return result.data;
}
