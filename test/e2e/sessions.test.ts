import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

const STEAM_OFF = { STEAM_STORE_URL: 'http://127.0.0.1:9', STEAM_API_URL: 'http://127.0.0.1:9' };
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

interface Health {
  status: string;
  sessions: { sse: number; streamable: number };
}

async function health(url: string): Promise<Health> {
  return (await (await fetch(`${url}/healthz`)).json()) as Health;
}

/** Opens GET /sse and reads up to the endpoint frame; the reader stays open for the caller. */
async function openSse(url: string, signal?: AbortSignal) {
  const res = await fetch(`${url}/sse`, { signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  let text = '';
  while (!text.includes('\n\n')) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before the endpoint frame: ${text}`);
    text += new TextDecoder().decode(value);
  }
  const sessionId = /sessionId=([0-9a-f-]{36})/.exec(text)?.[1];
  expect(sessionId).toBeDefined();
  return { reader, sessionId: sessionId! };
}

/** Initializes a Streamable HTTP session with raw requests; returns its Mcp-Session-Id. */
async function openStreamable(url: string): Promise<string> {
  const init = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: MCP_HEADERS,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    }),
  });
  expect(init.status).toBe(200);
  await init.text();
  const sessionId = init.headers.get('mcp-session-id');
  expect(sessionId).toBeTruthy();
  const initialized = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { ...MCP_HEADERS, 'mcp-session-id': sessionId! },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  expect(initialized.status).toBe(202);
  return sessionId!;
}

describe('idle sessions expire after SESSION_IDLE_TIMEOUT_MS', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({ ...STEAM_OFF, SESSION_IDLE_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('closes an idle SSE stream and an idle Streamable session within ~3 s', async () => {
    // Before the request: the session's last activity cannot be earlier than this.
    const opened = performance.now();
    const sse = await openSse(server.url);
    const streamableId = await openStreamable(server.url);
    expect((await health(server.url)).sessions).toEqual({ sse: 1, streamable: 1 });

    // Heartbeats are not activity: the stream must end by itself (done), not hang.
    const ended = (async () => {
      for (;;) if ((await sse.reader.read()).done) return performance.now();
    })();
    const endedAt = await Promise.race([
      ended,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error('SSE never closed')), 3_500)),
    ]);
    expect(endedAt - opened).toBeGreaterThanOrEqual(950);
    expect(endedAt - opened).toBeLessThan(3_200);

    await expect
      .poll(async () => (await health(server.url)).sessions, { timeout: 1_500, interval: 50 })
      .toEqual({ sse: 0, streamable: 0 });
    const expired = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...MCP_HEADERS, 'mcp-session-id': streamableId },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(expired.status).toBe(404);
    expect(((await expired.json()) as { error: { code: number } }).error.code).toBe(-32001);
    const gone = await fetch(`${server.url}/messages?sessionId=${sse.sessionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }),
    });
    expect(gone.status).toBe(404);
  });

  it('a session in use is not expired', async () => {
    const sessionId = await openStreamable(server.url);
    const deadline = performance.now() + 2_500;
    for (let id = 10; performance.now() < deadline; id++) {
      const res = await fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: { ...MCP_HEADERS, 'mcp-session-id': sessionId },
        body: JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' }),
      });
      expect(res.status).toBe(200);
      await res.text();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect((await health(server.url)).sessions.streamable).toBe(1);
  });
});

describe('disconnected clients do not leak sessions', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    // The default (30 min) idle timeout: only the disconnect itself can free a session here.
    // Per-client budgets raised: this test is about leaks, and every connection is one client.
    server = await startServerProcess({
      ...STEAM_OFF,
      MAX_SESSIONS: '50',
      SESSION_OPEN_PER_MINUTE: '100000',
      MAX_SESSIONS_PER_CLIENT: '1000',
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('200 quick SSE connect/disconnects in parallel batches leave 0 sessions', async () => {
    const total = 200;
    const batch = 25;
    for (let start = 0; start < total; start += batch) {
      await Promise.all(
        Array.from({ length: batch }, async (_, k) => {
          const controller = new AbortController();
          const i = start + k;
          if (i % 3 === 0) {
            // Leaves after reading the endpoint frame.
            const { reader } = await openSse(server.url, controller.signal);
            controller.abort();
            await reader.cancel().catch(() => undefined);
          } else if (i % 3 === 1) {
            // Leaves as soon as the headers arrive.
            const res = await fetch(`${server.url}/sse`, { signal: controller.signal });
            expect(res.status).toBe(200);
            controller.abort();
          } else {
            // Leaves before the answer: the request may or may not have reached the server.
            const pending = fetch(`${server.url}/sse`, { signal: controller.signal });
            setTimeout(() => controller.abort(), k % 5);
            await pending.then(
              (res) => res.body?.cancel(),
              () => undefined,
            );
          }
        }),
      );
    }
    // MAX_SESSIONS is 50 < 200: a leak would also have shown as 503s above.
    await expect
      .poll(async () => (await health(server.url)).sessions, { timeout: 3_000, interval: 50 })
      .toEqual({ sse: 0, streamable: 0 });
    const { reader } = await openSse(server.url);
    expect((await health(server.url)).sessions.sse).toBe(1);
    await reader.cancel();
    await expect.poll(async () => (await health(server.url)).sessions.sse, { timeout: 2_000 }).toBe(0);
  });
});
