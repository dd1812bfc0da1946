import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { readSseFrames } from '../helpers/sse.js';

const readFrames = (url: string, count: number, signal: AbortSignal) =>
  readSseFrames(`${url}/sse`, count, signal);

describe('HTTP edges of the server', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({
      SSE_HEARTBEAT_MS: '1000',
      MAX_SESSIONS: '3',
      MAX_BODY_BYTES: '2048',
      STEAM_STORE_URL: 'http://127.0.0.1:9',
      STEAM_API_URL: 'http://127.0.0.1:9',
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('GET /sse sends the endpoint frame first, exactly as the SDK writes it, then heartbeats', async () => {
    const controller = new AbortController();
    const frames = await readFrames(server.url, 2, controller.signal);
    controller.abort();
    expect(frames[0]).toMatch(/^event: endpoint\ndata: \/messages\?sessionId=[0-9a-f-]{36}$/);
    expect(frames[1]).toBe(': ping');
  });

  it('answers /healthz and / without touching upstreams', async () => {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', version: '0.1.0', sessions: { sse: expect.any(Number) } });
    const root = (await (await fetch(`${server.url}/`)).json()) as { endpoints: unknown };
    expect(root.endpoints).toMatchObject({ sse: '/sse', mcp: '/mcp' });
  });

  it('unknown SSE session → 404 with a JSON-RPC error', async () => {
    const res = await fetch(`${server.url}/messages?sessionId=00000000-0000-0000-0000-000000000000`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(-32001);
  });

  it('malformed JSON → 400 parse error; a non-JSON-RPC object → 400 invalid request; no stack traces', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
        body,
      });
    const garbage = await post('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(garbage.status).toBe(400);
    const parseError = (await garbage.json()) as { error: { code: number } };
    expect(parseError.error.code).toBe(-32700);
    const notRpc = await post(JSON.stringify({ hello: 'world' }));
    expect(notRpc.status).toBe(400);
    expect(await notRpc.text()).not.toMatch(/at .*\.js:\d+/);
  });

  it('a body over MAX_BODY_BYTES → 413', async () => {
    const res = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'x', params: { pad: 'x'.repeat(4096) } }),
    });
    expect(res.status).toBe(413);
  });

  it('unknown Streamable HTTP session → 404', async () => {
    const res = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': 'nope',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(404);
  });

  it('caps sessions with 503 + Retry-After, and frees the slot when a client leaves', async () => {
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    await Promise.all(controllers.map((c) => readFrames(server.url, 1, c.signal)));
    const refused = await fetch(`${server.url}/sse`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    for (const c of controllers) c.abort();
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${server.url}/healthz`)).json()) as { sessions: { sse: number } }).sessions
            .sse,
      )
      .toBe(0);
    const again = new AbortController();
    expect((await readFrames(server.url, 1, again.signal))[0]).toContain('event: endpoint');
    again.abort();
  });
});
