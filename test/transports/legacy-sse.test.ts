import { EventEmitter } from 'node:events';
import http, { type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LegacySseTransport, SseHeartbeat } from '../../src/transports/legacy-sse.js';
import { PostStream } from '../../src/transports/stateless-post.js';

function fakeResponse() {
  const frames: string[] = [];
  const res = Object.assign(new EventEmitter(), {
    writableEnded: false,
    writableLength: 0,
    writeHead: () => res,
    cork: () => {},
    uncork: () => {},
    write: (chunk: string) => frames.push(chunk),
    end: () => {
      res.writableEnded = true;
      res.emit('close');
    },
  });
  return { res: res as unknown as ServerResponse, frames };
}

describe('LegacySseTransport', () => {
  it('writes the endpoint frame first, then messages that parse back to what was sent', async () => {
    const { res, frames } = fakeResponse();
    const transport = new LegacySseTransport('abc', res, new SseHeartbeat(60_000));
    expect(frames[0]).toBe('event: endpoint\ndata: /messages?sessionId=abc\n\n');
    const result = { content: [{ type: 'text', text: '{"a": "中文"}' }], structuredContent: { a: '中文' } };
    await transport.send({ jsonrpc: '2.0', id: 7, result });
    await transport.send({ jsonrpc: '2.0', id: 'x', result }); // same object: reused serialization
    await transport.send({ jsonrpc: '2.0', method: 'notifications/progress', params: { progress: 1 } });
    const data = frames
      .slice(1)
      .join('')
      .split('\n\n')
      .filter(Boolean)
      .map((f) => JSON.parse(f.replace(/^event: message\ndata: /, '')));
    expect(data).toEqual([
      { jsonrpc: '2.0', id: 7, result },
      { jsonrpc: '2.0', id: 'x', result },
      { jsonrpc: '2.0', method: 'notifications/progress', params: { progress: 1 } },
    ]);
    await transport.close();
    await expect(transport.send({ jsonrpc: '2.0', id: 8, result })).rejects.toThrow('closed');
  });
});

/** Raw bytes of one GET on `port` until the chunked body's last chunk, split into head and chunks. */
function rawExchange(port: number): Promise<{ head: string; chunks: string[] }> {
  return new Promise((resolve, reject) => {
    let raw = '';
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write('GET /sse HTTP/1.1\r\nHost: localhost\r\n\r\n'),
    );
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (text: string) => {
      raw += text;
      if (!raw.endsWith('\r\n0\r\n\r\n')) return;
      socket.destroy();
      const [head = '', body = ''] = raw.split(/\r\n\r\n(.*)/s);
      const chunks: string[] = [];
      let at = 0;
      for (;;) {
        const eol = body.indexOf('\r\n', at);
        const size = parseInt(body.slice(at, eol), 16);
        if (!(size > 0)) break;
        chunks.push(body.slice(eol + 2, eol + 2 + size));
        expect(body.slice(eol + 2 + size, eol + 4 + size)).toBe('\r\n');
        at = eol + 4 + size;
      }
      resolve({ head, chunks });
    });
  });
}

/** A real HTTP server whose one response is handed to `drive`. */
async function withResponse(drive: (res: ServerResponse) => Promise<void>) {
  const server = http.createServer((_req, res) => void drive(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await rawExchange((server.address() as AddressInfo).port);
  } finally {
    server.close();
  }
}

describe('SSE pings on a real HTTP/1.1 response', () => {
  it('go out as the chunk res.write would send, in order with the frames around them, without res.write', async () => {
    let pingWrites = 0;
    const { head, chunks } = await withResponse(async (res) => {
      const write = res.write.bind(res) as (chunk: string) => boolean;
      res.write = ((chunk: string) => {
        if (chunk === ': ping\n\n') pingWrites++;
        return write(chunk);
      }) as typeof res.write;
      const transport = new LegacySseTransport('abc', res, new SseHeartbeat(60_000));
      await transport.send({ jsonrpc: '2.0', id: 1, result: { n: 1 } });
      transport.ping();
      transport.ping();
      await transport.send({ jsonrpc: '2.0', method: 'notifications/progress', params: { progress: 1 } });
      await transport.close();
    });
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toContain('Transfer-Encoding: chunked');
    expect(chunks.join('')).toBe(
      'event: endpoint\ndata: /messages?sessionId=abc\n\n' +
        'event: message\ndata: {"result":{"n":1},"jsonrpc":"2.0","id":1}\n\n' +
        ': ping\n\n: ping\n\n' +
        'event: message\ndata: {"jsonrpc":"2.0","method":"notifications/progress","params":{"progress":1}}\n\n',
    );
    expect(chunks.filter((c) => c === ': ping\n\n')).toHaveLength(2);
    expect(pingWrites).toBe(0);
  });

  it('a ping before any frame goes through res.write, so the headers still come first', async () => {
    const { head, chunks } = await withResponse(async (res) => {
      const stream = new PostStream(res, new SseHeartbeat(60_000));
      stream.ping();
      stream.send({ jsonrpc: '2.0', id: 2, result: {} });
      stream.end();
    });
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(chunks.join('')).toBe(': ping\n\nevent: message\ndata: {"result":{},"jsonrpc":"2.0","id":2}\n\n');
  });
});
