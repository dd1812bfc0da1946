import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIALIZE, MCP_HEADERS, openSseSession, rawRequest } from '../helpers/raw-http.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

const STEAM_OFF = { STEAM_STORE_URL: 'http://127.0.0.1:9', STEAM_API_URL: 'http://127.0.0.1:9' };
const listBatch = (n: number, from = 0) =>
  JSON.stringify(
    Array.from({ length: n }, (_, i) => ({ jsonrpc: '2.0', id: from + i, method: 'tools/list' })),
  );
const postMessages = (url: string, sessionId: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/messages?sessionId=${sessionId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('per-client message budget and batch cap', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({ ...STEAM_OFF, MESSAGE_RATE_LIMIT_PER_MINUTE: '150' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses a batch of 101 (400) and counts every message of a batch against the budget (429)', async () => {
    const sse = await openSseSession(server.url);
    const tooLong = await postMessages(server.url, sse.sessionId, listBatch(101));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toMatch(/at most 100 messages/);
    expect((await postMessages(server.url, sse.sessionId, listBatch(100))).status).toBe(202);
    const limited = await postMessages(server.url, sse.sessionId, listBatch(60, 100));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toMatch(/at most 150 JSON-RPC messages per minute/);
    // The same budget covers /mcp: not only tool calls count.
    const mcp = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: MCP_HEADERS,
      body: listBatch(60, 200),
    });
    expect(mcp.status).toBe(429);
    sse.controller.abort();
  });
});

describe('session opens: per-client rate, per-client cap, initialize deadline, proxy trust', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({
      ...STEAM_OFF,
      SESSION_OPEN_PER_MINUTE: '6',
      MAX_SESSIONS_PER_CLIENT: '3',
      SESSION_INIT_TIMEOUT_MS: '1000',
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('closes an SSE session that never initializes; an initialized one stays', async () => {
    const idle = await openSseSession(server.url);
    const used = await openSseSession(server.url);
    expect((await postMessages(server.url, used.sessionId, JSON.stringify(INITIALIZE))).status).toBe(202);
    const started = performance.now();
    for (;;) if ((await idle.reader.read()).done) break;
    expect(performance.now() - started).toBeLessThan(3_000);
    expect((await postMessages(server.url, idle.sessionId, listBatch(1))).status).toBe(404);
    expect((await postMessages(server.url, used.sessionId, listBatch(1))).status).toBe(202);
    used.controller.abort();
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${server.url}/healthz`)).json()) as { sessions: { sse: number } }).sessions
            .sse,
      )
      .toBe(0);
  });

  it('caps open sessions per client, and a rotating X-Forwarded-For does not make a new client', async () => {
    const open = await Promise.all([0, 1, 2].map(() => openSseSession(server.url)));
    const fourth = await fetch(`${server.url}/sse`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(fourth.status).toBe(429);
    expect(await fourth.text()).toMatch(/at most 3 open sessions per client/);
    const init = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...MCP_HEADERS, 'x-forwarded-for': '203.0.113.8' },
      body: JSON.stringify(INITIALIZE),
    });
    expect(init.status).toBe(429);
    for (const s of open) s.controller.abort();
  });

  it('limits how fast one client opens sessions', async () => {
    // Two opens in the test above and five here exceed 6 a minute even though each closes at once.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/sse`);
      statuses.push(res.status);
      await res.body?.cancel();
    }
    expect(statuses).toContain(429);
  });
});

describe('behind a trusted proxy (TRUST_PROXY_HOPS=1)', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({ ...STEAM_OFF, TRUST_PROXY_HOPS: '1', MAX_SESSIONS_PER_CLIENT: '1' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('keys budgets on the address the proxy appended, not on what the client claimed left of it', async () => {
    const a = await openSseSession(server.url, { 'x-forwarded-for': '198.51.100.1' });
    // Same proxy-seen address with a forged entry on the left: still the same client.
    const forged = await fetch(`${server.url}/sse`, {
      headers: { 'x-forwarded-for': '10.9.9.9, 198.51.100.1' },
    });
    expect(forged.status).toBe(429);
    const b = await openSseSession(server.url, { 'x-forwarded-for': '198.51.100.2' });
    a.controller.abort();
    b.controller.abort();
  });
});

describe('request bodies bounded in size and time; unread streams closed', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({
      ...STEAM_OFF,
      BODY_TIMEOUT_MS: '1000',
      MAX_BODY_BYTES: '4096',
      SSE_MAX_BUFFER_BYTES: '65536',
      SSE_HEARTBEAT_MS: '1000',
      MESSAGE_RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers 408 to a body that does not arrive in time, without cutting an open SSE stream', async () => {
    const sse = await openSseSession(server.url);
    const slow = await rawRequest(
      server.port,
      'POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"jsonrpc"',
      { timeoutMs: 5_000 },
    );
    expect(slow.timedOut).toBe(false);
    expect(slow.status).toBe(408);
    expect(slow.elapsedMs).toBeGreaterThan(900);
    // The SSE response, open longer than BODY_TIMEOUT_MS, still delivers heartbeats.
    const { value } = await sse.reader.read();
    expect(new TextDecoder().decode(value)).toContain(': ping');
    sse.controller.abort();
  });

  it('a client still sending a too-large body (Node fetch, as the SDK does) reads the 413', async () => {
    const res = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: MCP_HEADERS,
      body: 'x'.repeat(512 * 1024),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/too large/);
  });

  it('closes an SSE session whose client stops reading once its buffer passes the bound', async () => {
    const sse = await openSseSession(server.url);
    expect((await postMessages(server.url, sse.sessionId, JSON.stringify(INITIALIZE))).status).toBe(202);
    // Never read again: each batch answers ~100 tool listings into the stream.
    let status = 202;
    for (let i = 0; i < 40 && status === 202; i++) {
      status = (await postMessages(server.url, sse.sessionId, listBatch(40, i * 100))).status;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(404);
    await expect.poll(() => server.logs.some((l) => l.includes('sse client not reading'))).toBe(true);
    sse.controller.abort();
  });
});
