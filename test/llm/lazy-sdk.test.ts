import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/observability/logger.js';
import { createOpenAiChatClient } from '../../src/llm/openai-compatible.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';

const sdk = vi.hoisted(() => ({ loads: 0 }));
vi.mock('openai', async (importOriginal) => {
  sdk.loads++;
  return importOriginal();
});

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(async () => {
  await llm.close();
});

it('loads the OpenAI SDK on the first call only, not at start-up', async () => {
  const config = { apiKey: 'sk-lazy', baseUrl: llm.baseUrl, model: 'qwen-plus', timeoutMs: 2000 };
  const chat = createOpenAiChatClient(config, { loadSdk: () => import('openai'), logger: silentLogger });
  expect(sdk.loads).toBe(0);
  const request = { purpose: 'test', system: 's', user: 'u', json: false };
  await Promise.all([chat.complete(request), chat.complete(request)]);
  await chat.complete(request);
  expect(sdk.loads).toBe(1);
  expect(llm.count()).toBe(3);
});
