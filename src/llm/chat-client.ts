import { UpstreamError } from '../errors.js';

export interface ChatRequest {
  /** Metrics / log label, e.g. "analyze" or "rank". */
  purpose: string;
  system: string;
  user: string;
  /** Ask for a JSON object (response_format json_object). */
  json: boolean;
  maxTokens?: number;
  /** Overrides the client's retry count for this call (the pipeline uses it to bound total calls). */
  maxRetries?: number;
  signal?: AbortSignal;
}

export interface ChatResponse {
  text: string;
  /** Size of system + user prompt, for logs and tests. */
  promptChars: number;
}

/**
 * A chat-completions model. Failures are UpstreamError with an LLM_* code:
 * LLM_TIMEOUT (too slow), LLM_HTTP (HTTP or network), LLM_BAD_OUTPUT (empty answer),
 * LLM_UNAVAILABLE (not configured). A caller's abort rejects with the signal's reason.
 */
export interface ChatClient {
  complete(req: ChatRequest): Promise<ChatResponse>;
  /** False when no model is configured: callers skip the call and use rules. */
  readonly available: boolean;
}

export const unavailableChatClient: ChatClient = {
  available: false,
  complete() {
    return Promise.reject(
      new UpstreamError('LLM_UNAVAILABLE', 'No LLM API key configured (DASHSCOPE_API_KEY).'),
    );
  },
};
