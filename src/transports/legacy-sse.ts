import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';

/**
 * JSON of result objects already sent. Cached tool results are the same object every time, so a
 * popular answer (tens of KB) is serialized once, not once per call, and the frames that carry
 * it queue that one string by reference when a client reads slowly (no copy per message).
 */
const serializedResults = new WeakMap<object, string>();

/** A message as SSE frame pieces, written together. */
export function frame(message: JSONRPCMessage): string[] {
  if (!('result' in message) || !('id' in message)) {
    return [`event: message\ndata: ${JSON.stringify(message)}\n\n`];
  }
  let json = serializedResults.get(message.result);
  if (json === undefined) {
    json = JSON.stringify(message.result);
    serializedResults.set(message.result, json);
  }
  return [
    'event: message\ndata: {"result":',
    json,
    `,"jsonrpc":"2.0","id":${JSON.stringify(message.id)}}\n\n`,
  ];
}

/** When a client stops reading: close at this many unsent bytes, or after this long undrained. */
export interface SseLimits {
  maxBufferBytes: number;
  stallTimeoutMs: number;
}

/** Headers the SDK's SSEServerTransport sends, plus no proxy buffering. */
const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

const PING = ': ping\n\n';
/** PING as one HTTP/1.1 chunk: its length in hex, CRLF, the data, CRLF. */
const PING_CHUNK = Buffer.from(`${PING.length.toString(16)}\r\n${PING}\r\n`);

/**
 * An open SSE response: frames written together, keep-alive pings from the shared heartbeat, and
 * a client that stops reading closed at the limits (a stream must not grow without bound).
 */
export abstract class SseStream {
  onclose?: () => void;

  private closed = false;
  /** A frame went through res.write, and the headers with it. */
  private headersOut = false;
  /** Since when a write has been waiting for 'drain'. */
  private stalledSince: number | undefined;

  constructor(
    protected readonly res: ServerResponse,
    private readonly heartbeat: SseHeartbeat,
    private readonly limits?: SseLimits,
    /** Told why the stream is closed for a client that does not read. */
    private readonly onOverflow?: (reason: 'buffer' | 'stalled', bufferedBytes: number) => void,
  ) {
    res.writeHead(200, SSE_HEADERS);
    heartbeat.add(this);
    res.on('close', () => this.finish());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Keep-alive comment, so proxies and FC never see an idle stream. Once a frame has carried the
   * headers out and the response buffers nothing of its own, the ping goes to the socket as a
   * finished chunk, the very bytes res.write would send: res.write frames every chunk anew
   * (several buffered writes, two ticks), and thousands of streams pinging together made enough
   * garbage that V8 kept its young generation at full size while every session sat idle.
   */
  ping(): void {
    const socket = this.res.socket;
    if (
      this.headersOut &&
      this.res.chunkedEncoding &&
      socket &&
      this.res.writableLength === socket.writableLength &&
      this.writable()
    ) {
      this.afterWrite(socket.write(PING_CHUNK), socket);
    } else this.write([PING]);
  }

  /** Ends the stream (if still open) and tells `onclose` once. */
  protected endStream(): void {
    if (!this.closed) this.res.end();
    this.finish();
  }

  protected write(pieces: string[]): void {
    if (!this.writable()) return;
    let drained = true;
    if (pieces.length > 1) this.res.cork();
    for (const piece of pieces) drained = this.res.write(piece);
    if (pieces.length > 1) this.res.uncork();
    this.headersOut = true;
    this.afterWrite(drained, this.res);
  }

  private writable(): boolean {
    return !this.closed && !this.res.writableEnded && !this.res.destroyed;
  }

  private afterWrite(drained: boolean, written: ServerResponse | Socket): void {
    if (!drained && this.stalledSince === undefined) {
      this.stalledSince = Date.now();
      written.once('drain', () => (this.stalledSince = undefined));
    }
    this.enforceLimits();
  }

  private enforceLimits(): void {
    if (!this.limits) return;
    const buffered = this.res.writableLength;
    const reason =
      buffered > this.limits.maxBufferBytes
        ? 'buffer'
        : this.stalledSince !== undefined && Date.now() - this.stalledSince > this.limits.stallTimeoutMs
          ? 'stalled'
          : undefined;
    if (!reason) return;
    this.onOverflow?.(reason, buffered);
    this.res.destroy();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.heartbeat.delete(this);
    this.onclose?.();
  }
}

/**
 * The legacy MCP SSE transport (protocol 2024-11-05) on the SDK's public Transport
 * interface. Unlike the SDK's SSEServerTransport it can open the stream and write the
 * endpoint frame before the SDK is even loaded (FC binds the session on that first frame),
 * and it sends keep-alive comments so proxies and FC never see an idle stream.
 */
export class LegacySseTransport extends SseStream implements Transport {
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

  constructor(
    readonly sessionId: string,
    res: ServerResponse,
    heartbeat: SseHeartbeat,
    limits?: SseLimits,
    onOverflow?: (reason: 'buffer' | 'stalled', bufferedBytes: number) => void,
  ) {
    super(res, heartbeat, limits, onOverflow);
    // Exactly the SDK's frame: FC's gateway parses it to bind the session to this instance.
    this.write([`event: endpoint\ndata: /messages?sessionId=${sessionId}\n\n`]);
  }

  /** The stream is already open; connect() calls this. */
  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.isClosed) throw new Error('SSE stream closed');
    this.write(frame(message));
  }

  /** Delivers a client message that arrived on POST /messages. */
  receive(message: JSONRPCMessage, extra?: MessageExtraInfo): void {
    this.onmessage?.(message, extra);
  }

  async close(): Promise<void> {
    this.endStream();
  }
}

/**
 * One timer pings every open SSE stream, instead of a timer per session: with thousands of
 * sessions that is less memory per session and one wake-up per interval.
 */
export class SseHeartbeat {
  private readonly streams = new Set<{ ping(): void }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs: number) {}

  add(stream: { ping(): void }): void {
    this.streams.add(stream);
    if (!this.timer) {
      this.timer = setInterval(() => {
        for (const s of this.streams) s.ping();
      }, this.intervalMs);
      this.timer.unref();
    }
  }

  delete(stream: { ping(): void }): void {
    this.streams.delete(stream);
    if (this.streams.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
