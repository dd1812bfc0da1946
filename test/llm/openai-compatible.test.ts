import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { unavailableChatClient } from '../../src/llm/chat-client.js';
import { createOpenAiChatClient, type OpenAiChatOptions } from '../../src/llm/openai-compatible.js';
import type { Metrics } from '../../src/observability/metrics.js';
import { noopMetrics } from '../../src/observability/metrics.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';

const KEY = 'sk-test-SECRET-0123456789';
let llm: FakeLlm;
beforeEach(async () => {
  llm = await startFakeLlm();
});
afterEach(async () => {
  await llm.close();
});

const config = (over: Partial<OpenAiChatOptions> = {}): OpenAiChatOptions => ({
  apiKey: KEY,
  baseUrl: llm.baseUrl,
  model: 'qwen3-max',
  timeoutMs: 2000,
  ...over,
});
const request = { purpose: 'test', system: 'Reply with JSON.', user: 'hello', json: true };

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe('createOpenAiChatClient', () => {
  it('returns the unavailable client without a key', async () => {
    const chat = createOpenAiChatClient(config({ apiKey: undefined }), {
      loadSdk: () => import('openai'),
      logger: captureLogger().logger,
    });
    expect(chat).toBe(unavailableChatClient);
    expect(chat.available).toBe(false);
    expect((await failure(chat.complete(request))).code).toBe('LLM_UNAVAILABLE');
  });

  it('sends model, JSON mode, enable_thinking:false for qwen3 and the bearer key', async () => {
    llm.setResponder(() => ({ content: '{"ok":true}' }));
    const outcomes: string[] = [];
    const metrics: Metrics = {
      ...noopMetrics,
      llmCall: (purpose, outcome) => outcomes.push(`${purpose}:${outcome}`),
    };
    const chat = createOpenAiChatClient(config(), {
      loadSdk: () => import('openai'),
      logger: captureLogger().logger,
      metrics,
    });
    const answer = await chat.complete({ ...request, maxTokens: 123 });
    expect(answer.text).toBe('{"ok":true}');
    expect(answer.promptChars).toBe(request.system.length + request.user.length);
    const [call] = llm.calls;
    expect(call?.path).toBe('/v1/chat/completions');
    expect(call?.authorization).toBe(`Bearer ${KEY}`);
    expect(call?.body).toMatchObject({
      model: 'qwen3-max',
      response_format: { type: 'json_object' },
      enable_thinking: false,
      max_tokens: 123,
      messages: [
        { role: 'system', content: request.system },
        { role: 'user', content: 'hello' },
      ],
    });
    expect(outcomes).toEqual(['test:ok']);
  });

  it('does not send enable_thinking to other models', async () => {
    const chat = createOpenAiChatClient(config({ model: 'qwen-plus' }), {
      loadSdk: () => import('openai'),
      logger: captureLogger().logger,
    });
    await chat.complete({ ...request, json: false });
    expect(llm.calls[0]?.body.enable_thinking).toBeUndefined();
    expect(llm.calls[0]?.body.response_format).toBeUndefined();
  });

  it('maps HTTP 500 to LLM_HTTP without leaking the key', async () => {
    llm.setResponder(() => ({ status: 500, raw: `{"error":{"message":"boom ${KEY}"}}` }));
    const { logger, output } = captureLogger();
    const chat = createOpenAiChatClient(config(), { loadSdk: () => import('openai'), logger });
    const error = await failure(chat.complete({ ...request, maxRetries: 0 }));
    expect(error.code).toBe('LLM_HTTP');
    expect(error.status).toBe(500);
    expect(error.message).not.toContain(KEY);
    expect(String(error.stack)).not.toContain(KEY);
    expect(output()).toContain('LLM_HTTP');
    expect(output()).not.toContain(KEY);
    expect(llm.count()).toBe(1);
  });

  it('retries a failed call once by default', async () => {
    llm.setResponder((_body, i) =>
      i === 0 ? { status: 503, headers: { 'retry-after-ms': '10' } } : { content: '{}' },
    );
    const chat = createOpenAiChatClient(config(), {
      loadSdk: () => import('openai'),
      logger: captureLogger().logger,
    });
    expect((await chat.complete(request)).text).toBe('{}');
    expect(llm.count()).toBe(2);
  });

  it('maps a slow answer to LLM_TIMEOUT within about the timeout', async () => {
    llm.setResponder(() => ({ delayMs: 5000, content: '{}' }));
    const { logger, output } = captureLogger();
    const chat = createOpenAiChatClient(config({ timeoutMs: 300 }), {
      loadSdk: () => import('openai'),
      logger,
    });
    const started = Date.now();
    const error = await failure(chat.complete(request));
    expect(error.code).toBe('LLM_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(output()).not.toContain(KEY);
  });

  it('maps a refused connection to LLM_HTTP', async () => {
    const chat = createOpenAiChatClient(config({ baseUrl: 'http://127.0.0.1:1/v1' }), {
      loadSdk: () => import('openai'),
      logger: captureLogger().logger,
    });
    const error = await failure(chat.complete({ ...request, maxRetries: 0 }));
    expect(error.code).toBe('LLM_HTTP');
    expect(error.message).not.toContain(KEY);
  });

  it('stops when the caller aborts and rejects with the abort reason', async () => {
    llm.setResponder(() => ({ delayMs: 5000, content: '{}' }));
    const chat = createOpenAiChatClient(config(), {
      loadSdk: () => import('openai'),
      logger: captureLogger().logger,
    });
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    // Abort once the request is in flight (the SDK loads lazily, slowly on a busy machine).
    const inFlight = setInterval(() => {
      if (llm.count() === 1) {
        clearInterval(inFlight);
        started = Date.now();
        controller.abort(reason);
      }
    }, 5);
    let started = Infinity;
    await expect(chat.complete({ ...request, signal: controller.signal })).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(llm.count()).toBe(1);
  });

  it('uses an injected fetch', async () => {
    let fetched = 0;
    const countingFetch: typeof fetch = (input, init) => {
      fetched++;
      return fetch(input, init);
    };
    const chat = createOpenAiChatClient(config(), {
      loadSdk: () => import('openai'),
      logger: captureLogger().logger,
      fetch: countingFetch,
    });
    await chat.complete(request);
    expect(fetched).toBe(1);
  });

  it('rejects an empty answer as LLM_BAD_OUTPUT', async () => {
    llm.setResponder(() => ({ content: '   ' }));
    const chat = createOpenAiChatClient(config(), {
      loadSdk: () => import('openai'),
      logger: captureLogger().logger,
    });
    expect((await failure(chat.complete(request))).code).toBe('LLM_BAD_OUTPUT');
  });
});
