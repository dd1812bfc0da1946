import { UpstreamError } from '../errors.js';
import type { OpenAiModule } from './openai-compatible.js';

/**
 * Maps whatever the SDK threw to an UpstreamError whose message holds no key, URL or
 * response body (those can echo secrets). A caller's abort is returned as its own reason.
 */
export function toUpstreamError(
  error: unknown,
  sdk: OpenAiModule | undefined,
  callerSignal: AbortSignal | undefined,
  timeoutSignal: AbortSignal,
  timeoutMs: number,
): unknown {
  if (callerSignal?.aborted) return callerSignal.reason;
  if (error instanceof UpstreamError) return error;
  if (timeoutSignal.aborted || (sdk && error instanceof sdk.APIConnectionTimeoutError)) {
    return new UpstreamError('LLM_TIMEOUT', `LLM did not answer within ${timeoutMs} ms`, { retryable: true });
  }
  if (sdk && error instanceof sdk.APIConnectionError) {
    return new UpstreamError('LLM_HTTP', 'LLM network error (connection failed)', { retryable: true });
  }
  if (sdk && error instanceof sdk.APIError && typeof error.status === 'number') {
    const status = error.status;
    const code =
      typeof error.code === 'string' && /^[\w.-]{1,40}$/.test(error.code) ? ` (${error.code})` : '';
    return new UpstreamError('LLM_HTTP', `LLM HTTP ${status}${code}`, {
      status,
      retryable: status === 429 || status >= 500,
    });
  }
  return new UpstreamError('LLM_HTTP', 'LLM call failed unexpectedly');
}

/** Label for metrics.llmCall. */
export function outcomeOf(error: unknown): string {
  if (error instanceof UpstreamError) return error.code;
  // A caller's time budget (AbortSignal.timeout, the recommend deadline) is still a timeout.
  return error instanceof Error && error.name === 'TimeoutError' ? 'LLM_TIMEOUT' : 'aborted';
}
