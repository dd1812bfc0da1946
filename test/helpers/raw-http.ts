import net from 'node:net';

/**
 * Sends bytes on a fresh socket and resolves with everything received until the server closes
 * it (or `timeoutMs` passes: `timedOut` then says the socket was left hanging).
 */
export function rawRequest(
  port: number,
  request: string,
  opts: { timeoutMs?: number; keepSending?: (socket: net.Socket) => void } = {},
): Promise<{ text: string; status: number | undefined; timedOut: boolean; elapsedMs: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, opts.timeoutMs ?? 5_000);
    socket.on('connect', () => {
      socket.write(request);
      opts.keepSending?.(socket);
    });
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({
        text,
        status: status ? Number(status) : undefined,
        timedOut,
        elapsedMs: performance.now() - started,
      });
    });
  });
}

/** Opens GET /sse and reads up to the endpoint frame; the stream stays open (abort to close it). */
export async function openSseSession(
  url: string,
  headers: Record<string, string> = {},
): Promise<{
  sessionId: string;
  controller: AbortController;
  reader: ReadableStreamDefaultReader<Uint8Array>;
}> {
  const controller = new AbortController();
  const res = await fetch(`${url}/sse`, { headers, signal: controller.signal });
  if (res.status !== 200) throw new Error(`GET /sse answered ${res.status}: ${await res.text()}`);
  const reader = res.body!.getReader();
  let text = '';
  while (!text.includes('\n\n')) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before the endpoint frame: ${text}`);
    text += new TextDecoder().decode(value);
  }
  const sessionId = /sessionId=([0-9a-f-]{36})/.exec(text)?.[1];
  if (!sessionId) throw new Error(`no session id in ${text}`);
  return { sessionId, controller, reader };
}

export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
} as const;

export const MCP_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};
