import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ServerConfig } from '../config/load.js';
import { JSONRPC } from './json-rpc-errors.js';

export interface Denial {
  status: number;
  code: number;
  message: string;
  headers: Record<string, string>;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Who may use a path off the open list: the bearer token when one is configured (`token`:
 * MCP_AUTH_TOKEN, or METRICS_TOKEN for /metrics), and Host/Origin checks against DNS rebinding
 * (loopback-only when bound to loopback, else the allow-lists).
 */
export function checkAccess(
  req: IncomingMessage,
  config: ServerConfig,
  token: { value: string | undefined; name: string } = { value: config.authToken, name: 'MCP_AUTH_TOKEN' },
): Denial | undefined {
  if (token.value && !bearerMatches(req.headers.authorization, token.value)) {
    return {
      status: 401,
      code: JSONRPC.unauthorized,
      message: `Unauthorized: send "Authorization: Bearer <${token.name}>". 未授权。`,
      headers: { 'WWW-Authenticate': 'Bearer realm="steam-game-mcp"' },
    };
  }
  const host = req.headers.host ?? '';
  const loopbackBound = LOOPBACK_HOSTS.has(config.host);
  if (config.allowedHosts?.length) {
    if (!config.allowedHosts.includes(host) && !config.allowedHosts.includes(hostname(host))) {
      return forbidden(`Host "${host}" is not allowed.`);
    }
  } else if (loopbackBound && !LOOPBACK_HOSTS.has(hostname(host))) {
    return forbidden(`Host "${host}" is not allowed for a server bound to ${config.host}.`);
  }
  const origin = req.headers.origin;
  if (origin && !originAllowed(origin, config)) return forbidden(`Origin "${origin}" is not allowed.`);
  return undefined;
}

/** CORS headers for browser clients whose Origin is on the allow-list. */
export function corsHeaders(req: IncomingMessage, config: ServerConfig): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !config.allowedOrigins?.length || !originAllowed(origin, config)) return {};
  return {
    'Access-Control-Allow-Origin': config.allowedOrigins.includes('*') ? '*' : origin,
    Vary: 'Origin',
    'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      'Content-Type, Authorization, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID',
    'Access-Control-Expose-Headers': 'Mcp-Session-Id',
    'Access-Control-Max-Age': '600',
  };
}

/**
 * A short hash of the credentials a request presents (its Authorization header, or none): a
 * session answers only requests presenting the same ones, and budgets with a token are per
 * token and address.
 */
export function credentialKey(req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  // "bearer  x" and "Bearer x" are the same credentials.
  return shortHash(/^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? header);
}

/** 12 hex characters of SHA-256: enough to tell values apart in logs and maps, not to recover them. */
export function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

function originAllowed(origin: string, config: ServerConfig): boolean {
  if (config.allowedOrigins?.length) {
    return config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin);
  }
  if (!LOOPBACK_HOSTS.has(config.host)) return true;
  try {
    return LOOPBACK_HOSTS.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  // Hashing first makes the comparison constant-time whatever the lengths.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1].trim()), digest(token));
}

function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? host;
}

function forbidden(message: string): Denial {
  return { status: 403, code: JSONRPC.invalidRequest, message: `Forbidden: ${message}`, headers: {} };
}
