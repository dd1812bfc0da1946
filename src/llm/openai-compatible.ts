import type * as OpenAiSdk from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type OpenAI from 'openai';
import { UpstreamError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { noopMetrics } from '../observability/metrics.js';
import type { ChatClient, ChatRequest, ChatResponse } from './chat-client.js';
import { unavailableChatClient } from './chat-client.js';
import { outcomeOf, toUpstreamError } from './openai-errors.js';

export type OpenAiModule = typeof OpenAiSdk;

/** Where and how to reach the model; the composition root fills it from the LLM_* settings. */
export interface OpenAiChatOptions {
  /** Unset: the client reports itself unavailable and the recommender ranks by rules. */
  readonly apiKey: string | undefined;
  readonly baseUrl: string;
  readonly model: string;
  /** One budget for a whole call, retries included. */
  readonly timeoutMs: number;
}

export interface OpenAiChatDeps {
  /** Loads the SDK, at the first call (the server's is lazy.openai: off the start-up path). */
  loadSdk: () => Promise<OpenAiModule>;
  logger: Logger;
  metrics?: Metrics;
  /** Tests point this at a loopback fake; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** An OpenAI-compatible chat client (DashScope by default). No key → unavailableChatClient. */
export function createOpenAiChatClient(config: OpenAiChatOptions, deps: OpenAiChatDeps): ChatClient {
  const apiKey = config.apiKey;
  if (!apiKey) return unavailableChatClient;
  const metrics = deps.metrics ?? noopMetrics;
  let sdk: OpenAiModule | undefined;
  let client: Promise<OpenAI> | undefined;

  const getClient = (): Promise<OpenAI> =>
    (client ??= deps.loadSdk().then(
      (mod) => {
        sdk = mod;
        return new mod.OpenAI({
          apiKey,
          baseURL: config.baseUrl,
          timeout: config.timeoutMs,
          maxRetries: 1,
          organization: null,
          project: null,
          logLevel: 'off',
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
        });
      },
      (error: unknown) => {
        client = undefined;
        throw new UpstreamError('LLM_UNAVAILABLE', 'Could not load the OpenAI SDK', { cause: error });
      },
    ));

  async function complete(req: ChatRequest): Promise<ChatResponse> {
    const started = performance.now();
    const promptChars = req.system.length + req.user.length;
    // One budget for the whole call, retries included; the SDK's own timeout is per attempt.
    const timeoutSignal = AbortSignal.timeout(config.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeoutSignal]) : timeoutSignal;
    try {
      req.signal?.throwIfAborted();
      const openai = await getClient();
      const completion = await openai.chat.completions.create(buildParams(config.model, req), {
        signal,
        ...(req.maxRetries === undefined ? {} : { maxRetries: req.maxRetries }),
      });
      const text = completion.choices[0]?.message?.content ?? '';
      if (!text.trim()) throw new UpstreamError('LLM_BAD_OUTPUT', 'LLM returned an empty answer');
      const ms = performance.now() - started;
      metrics.llmCall(req.purpose, 'ok', ms);
      deps.logger.debug({ purpose: req.purpose, promptChars, ms: Math.round(ms) }, 'llm call ok');
      return { text, promptChars };
    } catch (error) {
      const mapped = toUpstreamError(error, sdk, req.signal, timeoutSignal, config.timeoutMs);
      const ms = performance.now() - started;
      metrics.llmCall(req.purpose, outcomeOf(mapped), ms);
      if (mapped instanceof UpstreamError) {
        deps.logger.warn(
          { purpose: req.purpose, code: mapped.code, status: mapped.status, ms: Math.round(ms) },
          `llm call failed: ${mapped.message}`,
        );
      }
      throw mapped;
    }
  }

  return { available: true, complete };
}

function buildParams(model: string, req: ChatRequest): ChatCompletionCreateParamsNonStreaming {
  const params = {
    model,
    messages: [
      { role: 'system' as const, content: req.system },
      { role: 'user' as const, content: req.user },
    ],
    ...(req.json ? { response_format: { type: 'json_object' as const } } : {}),
    ...(req.maxTokens ? { max_tokens: req.maxTokens } : {}),
    // DashScope's Qwen3 models think by default, which is slow and breaks JSON mode.
    ...(model.toLowerCase().startsWith('qwen3') ? { enable_thinking: false } : {}),
  };
  return params as ChatCompletionCreateParamsNonStreaming;
}
