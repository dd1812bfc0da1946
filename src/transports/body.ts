import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export class BodyTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Request body not received within ${timeoutMs} ms`);
    this.name = 'BodyTimeoutError';
  }
}

/**
 * Reads a request body up to `limit` bytes and within `timeoutMs`: larger bodies are refused
 * before being buffered, slow ones (a client trickling bytes to hold memory) when time is up.
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: Error) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) stop(new BodyTooLargeError(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const timer = setTimeout(() => stop(new BodyTimeoutError(timeoutMs)), timeoutMs);
    timer.unref();
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', stop);
  });
}

/** How long and how much of a refused body is read and dropped before the connection closes. */
const LINGER = { ms: 2_000, bytes: 16 * 1_048_576 };

/**
 * Sends a complete answer to a request whose body is refused, then keeps reading and dropping
 * the rest (bounded in time and size) before closing, as web servers do ("lingering close"): a
 * client still sending (Node's fetch, the MCP SDK) then reads the answer instead of EPIPE.
 */
export function answerThenLinger(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  json: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    Connection: 'close',
    ...headers,
  });
  res.write(json);
  let dropped = 0;
  const close = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', close);
    if (!res.writableEnded) res.end();
  };
  const onData = (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER.bytes) close();
  };
  const timer = setTimeout(close, LINGER.ms);
  timer.unref();
  req.on('data', onData);
  req.on('end', close);
  req.on('error', close);
  if (req.readableEnded) close();
  else req.resume();
}
