import { Redis } from 'ioredis';
import { CircuitBreaker } from '../http/circuit-breaker.js';
import { redactCredentialUrl, type Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { RedisState } from './shared-tier.js';

export interface RedisConnectionOptions {
  /** redis:// or rediss://, possibly with a password: never logged as is. */
  url: string;
  keyPrefix: string;
  /** One command's limit; slower counts as a failure (and the caller falls back). */
  commandTimeoutMs: number;
  logger: Logger;
  metrics: Metrics;
  onStateChange?: (state: Exclude<RedisState, 'disabled'>) => void;
  /** Consecutive failed commands that open the circuit (then commands fail at once). */
  failureThreshold?: number;
  /** How long an open circuit fails fast before one command probes Redis again. */
  cooldownMs?: number;
}

/** Redis could not serve a command (down, slow, circuit open): the caller falls back to local. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/** Longest pause between reconnection attempts while Redis is down. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * One ioredis client with the guards that keep Redis from ever being a single point of failure:
 * every command is bounded (commandTimeout), nothing queues while disconnected (no offline
 * queue: a command fails at once), a circuit breaker stops waiting on a Redis that is slow, and
 * the client reconnects by itself. Going down and coming back are each logged once.
 */
export class RedisConnection {
  readonly keyPrefix: string;
  private readonly client: Redis;
  private readonly breaker: CircuitBreaker;
  private readonly logger: Logger;
  private readonly redactedUrl: string;
  private current: 'up' | 'down' = 'down';
  private everUp = false;
  private downLogged = false;
  private closed = false;
  private readonly firstReady: Promise<void>;

  constructor(private readonly options: RedisConnectionOptions) {
    this.keyPrefix = options.keyPrefix;
    this.logger = options.logger;
    this.redactedUrl = redactCredentialUrl(options.url);
    this.breaker = new CircuitBreaker({
      failureThreshold: options.failureThreshold ?? 3,
      cooldownMs: options.cooldownMs ?? 2_000,
      onStateChange: () => this.refresh(),
    });
    this.client = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: Math.max(1_000, options.commandTimeoutMs * 4),
      retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 6), MAX_RECONNECT_DELAY_MS),
      connectionName: 'steam-game-mcp',
    });
    this.firstReady = new Promise((resolve) => this.client.once('ready', () => resolve()));
    this.client.on('ready', () => {
      this.everUp = true;
      this.breaker.success();
      this.refresh();
    });
    this.client.on('close', () => this.refresh('connection closed'));
    // Without a listener ioredis prints every reconnection error; the state change says it once.
    this.client.on('error', (error: Error) => this.refresh(error.message));
  }

  get state(): 'up' | 'down' {
    return this.current;
  }

  /** The raw client, for callers that build on this connection (run their commands via run()). */
  get redis(): Redis {
    return this.client;
  }

  /** `prefix:rest` — every key this server writes starts with the configured prefix. */
  key(...parts: string[]): string {
    return [this.keyPrefix, ...parts].join(':');
  }

  /**
   * Runs one Redis operation within the guards. Throws RedisUnavailableError when Redis is down,
   * slow or its circuit open (the caller falls back), and counts that as a fallback of
   * `operation` in /metrics. A Redis error reply (a bug, not an outage) is thrown as is.
   */
  async run<T>(operation: string, command: (redis: Redis) => Promise<T>): Promise<T> {
    try {
      if (this.closed || !this.breaker.allow()) throw new RedisUnavailableError('Redis circuit open');
      // Right after start, the first connection may still be opening: wait for it, bounded.
      if (!this.everUp && this.client.status !== 'ready') await this.waitFirstReady();
      if (this.client.status !== 'ready') {
        this.breaker.release();
        throw new RedisUnavailableError(`Redis not connected (${this.client.status})`);
      }
      try {
        const result = await command(this.client);
        this.breaker.success();
        return result;
      } catch (error) {
        if (isReplyError(error)) {
          this.breaker.success();
          throw error;
        }
        this.breaker.failure();
        throw new RedisUnavailableError((error as Error).message, { cause: error });
      }
    } catch (error) {
      if (error instanceof RedisUnavailableError) this.options.metrics.redisFallback(operation);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  private async waitFirstReady(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.firstReady,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.commandTimeoutMs))),
    ]);
    clearTimeout(timer);
  }

  /** Up = connected and the circuit not open. Logs each change once (not every retry). */
  private refresh(reason?: string): void {
    if (this.closed) return;
    const next = this.client.status === 'ready' && this.breaker.state !== 'open' ? 'up' : 'down';
    if (next === this.current) {
      // The first connection failing is news too (nothing was up to go down).
      if (next === 'down' && !this.everUp && !this.downLogged && reason) this.logDown(reason);
      return;
    }
    this.current = next;
    this.options.onStateChange?.(next);
    if (next === 'up') {
      this.downLogged = false;
      this.logger.info(
        { redis: this.redactedUrl, state: 'up' },
        'Redis connected: shared cache and limits on',
      );
    } else {
      this.logDown(
        reason ?? (this.breaker.state === 'open' ? 'commands failing or too slow' : 'disconnected'),
      );
    }
  }

  private logDown(reason: string): void {
    this.downLogged = true;
    this.logger.warn(
      { redis: this.redactedUrl, state: 'down', reason: redactCredentialUrl(reason) },
      'Redis unavailable: each instance serves from its local cache and limits until it is back',
    );
  }
}

/** Redis answered with an error (wrong type, script error): it is up, the command was wrong. */
function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}
