import { z } from 'zod';
import { UpstreamError } from '../errors.js';
import { CircuitBreaker } from '../http/circuit-breaker.js';
import { Semaphore } from '../http/semaphore.js';
import { TtlCache } from '../http/ttl-cache.js';
import { Upstream, type FetchLike } from '../http/upstream.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';

export interface ItadOptions {
  baseUrl: string;
  /** Sent to ITAD only (header), never logged. */
  apiKey: string;
  timeoutMs: number;
  retries: number;
  circuit: { failureThreshold: number; cooldownMs: number };
  fetch: FetchLike;
  logger: Logger;
  metrics: Metrics;
}

export interface HistoricalLow {
  price: number;
  currency: string;
  shop: string;
  /** ISO date of the low. */
  date: string | null;
}

export interface ItadLows {
  allTime: HistoricalLow | null;
  steam: HistoricalLow | null;
}

const STEAM_SHOP_ID = 61;
const DAY = 86_400_000;

const money = z.object({ amount: z.number(), amountInt: z.number().optional(), currency: z.string() });
const low = z.object({
  shop: z.object({ id: z.number(), name: z.string() }),
  price: money,
  timestamp: z.string().optional(),
});
const lookupSchema = z.object({ found: z.boolean(), game: z.object({ id: z.string() }).optional() });
const historyLowSchema = z.array(z.object({ id: z.string(), low: low.nullable().optional() }));
const storeLowSchema = z.array(z.object({ id: z.string(), lows: z.array(low).optional() }));

/** IsThereAnyDeal API v2 (FORMATS.md §18): historical lows for a Steam app in one country. */
export class ItadClient {
  private readonly upstream: Upstream;
  private readonly cache: TtlCache;

  constructor(private readonly options: ItadOptions) {
    this.upstream = new Upstream({
      target: 'itad',
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      limiter: new Semaphore(4),
      breaker: new CircuitBreaker({
        ...options.circuit,
        onStateChange: (state) => options.logger.warn({ target: 'itad', state }, 'circuit state changed'),
      }),
      codes: { http: 'ITAD_HTTP', rateLimited: 'ITAD_RATE_LIMITED', timeout: 'ITAD_TIMEOUT' },
      metrics: options.metrics,
      logger: options.logger,
    });
    this.cache = new TtlCache({
      maxEntries: 5_000,
      ttlMs: 6 * 3_600_000,
      staleTtlMs: DAY,
      metrics: options.metrics,
    });
  }

  /** null when ITAD does not know the app. */
  async lows(appId: string, country: string, o: { signal?: AbortSignal } = {}): Promise<ItadLows | null> {
    const { value } = await this.cache.getOrLoad('itad', `lows:${country}:${appId}`, async () => {
      const id = await this.gameId(appId, o);
      if (!id) return null;
      const q = new URLSearchParams({ country });
      const [history, store] = await Promise.all([
        this.post(`/games/historylow/v1?${q}`, [id], historyLowSchema, o),
        this.post(`/games/storelow/v2?${q}&shops=${STEAM_SHOP_ID}`, [id], storeLowSchema, o),
      ]);
      const allTime = history.find((h) => h.id === id)?.low ?? null;
      const steam = store.find((s) => s.id === id)?.lows?.find((l) => l.shop.id === STEAM_SHOP_ID) ?? null;
      return { allTime: allTime && toLow(allTime), steam: steam && toLow(steam) };
    });
    return value;
  }

  private async gameId(appId: string, o: { signal?: AbortSignal }): Promise<string | null> {
    const body = await this.request(`/games/lookup/v1?${new URLSearchParams({ appid: appId })}`, o);
    const found = parse(body, lookupSchema, 'lookup');
    return found.found ? (found.game?.id ?? null) : null;
  }

  private async post<T extends z.ZodType>(
    path: string,
    ids: string[],
    schema: T,
    o: { signal?: AbortSignal },
  ): Promise<z.output<T>> {
    return parse(await this.request(path, o, JSON.stringify(ids)), schema, path.split('?')[0] ?? path);
  }

  private async request(path: string, o: { signal?: AbortSignal }, body?: string): Promise<string> {
    const response = await this.upstream.get(`${this.options.baseUrl}${path}`, {
      signal: o.signal,
      headers: {
        accept: 'application/json',
        'ITAD-API-Key': this.options.apiKey,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { method: 'POST' as const, body }),
    });
    return response.body;
  }
}

function toLow(raw: z.output<typeof low>): HistoricalLow {
  const time = raw.timestamp ? Date.parse(raw.timestamp) : NaN;
  return {
    price: raw.price.amountInt !== undefined ? raw.price.amountInt / 100 : raw.price.amount,
    currency: raw.price.currency,
    shop: raw.shop.name,
    // Offsets are mixed (+01:00, +08:00): parse, then print in UTC.
    date: Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10),
  };
}

function parse<T extends z.ZodType>(body: string, schema: T, what: string): z.output<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    throw new UpstreamError('ITAD_PARSE', `ITAD ${what}: body is not JSON`, { cause: error });
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new UpstreamError('ITAD_PARSE', `ITAD ${what}: unexpected shape`);
  return result.data;
}
