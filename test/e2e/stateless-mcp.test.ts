import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { MCP_HEADERS } from '../helpers/raw-http.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

interface ToolAnswer {
  id: unknown;
  result: {
    isError?: boolean;
    content: { text: string }[];
    structuredContent: { games: { is_free: boolean }[]; game_identifier?: string };
  };
}

/** Stateless Streamable HTTP (MCP_STATELESS=1, what the FC kit deploys): no Mcp-Session-Id. */
describe('/mcp in stateless mode', () => {
  let steam: FakeSteam;
  let llm: FakeLlm;
  let server: ServerProcess;
  const clients: Client[] = [];

  /** A real SDK client; `address` is its X-Forwarded-For (one proxy hop is trusted here). */
  async function connect(address: string, capabilities: Client['_capabilities'] = {}): Promise<Client> {
    const client = new Client({ name: 'stateless-test', version: '1.0.0' }, { capabilities });
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { 'x-forwarded-for': address } },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  /** One raw POST /mcp; the JSON-RPC answer from its SSE body. */
  async function post(message: object, address: string): Promise<ToolAnswer> {
    const res = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...MCP_HEADERS, 'mcp-protocol-version': '2025-06-18', 'x-forwarded-for': address },
      body: JSON.stringify(message),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('mcp-session-id')).toBeNull();
    const data = /^data: (.*)$/m.exec(await res.text())?.[1];
    return JSON.parse(data!) as ToolAnswer;
  }

  beforeAll(async () => {
    steam = await startFakeSteam();
    llm = await startFakeLlm();
    server = await startServerProcess({
      STEAM_STORE_URL: steam.url,
      STEAM_API_URL: steam.url,
      DASHSCOPE_BASE_URL: llm.baseUrl,
      DASHSCOPE_API_KEY: 'sk-test-secret-key-0123456789',
      LLM_MODEL: 'qwen3-test',
      MCP_STATELESS: '1',
      TRUST_PROXY_HOPS: '1',
      RATE_LIMIT_PER_MINUTE: '3',
    });
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    await server?.stop();
    await llm?.close();
    await steam?.close();
  });

  it('serves an SDK client: initialize, tools/list, a tool call, no session kept', async () => {
    const client = await connect('198.51.100.1');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('search_games');
    const result = await client.callTool({ name: 'get_top_games', arguments: { max_results: 3 } });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { games: unknown[] }).games).toHaveLength(3);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { sessions: object };
    expect(health.sessions).toEqual({ sse: 0, streamable: 0 });
    const get = await fetch(`${server.url}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
  });

  it('answers requests that share an id at once, from one client and from two, each under its own id', async () => {
    // Slow, uncached Steam lookups, so the three calls are in flight together.
    steam.delay(150);
    try {
      const details = (game: { appId: number }) => ({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { name: 'get_game_details', arguments: { game_identifier: String(game.appId) } },
      });
      const games = steam.games.slice(5, 8);
      // Two from one client share its kept server; the third is another client's.
      const answers = await Promise.all([
        post(details(games[0]!), '198.51.100.2'),
        post(details(games[1]!), '198.51.100.2'),
        post(details(games[2]!), '198.51.100.3'),
      ]);
      expect(answers.map((a) => a.id)).toEqual([7, 7, 7]);
      expect(answers.map((a) => a.result.structuredContent.game_identifier)).toEqual(
        games.map((g) => String(g.appId)),
      );
    } finally {
      steam.delay(0);
    }
  });

  it('keeps tool-call budgets per client', async () => {
    const call = {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'get_top_games', arguments: {} },
    };
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await post(call, '198.51.100.4'));
    expect(answers.slice(0, 3).every((a) => !a.result.isError)).toBe(true);
    const refused = answers[3]!.result;
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toMatch(/Rate limit/);
    // Another client still has its own budget.
    expect((await post(call, '198.51.100.5')).result.isError).toBeFalsy();
  });

  it('keeps what one client declared in initialize (the UI extension) to that client', async () => {
    const ui = await connect('198.51.100.6', {
      extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } },
    } as Client['_capabilities']);
    expect(ui.getServerCapabilities()?.resources).toBeDefined();
    const plain = await connect('198.51.100.6');
    expect(plain.getServerCapabilities()?.resources).toBeUndefined();
    // Stateless: later requests carry no session, so no request is treated as from a UI client.
    const { tools } = await plain.listTools();
    expect(tools.some((t) => t._meta?.ui)).toBe(false);
    await expect(plain.listResources()).rejects.toThrow(/Method not found/);
  });

  it('streams progress notifications before the answer', async () => {
    const client = await connect('198.51.100.7');
    const progress: number[] = [];
    const result = await client.callTool(
      {
        name: 'recommend_games',
        arguments: { user_query: '推荐一些开放世界RPG游戏，100元以内', max_results: 3 },
      },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(result.isError).toBeFalsy();
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("keeps the SDK transport's rules for a POST: 415, 202 for notifications, a batch on one stream", async () => {
    const headers = { ...MCP_HEADERS, 'x-forwarded-for': '198.51.100.8' };
    const send = (body: unknown, extra: Record<string, string> = {}) =>
      fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: { ...headers, ...extra },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
    const ping = (id: number) => ({ jsonrpc: '2.0', id, method: 'ping' });
    expect((await send(ping(1), { 'content-type': 'text/plain' })).status).toBe(415);
    const notified = await send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(notified.status).toBe(202);
    expect(await notified.text()).toBe('');
    const batch = await send([ping(1), ping(2)]);
    expect(batch.headers.get('content-type')).toBe('text/event-stream');
    const ids = [...(await batch.text()).matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!).id);
    expect(ids.sort()).toEqual([1, 2]);
  });
});
