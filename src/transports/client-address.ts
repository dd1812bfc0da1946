import type { IncomingMessage } from 'node:http';

/**
 * The caller's address, as trusted as the deployment allows. With no trusted proxy (`hops` 0)
 * it is the socket's peer: an X-Forwarded-For header is then the client's own claim and would
 * let it pick a fresh rate-limit bucket per request. Behind `hops` proxies that each append the
 * address they saw, it is the hops-th entry from the right; the entries left of it are again
 * the client's claim.
 */
export function clientAddress(req: IncomingMessage, hops: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (hops <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return socket;
  return entries[Math.max(0, entries.length - hops)] ?? socket;
}
