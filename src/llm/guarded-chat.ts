import { UpstreamError } from '../errors.js';
import type { CircuitBreaker } from '../http/circuit-breaker.js';
import type { ChatClient } from './chat-client.js';

/**
 * Puts a circuit breaker in front of the model: while it keeps failing (HTTP errors,
 * timeouts), recommendations go straight to rule-based ranking instead of each waiting
 * for LLM_TIMEOUT_MS.
 */
export function withCircuitBreaker(chat: ChatClient, breaker: CircuitBreaker): ChatClient {
  return {
    get available() {
      return chat.available;
    },
    async complete(req) {
      if (!breaker.allow()) {
        throw new UpstreamError('CIRCUIT_OPEN', 'LLM circuit is open', { retryAfterMs: breaker.retryInMs });
      }
      try {
        const response = await chat.complete(req);
        breaker.success();
        return response;
      } catch (error) {
        const outage =
          error instanceof UpstreamError && (error.code === 'LLM_HTTP' || error.code === 'LLM_TIMEOUT');
        if (outage && !req.signal?.aborted) breaker.failure();
        else breaker.release();
        throw error;
      }
    },
  };
}
