import type { IncomingMessage } from 'node:http';

/** The caller's address: the first X-Forwarded-For hop behind a gateway (FC), else the socket's. */
export function clientAddress(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || 'unknown';
}
