import type { ServerResponse } from 'node:http';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';

/**
 * JSON of result objects already sent. Cached tool results are the same object every time, so a
 * popular answer (tens of KB) is serialized once, not once per call.
 */
const serializedResults = new WeakMap<object, string>();

function serialize(message: JSONRPCMessage): string {
  if (!('result' in message) || !('id' in message)) return JSON.stringify(message);
  let json = serializedResults.get(message.result);
  if (json === undefined) {
    json = JSON.stringify(message.result);
    serializedResults.set(message.result, json);
  }
  return `{"result":${json},"jsonrpc":"2.0","id":${JSON.stringify(message.id)}}`;
}

/** Headers the SDK's SSEServerTransport sends, plus no proxy buffering. */
const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

/**
 * The legacy MCP SSE transport (protocol 2024-11-05) on the SDK's public Transport
 * interface. Unlike the SDK's SSEServerTransport it can open the stream and write the
 * endpoint frame before the SDK is even loaded (FC binds the session on that first frame),
 * and it sends keep-alive comments so proxies and FC never see an idle stream.
 */
export class LegacySseTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

  private closed = false;

  constructor(
    readonly sessionId: string,
    private readonly res: ServerResponse,
    private readonly heartbeat: SseHeartbeat,
  ) {
    res.writeHead(200, SSE_HEADERS);
    // Exactly the SDK's frame: FC's gateway parses it to bind the session to this instance.
    res.write(`event: endpoint\ndata: /messages?sessionId=${sessionId}\n\n`);
    heartbeat.add(this);
    res.on('close', () => this.finish());
  }

  /** The stream is already open; connect() calls this. */
  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new Error('SSE stream closed');
    this.write(`event: message\ndata: ${serialize(message)}\n\n`);
  }

  /** Delivers a client message that arrived on POST /messages. */
  receive(message: JSONRPCMessage, extra?: MessageExtraInfo): void {
    this.onmessage?.(message, extra);
  }

  async close(): Promise<void> {
    if (!this.closed) this.res.end();
    this.finish();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Keep-alive comment, so proxies and FC never see an idle stream. */
  ping(): void {
    this.write(': ping\n\n');
  }

  private write(frame: string): void {
    if (!this.closed && !this.res.writableEnded) this.res.write(frame);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.heartbeat.delete(this);
    this.onclose?.();
  }
}

/**
 * One timer pings every open SSE stream, instead of a timer per session: with thousands of
 * sessions that is less memory per session and one wake-up per interval.
 */
export class SseHeartbeat {
  private readonly streams = new Set<LegacySseTransport>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs: number) {}

  add(stream: LegacySseTransport): void {
    this.streams.add(stream);
    if (!this.timer) {
      this.timer = setInterval(() => {
        for (const s of this.streams) s.ping();
      }, this.intervalMs);
      this.timer.unref();
    }
  }

  delete(stream: LegacySseTransport): void {
    this.streams.delete(stream);
    if (this.streams.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
