/**
 * Error classes with stable codes. Codes drive retries, metrics labels and tests;
 * messages of UserError are written for the model/user, everything else is replaced
 * by a generic message before it leaves the server.
 */

export type UpstreamCode =
  | 'STEAM_HTTP'
  | 'STEAM_RATE_LIMITED'
  | 'STEAM_TIMEOUT'
  | 'STEAM_PARSE'
  | 'STEAM_UNAVAILABLE'
  | 'STEAM_BUSY'
  | 'LLM_HTTP'
  | 'LLM_TIMEOUT'
  | 'LLM_BAD_OUTPUT'
  | 'LLM_UNAVAILABLE'
  | 'CIRCUIT_OPEN'
  | 'ITAD_HTTP'
  | 'ITAD_RATE_LIMITED'
  | 'ITAD_TIMEOUT'
  | 'ITAD_PARSE';

/** A problem the caller can fix (bad argument, nothing found). Its message is shown as is. */
export class UserError extends Error {
  readonly code: string;
  constructor(message: string, code = 'INVALID_ARGUMENT') {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An upstream (Steam, LLM) failed. `retryable` drives retry; the message is for logs only. */
export class UpstreamError extends Error {
  readonly code: UpstreamCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly retryable: boolean;
  constructor(
    code: UpstreamCode,
    message: string,
    opts: { status?: number; retryAfterMs?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
    this.retryable = opts.retryable ?? false;
  }
}

/** One or more environment variables are invalid. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = new.target.name;
    this.problems = problems;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** A message safe to show to a client: UserError text as is, upstream failures by code. */
export function publicMessage(error: unknown): string {
  if (error instanceof UserError) return error.message;
  if (error instanceof UpstreamError) return upstreamHint(error);
  if (isAbortError(error)) return 'The request was cancelled or timed out. 请求已取消或超时。';
  return 'Internal error. 服务器内部错误。';
}

function upstreamHint(error: UpstreamError): string {
  switch (error.code) {
    case 'STEAM_RATE_LIMITED': {
      const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 30_000) / 1000));
      return `Steam is rate-limiting requests; retry in about ${seconds} s. Steam 正在限流，请约 ${seconds} 秒后重试。`;
    }
    case 'STEAM_BUSY': {
      const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 30_000) / 1000));
      return `This service has used its Steam request budget for now; retry in about ${seconds} s. 本服务的 Steam 请求额度暂时用完，请约 ${seconds} 秒后重试。`;
    }
    case 'STEAM_TIMEOUT':
      return 'Steam did not answer in time; retry shortly. Steam 响应超时，请稍后重试。';
    case 'CIRCUIT_OPEN':
      return 'Steam is currently failing; requests are paused briefly. Retry in a few seconds. Steam 暂时不可用，请稍后重试。';
    case 'STEAM_PARSE':
      return 'Steam returned an unexpected response (STEAM_PARSE); retry later. Steam 返回了无法解析的数据，请稍后重试。';
    default:
      if (error.code.startsWith('LLM')) return `The language model failed (${error.code}). 大模型调用失败。`;
      if (error.code.startsWith('ITAD'))
        return `IsThereAnyDeal failed (${error.code}). IsThereAnyDeal 请求失败。`;
      return `Steam request failed (${error.code}); retry later. Steam 请求失败，请稍后重试。`;
  }
}

/** Log fields for an expected upstream failure: code and message, without the stack. */
export function upstreamLogFields(error: unknown): Record<string, unknown> {
  if (error instanceof UpstreamError) return { code: error.code, status: error.status, error: error.message };
  return { err: error };
}
