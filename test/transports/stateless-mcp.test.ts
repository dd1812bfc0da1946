import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatelessServers } from '../../src/transports/stateless-mcp.js';
import { MCP_HEADERS } from '../helpers/raw-http.js';

/** The SDK servers StatelessServers makes, and what their tool calls saw. */
function fakeServers() {
  const made: string[] = [];
  const aborted: string[] = [];
  const newServer = (_sessionKey: string, client: string) => {
    made.push(client);
    const server = new Server({ name: 't', version: '1' }, { capabilities: { tools: {} } });
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const wait = Number(request.params.arguments?.waitMs ?? 0);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        extra.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          aborted.push(request.params.name);
          resolve();
        });
      });
      const progressToken = request.params._meta?.progressToken;
      if (progressToken !== undefined) {
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken, progress: 1, total: 2 },
        });
      }
      return { content: [{ type: 'text', text: `${client} ${request.params.name}` }] };
    });
    return server;
  };
  return { made, aborted, newServer };
}

describe('StatelessServers', () => {
  let http: HttpServer;
  let url: string;
  let fake: ReturnType<typeof fakeServers>;

  beforeEach(async () => {
    fake = fakeServers();
    const servers = new StatelessServers(fake.newServer);
    http = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        void servers.handle(req, res, JSON.parse(text), String(req.headers['x-client']));
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
  });

  afterEach(async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  });

  const call = (client: string, name: string, args: object = {}, signal?: AbortSignal) =>
    fetch(url, {
      method: 'POST',
      headers: { ...MCP_HEADERS, 'x-client': client },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name, arguments: args },
      }),
      signal,
    });
  const answer = async (res: Response) => JSON.parse(/^data: (.*)$/m.exec(await res.text())![1]!);

  it('keeps one server per client across requests', async () => {
    for (const client of ['a', 'b', 'a', 'a', 'b']) {
      const res = await call(client, 'echo');
      expect(res.status).toBe(200);
      expect((await answer(res)).result.content[0].text).toBe(`${client} echo`);
    }
    expect(fake.made).toEqual(['a', 'b']);
  });

  it('gives concurrent requests with the same id each their own answer', async () => {
    const [slow, fast] = await Promise.all([
      call('a', 'slow', { waitMs: 100 }).then(answer),
      call('a', 'fast').then(answer),
    ]);
    expect(slow).toMatchObject({ id: 1, result: { content: [{ text: 'a slow' }] } });
    expect(fast).toMatchObject({ id: 1, result: { content: [{ text: 'a fast' }] } });
  });

  it('cancels a call whose client hung up, and only that one', async () => {
    const hangUp = new AbortController();
    const other = call('a', 'kept', { waitMs: 300 }).then(answer);
    const gone = call('a', 'dropped', { waitMs: 5_000 }, hangUp.signal).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 100));
    hangUp.abort();
    expect(await gone).toBe('aborted');
    await expect.poll(() => fake.aborted).toEqual(['dropped']);
    expect((await other).result.content[0].text).toBe('a kept');
    expect(fake.aborted).toEqual(['dropped']);
  });

  it('refuses an Accept without text/event-stream (406)', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-client': 'a' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(res.status).toBe(406);
    expect(res.headers.get('content-length')).toBe(String((await res.clone().arrayBuffer()).byteLength));
    expect(await res.json()).toMatchObject({ error: { code: -32000 } });
  });

  /** A raw POST: the messages as JSON, MCP's headers unless overridden; never hangs. */
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { ...MCP_HEADERS, 'x-client': 'a', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(3_000),
    });
  const frames = async (res: Response) =>
    [...(await res.text()).matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!));
  const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };

  it('refuses an Accept without application/json (406)', async () => {
    const res = await post(ping, { accept: 'text/event-stream' });
    expect(res.status).toBe(406);
    expect(await res.json()).toMatchObject({ error: { code: -32000, message: /Not Acceptable/ } });
  });

  it('refuses a body that is not declared JSON (415)', async () => {
    const res = await post(ping, { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: -32000, message: /Unsupported Media Type/ } });
    expect((await post(ping, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('refuses an unsupported MCP-Protocol-Version (400) and takes a supported one', async () => {
    const res = await post(ping, { 'mcp-protocol-version': '1999-01-01' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: -32000, message: /protocol version/ } });
    const ok = await post(ping, { 'mcp-protocol-version': '2025-06-18' });
    expect(ok.status).toBe(200);
    expect(await frames(ok)).toEqual([{ jsonrpc: '2.0', id: 1, result: {} }]);
  });

  it('refuses what is not a JSON-RPC message, alone or in a batch (400, parse error)', async () => {
    for (const body of [{ hello: 'world' }, [ping, { jsonrpc: '1.0', id: 2, method: 'ping' }]]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ id: null, error: { code: -32700 } });
    }
    const tooMany = await post(Array.from({ length: 101 }, (_, i) => ({ ...ping, id: i })));
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error: { code: -32600, message: /Batch/ } });
  });

  it('accepts notifications and responses alone with 202 and no body', async () => {
    const res = await post([
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 5, result: {} },
    ]);
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    expect(fake.made).toEqual([]);
  });

  it('answers a batch of two requests on one stream, each under its own id, then ends it', async () => {
    const request = (id: string | number, name: string, args: object) => ({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name, arguments: args },
    });
    const res = await post([
      request('slow', 'slow', { waitMs: 100 }),
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      request(2, 'fast', {}),
    ]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const answers = await frames(res);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatchObject({ id: 2, result: { content: [{ text: 'a fast' }] } });
    expect(answers[1]).toMatchObject({ id: 'slow', result: { content: [{ text: 'a slow' }] } });
  });

  it('streams the progress of a call before its answer, under the client token', async () => {
    const res = await post({
      jsonrpc: '2.0',
      id: 9,
      method: 'tools/call',
      params: { name: 'work', arguments: {}, _meta: { progressToken: 'tok' } },
    });
    expect(await frames(res)).toEqual([
      {
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progressToken: 'tok', progress: 1, total: 2 },
      },
      { jsonrpc: '2.0', id: 9, result: { content: [{ type: 'text', text: 'a work' }] } },
    ]);
  });
});
