import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIALIZE, MCP_HEADERS, openSseSession, rawRequest } from '../helpers/raw-http.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

const TOKEN = 'public-access-token-0123456789';
const METRICS_TOKEN = 'metrics-only-token-0123456789';
const STEAM_OFF = { STEAM_STORE_URL: 'http://127.0.0.1:9', STEAM_API_URL: 'http://127.0.0.1:9' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Spellings of /mcp that the router resolves to /mcp: none may skip the token check. */
const MCP_SPELLINGS = [
  '/mcp',
  '/mcp/',
  '/mcp//',
  '/./mcp',
  '/x/../mcp',
  '/%2e/mcp',
  '/mcp/.',
  '/a/b/../../mcp',
];

describe('default-deny access with MCP_AUTH_TOKEN', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({ ...STEAM_OFF, MCP_AUTH_TOKEN: TOKEN, LOG_LEVEL: 'debug' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each(MCP_SPELLINGS)('POST %s without the token → 401, with it → 200', async (path) => {
    const init = (headers: Record<string, string>) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { ...MCP_HEADERS, ...headers },
        body: JSON.stringify(INITIALIZE),
      });
    const denied = await init({});
    expect(denied.status).toBe(401);
    expect(denied.headers.get('mcp-session-id')).toBeNull();
    const allowed = await init(bearer(TOKEN));
    expect(allowed.status).toBe(200);
    await allowed.text();
  });

  it('paths that are not on the open list need the token, even unknown ones and %2F spellings', async () => {
    for (const path of ['/mcp%2F', '/mcp%2f', '/%2Fmcp', '/sse/', '/messages/', '/nope', '/healthz/x']) {
      const res = await fetch(`${server.url}${path}`, { method: 'POST', body: '{}' });
      expect(res.status, path).toBe(401);
    }
    expect((await fetch(`${server.url}/sse/`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: bearer(TOKEN) })).status).toBe(200);
  });

  it('keeps GET / and GET /healthz open (also when spelled with extra slashes)', async () => {
    for (const path of ['/', '/healthz', '/healthz/', '/healthz//']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
    // Open means those two routes only: POST / is checked like everything else.
    expect((await fetch(`${server.url}/`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('answers 400 to request targets URL parsing rejects, and closes instead of hanging', async () => {
    for (const target of ['//', '//mcp', '//healthz']) {
      const res = await rawRequest(server.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, {
        timeoutMs: 3_000,
      });
      expect(res.timedOut, target).toBe(false);
      expect(res.status, target).toBe(400);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('never logs a session id, only its short hash', async () => {
    const sse = await openSseSession(server.url, bearer(TOKEN));
    const res = await fetch(`${server.url}/messages?sessionId=${sse.sessionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(TOKEN) },
      body: JSON.stringify(INITIALIZE),
    });
    expect(res.status).toBe(202);
    await expect.poll(() => server.logs.some((l) => l.includes('sse session opened'))).toBe(true);
    sse.controller.abort();
    const logs = server.logs.join('\n');
    expect(logs).not.toContain(sse.sessionId);
    expect(logs).toMatch(/"session":"[0-9a-f]{12}"/);
    expect(logs).not.toContain(TOKEN);
  });
});

describe('sessions are bound to the credentials that opened them', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    // No MCP_AUTH_TOKEN: any credentials pass the gate, so only the binding can refuse.
    server = await startServerProcess({ ...STEAM_OFF });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('/messages?sessionId= with other credentials or none → 404; with the same → 202', async () => {
    const sse = await openSseSession(server.url, bearer('alice-credentials-0001'));
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/messages?sessionId=${sse.sessionId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'ping' }),
      });
    expect((await post({})).status).toBe(404);
    expect((await post(bearer('mallory-credentials-01'))).status).toBe(404);
    expect((await post(bearer('alice-credentials-0001'))).status).toBe(202);
    sse.controller.abort();
  });

  it('Mcp-Session-Id with other credentials or none → 404; with the same → 200', async () => {
    const init = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...MCP_HEADERS, ...bearer('alice-credentials-0001') },
      body: JSON.stringify(INITIALIZE),
    });
    expect(init.status).toBe(200);
    await init.text();
    const id = init.headers.get('mcp-session-id')!;
    const list = (headers: Record<string, string>) =>
      fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: { ...MCP_HEADERS, 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18', ...headers },
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
      });
    expect((await list({})).status).toBe(404);
    expect((await list(bearer('mallory-credentials-01'))).status).toBe(404);
    const own = await list(bearer('alice-credentials-0001'));
    expect(own.status).toBe(200);
    await own.text();
  });
});

describe('/metrics with its own METRICS_TOKEN', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({ ...STEAM_OFF, MCP_AUTH_TOKEN: TOKEN, METRICS_TOKEN });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('needs METRICS_TOKEN (the MCP token does not open it) and labels requests by route', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: bearer(TOKEN) })).status).toBe(401);
    for (const path of ['/healthz', '/healthz/', '/healthz////', '/healthz//////////']) {
      await (await fetch(`${server.url}${path}`)).text();
    }
    const res = await fetch(`${server.url}/metrics`, { headers: bearer(METRICS_TOKEN) });
    expect(res.status).toBe(200);
    const text = await res.text();
    const routes = [...text.matchAll(/mcp_http_requests_total\{route="([^"]*)"/g)].map((m) => m[1]);
    expect(routes).toContain('/healthz');
    expect(routes.filter((r) => r!.includes('//') || r!.endsWith('z/'))).toEqual([]);
  });
});
