import type { IncomingMessage } from 'node:http';

/** A request target, parsed once: the router, the access check and metrics all use `path`. */
export interface RequestTarget {
  url: URL;
  /** Dot segments resolved, runs of "/" collapsed, no trailing "/": `/mcp/`, `//mcp`, `/x/../mcp` → `/mcp`. */
  path: string;
}

/** Requests anyone may make, without token or Host/Origin checks: everything else is checked. */
const OPEN_ROUTES = new Set(['GET /', 'GET /healthz']);

/**
 * Undefined for a target `new URL(target, base)` rejects or reads as another host (`//`, `//x`):
 * the caller answers 400.
 */
export function parseRequestTarget(req: IncomingMessage): RequestTarget | undefined {
  const raw = req.url ?? '/';
  if (raw.startsWith('//')) return undefined;
  try {
    const url = new URL(raw, 'http://localhost');
    return { url, path: normalisePath(url.pathname) };
  } catch {
    return undefined;
  }
}

export function normalisePath(pathname: string): string {
  return pathname.replace(/\/{2,}/g, '/').replace(/\/+$/, '') || '/';
}

/** Whether `METHOD path` is on the open list (decided on the normalised path). */
export function isOpenRoute(method: string | undefined, path: string): boolean {
  return OPEN_ROUTES.has(`${method ?? ''} ${path}`);
}
