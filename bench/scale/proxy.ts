/**
 * A small round-robin HTTP proxy in front of the server instances, like FC's gateway in front of
 * its instances: every request (not every connection) goes to the next instance, with the caller's
 * address appended to X-Forwarded-For. Stateless /mcp needs no affinity, so none is kept.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Requests forwarded to each backend, in backend order. */
  forwarded: number[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(backends: readonly string[]): Promise<RoundRobinProxy> {
  const targets = backends.map((b) => new URL(b));
  const forwarded = targets.map(() => 0);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1_000 });
  let next = 0;

  const server = http.createServer((req, res) => {
    const index = next++ % targets.length;
    const target = targets[index]!;
    forwarded[index]!++;
    const caller = req.socket.remoteAddress ?? '127.0.0.1';
    const xff = req.headers['x-forwarded-for'];
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        agent,
        headers: { ...req.headers, host: target.host, 'x-forwarded-for': xff ? `${xff}, ${caller}` : caller },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway');
    });
    // A caller that goes away takes its upstream request with it, as a gateway does.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
