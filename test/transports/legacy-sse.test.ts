import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { LegacySseTransport, SseHeartbeat } from '../../src/transports/legacy-sse.js';

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
