import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../helpers/mcp-clients.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

const TOKEN = 'test-token-0123456789abcdef';

describe('bearer token, rate limit and CORS on a running server', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({
      MCP_AUTH_TOKEN: TOKEN,
      RATE_LIMIT_PER_MINUTE: '3',
      ALLOWED_ORIGINS: 'https://app.example.com',
      STEAM_STORE_URL: 'http://127.0.0.1:9',
      STEAM_API_URL: 'http://127.0.0.1:9',
      STEAM_RETRIES: '0',
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses MCP endpoints without the token (401) and keeps /healthz and / open', async () => {
    expect((await fetch(`${server.url}/sse`)).status).toBe(401);
    const post = await fetch(`${server.url}/mcp`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(401);
    expect(post.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(
      (await fetch(`${server.url}/sse`, { headers: { authorization: 'Bearer wrong-token-xxxxxxxx' } }))
        .status,
    ).toBe(401);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect(server.logs.join('\n')).not.toContain(TOKEN);
  });

  it('lets a client with the token in, and rate-limits its tool calls with a clear error', async () => {
    const client = new Client({ name: 'access-test', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
      }),
    );
    expect((await client.listTools()).tools).toHaveLength(TOOL_NAMES.length);
    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push(await client.callTool({ name: 'search_games', arguments: { keywords: `x${i}` } }));
    }
    const limited = results[3]!;
    expect(limited.isError).toBe(true);
    expect(JSON.stringify(limited.content)).toMatch(/Rate limit: at most 3 tool calls per minute/);
    // The first three reached the tool (and failed on the unreachable Steam), not the limiter.
    for (const r of results.slice(0, 3)) expect(JSON.stringify(r.content)).not.toMatch(/Rate limit/);
    await client.close();
  });

  it('answers CORS preflight for allowed origins only', async () => {
    const ok = await fetch(`${server.url}/mcp`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(ok.headers.get('access-control-expose-headers')).toContain('Mcp-Session-Id');
    const evil = await fetch(`${server.url}/mcp`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});
