/** pino's levels; 'silent' writes nothing. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LogFn {
  (obj: object, msg?: string): void;
  (msg: string): void;
}

/**
 * What the code logs through: pino's API, narrowed to what is used, so the logger can be
 * created before pino is loaded (see app/deferred-logger.ts) and tests can pass any pino logger.
 */
export interface Logger {
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  trace: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

const discard: LogFn = () => {};

/** Logs nothing (tests, benchmarks). */
export const silentLogger: Logger = {
  fatal: discard,
  error: discard,
  warn: discard,
  info: discard,
  debug: discard,
  trace: discard,
  child: () => silentLogger,
};

/**
 * A URL whose userinfo is a password (REDIS_URL), fit for logs, /healthz and messages:
 * `redis://:secret@host:6379/0` → `redis://***@host:6379/0`. Everything up to the last `@` is
 * hidden, so a password holding `@`, `/` or `:` (even one that breaks parsing) never shows.
 */
export function redactCredentialUrl(url: string): string {
  const at = url.lastIndexOf('@');
  if (at < 0) return url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
  return `${scheme}***${url.slice(at)}`;
}
