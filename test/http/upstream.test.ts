import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { Semaphore } from '../../src/http/semaphore.js';
import { Upstream, type FetchLike } from '../../src/http/upstream.js';
import { noopMetrics } from '../../src/observability/metrics.js';
import { silentLogger } from '../../src/observability/logger.js';
import { parseRetryAfter } from '../../src/http/retry.js';

function upstream(fetch: FetchLike, overrides: Partial<ConstructorParameters<typeof Upstream>[0]> = {}) {
  const waits: number[] = [];
  const client = new Upstream({
    target: 'test',
    fetch,
    timeoutMs: 200,
    retries: 2,
    limiter: new Semaphore(2),
    codes: { http: 'STEAM_HTTP', rateLimited: 'STEAM_RATE_LIMITED', timeout: 'STEAM_TIMEOUT' },
    metrics: noopMetrics,
    logger: silentLogger,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    ...overrides,
  });
  return { client, waits };
}

const respond = (status: number, body = '', headers: Record<string, string> = {}) =>
  new Response(body, { status, headers });

describe('Upstream', () => {
  it('retries 503 then succeeds, with backoff', async () => {
    const answers = [respond(503), respond(502), respond(200, 'ok')];
    const { client, waits } = upstream(async () => answers.shift()!);
    expect((await client.get('http://x/')).body).toBe('ok');
    expect(waits).toHaveLength(2);
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
  });

  it('honours Retry-After on 429', async () => {
    const answers = [respond(429, '', { 'retry-after': '2' }), respond(200, 'ok')];
    const { client, waits } = upstream(async () => answers.shift()!);
    await client.get('http://x/');
    expect(waits).toEqual([2000]);
  });

  it('fails fast with the wait when Retry-After is longer than it will wait', async () => {
    let calls = 0;
    const { client } = upstream(async () => (calls++, respond(429, '', { 'retry-after': '120' })));
    const error = await client.get('http://x/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'STEAM_RATE_LIMITED', retryAfterMs: 120_000 });
    expect(calls).toBe(1);
  });

  it('does not retry a 404', async () => {
    let calls = 0;
    const { client } = upstream(async () => (calls++, respond(404)));
    await expect(client.get('http://x/')).rejects.toMatchObject({ code: 'STEAM_HTTP', status: 404 });
    expect(calls).toBe(1);
  });

  it('times out a hung request as STEAM_TIMEOUT after its retries', async () => {
    let calls = 0;
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        calls++;
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
      });
    const { client } = upstream(hang, { timeoutMs: 30, retries: 1 });
    await expect(client.get('http://x/')).rejects.toMatchObject({ code: 'STEAM_TIMEOUT' });
    expect(calls).toBe(2);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    let calls = 0;
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        calls++;
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
      });
    const { client } = upstream(hang, { timeoutMs: 5_000 });
    const controller = new AbortController();
    const pending = client.get('http://x/', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled')), 10);
    await expect(pending).rejects.toThrow('cancelled');
    expect(calls).toBe(1);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow: FetchLike = async () => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
      return respond(200, 'ok');
    };
    const { client } = upstream(slow);
    await Promise.all(Array.from({ length: 8 }, () => client.get('http://x/')));
    expect(peak).toBe(2);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
