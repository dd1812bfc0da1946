import type { SharedCache } from '../http/shared-cache.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type * as RedisChunk from './index.js';
import type { RedisConnection } from './connection.js';

/** REDIS_URL and its settings (config's RedisConfig fits as is). */
export interface RedisTierSettings {
  /** Holds the password, if any: logged only through redactCredentialUrl. */
  readonly url: string | undefined;
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
}

/** What /healthz and /metrics say about Redis: `disabled` when REDIS_URL is unset. */
export type RedisState = 'up' | 'down' | 'disabled';

/** Where answers live under the key prefix; the caller's keys carry their own format version. */
const ANSWERS_NAMESPACE = 'cache';

/**
 * The shared tier as the start path sees it: its state (for /healthz, /metrics) and the Redis
 * connection, whose client (ioredis, dist/redis.js) loads only when REDIS_URL is set and
 * something first asks for it. Without REDIS_URL nothing here loads anything.
 */
export class SharedTier {
  private current: RedisState;
  private loading: Promise<{ chunk: typeof RedisChunk; connection: RedisConnection }> | undefined;

  constructor(
    private readonly options: {
      config: RedisTierSettings;
      logger: Logger;
      metrics: Metrics;
      /** Loads ioredis and the code on it (src/redis/index.ts, its own lazy chunk). */
      load: () => Promise<typeof RedisChunk>;
    },
  ) {
    this.current = options.config.url ? 'down' : 'disabled';
  }

  get state(): RedisState {
    return this.current;
  }

  /** The connection (connecting in the background), or undefined without REDIS_URL. */
  async connection(): Promise<RedisConnection | undefined> {
    return (await this.load())?.connection;
  }

  /**
   * The answer cache shared by instances, or undefined without REDIS_URL. `lockMs`: how long
   * one instance's load keeps the others waiting before one of them takes over.
   */
  async answerCache(lockMs: number): Promise<SharedCache | undefined> {
    const loaded = await this.load();
    if (!loaded) return undefined;
    const logger = this.options.logger.child({ component: 'redis' });
    return new loaded.chunk.RedisAnswerCache(loaded.connection, {
      namespace: ANSWERS_NAMESPACE,
      lockMs,
      logger,
    });
  }

  private load(): Promise<{ chunk: typeof RedisChunk; connection: RedisConnection }> | undefined {
    const { config, logger, metrics } = this.options;
    const url = config.url;
    if (url === undefined) return undefined;
    this.loading ??= this.options.load().then((chunk) => ({
      chunk,
      connection: new chunk.RedisConnection({
        url,
        keyPrefix: config.keyPrefix,
        commandTimeoutMs: config.commandTimeoutMs,
        logger: logger.child({ component: 'redis' }),
        metrics,
        onStateChange: (state) => (this.current = state),
      }),
    }));
    return this.loading;
  }
}
