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

  it("passes the SDK transport's refusals through (Accept without text/event-stream)", async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-client': 'a' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(res.status).toBe(406);
    expect(res.headers.get('content-length')).toBe(String((await res.clone().arrayBuffer()).byteLength));
    expect(await res.json()).toMatchObject({ error: { code: -32000 } });
  });
});
