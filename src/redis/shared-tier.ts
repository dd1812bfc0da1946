import type { RedisConfig } from '../config/load.js';
import { redactCredentialUrl } from '../config/problems.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type * as ConnectionModule from './connection.js';
import type { RedisConnection } from './connection.js';

/** What /healthz and /metrics say about Redis: `disabled` when REDIS_URL is unset. */
export type RedisState = 'up' | 'down' | 'disabled';

/**
 * The shared tier as the start path sees it: its state (for /healthz, /metrics) and the Redis
 * connection, whose client (ioredis, chunk-redis.js) loads only when REDIS_URL is set and
 * something first asks for it. Without REDIS_URL nothing here loads anything.
 */
export class SharedTier {
  private current: RedisState;
  private loading: Promise<RedisConnection> | undefined;

  constructor(
    private readonly options: {
      config: RedisConfig;
      logger: Logger;
      metrics: Metrics;
      /** Loads the connection module (lazy.redis: ioredis is its own file). */
      load: () => Promise<typeof ConnectionModule>;
    },
  ) {
    this.current = options.config.url ? 'down' : 'disabled';
  }

  get state(): RedisState {
    return this.current;
  }

  get enabled(): boolean {
    return this.options.config.url !== undefined;
  }

  /** REDIS_URL without its password, for logs and messages. */
  get redactedUrl(): string | undefined {
    const { url } = this.options.config;
    return url === undefined ? undefined : redactCredentialUrl(url);
  }

  /** The connection (connecting in the background), or undefined without REDIS_URL. */
  async connection(): Promise<RedisConnection | undefined> {
    const { config, logger, metrics } = this.options;
    const url = config.url;
    if (url === undefined) return undefined;
    this.loading ??= this.options.load().then(
      ({ RedisConnection }) =>
        new RedisConnection({
          url,
          keyPrefix: config.keyPrefix,
          commandTimeoutMs: config.commandTimeoutMs,
          logger: logger.child({ component: 'redis' }),
          metrics,
          onStateChange: (state) => (this.current = state),
        }),
    );
    return this.loading;
  }

  /** Closes the connection if one was opened. */
  async close(): Promise<void> {
    if (this.loading) await (await this.loading).close();
  }
}
