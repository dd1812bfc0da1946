import { UpstreamError, type UpstreamCode } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { backoffMs, parseRetryAfter, sleep as defaultSleep } from './retry.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { Semaphore } from './semaphore.js';
import type { UpstreamBudget } from './upstream-budget.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface UpstreamCodes {
  http: UpstreamCode;
  rateLimited: UpstreamCode;
  timeout: UpstreamCode;
}

export interface UpstreamOptions {
  /** Metrics/log label, e.g. "steam_store". */
  target: string;
  fetch: FetchLike;
  timeoutMs: number;
  retries: number;
  limiter: Semaphore;
  /** Shared by every request to this upstream; open → fail fast with CIRCUIT_OPEN. */
  breaker?: CircuitBreaker;
  codes: UpstreamCodes;
  metrics: Metrics;
  logger: Logger;
  /** Requests per host (STEAM_BUDGET_PER_5MIN), drawn before every attempt. */
  budget?: UpstreamBudget;
  /** Longest Retry-After we wait for inside one call; longer ones fail fast with a hint. */
  maxRetryAfterMs?: number;
  backoffBaseMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface UpstreamResponse {
  status: number;
  headers: Headers;
  body: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** POST for read APIs that take their ids in a JSON body (IsThereAnyDeal); retried like a GET. */
  method?: 'GET' | 'POST';
  body?: string;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * GETs (or idempotent POSTs) with a per-attempt timeout, bounded concurrency and retries (backoff + jitter,
 * Retry-After honoured) on 429/5xx/network errors. Non-2xx answers become UpstreamError.
 */
export class Upstream {
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: UpstreamOptions) {
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  get target(): string {
    return this.options.target;
  }

  async get(url: string, request: RequestOptions = {}): Promise<UpstreamResponse> {
    const { breaker } = this.options;
    if (!breaker) return this.withRetries(url, request);
    if (!breaker.allow()) {
      this.options.metrics.upstreamCall(this.target, 'circuit_open', 0);
      throw new UpstreamError('CIRCUIT_OPEN', `${this.target} circuit is open`, {
        retryAfterMs: breaker.retryInMs,
      });
    }
    try {
      const response = await this.withRetries(url, request);
      breaker.success();
      return response;
    } catch (error) {
      if (error instanceof UpstreamError && error.code === 'STEAM_BUSY')
        breaker.release(); // refused here: Steam was not asked
      else if (error instanceof UpstreamError && error.retryable) breaker.failure();
      else if (error instanceof UpstreamError)
        breaker.success(); // it answered, e.g. 404: it is up
      else breaker.release();
      throw error;
    }
  }

  private async withRetries(url: string, request: RequestOptions): Promise<UpstreamResponse> {
    const { retries, maxRetryAfterMs = 5_000, backoffBaseMs = 300 } = this.options;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.drawBudget(url, request.signal);
        return await this.options.limiter.run(() => this.attempt(url, request), request.signal);
      } catch (error) {
        if (!(error instanceof UpstreamError) || !error.retryable || attempt >= retries) throw error;
        if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs) throw error;
        const wait = error.retryAfterMs ?? backoffMs(attempt, backoffBaseMs, 4_000, this.random);
        this.options.logger.debug(
          { target: this.target, attempt: attempt + 1, waitMs: wait, code: error.code },
          'retrying upstream request',
        );
        await this.sleep(wait, request.signal);
      }
    }
  }

  private async drawBudget(url: string, signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.options.budget?.acquire(url, signal);
    } catch (error) {
      if (error instanceof UpstreamError) this.options.metrics.upstreamCall(this.target, 'over_budget', 0);
      throw error;
    }
  }

  private async attempt(url: string, request: RequestOptions): Promise<UpstreamResponse> {
    const { codes, metrics, timeoutMs } = this.options;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const started = performance.now();
    let status = 'network_error';
    try {
      const response = await this.options.fetch(url, {
        signal,
        headers: request.headers,
        ...(request.method === 'POST' ? { method: 'POST', body: request.body } : {}),
      });
      status = String(response.status);
      const body = await response.text();
      if (response.ok) return { status: response.status, headers: response.headers, body };
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      throw new UpstreamError(
        response.status === 429 ? codes.rateLimited : codes.http,
        `${this.target} answered HTTP ${response.status}`,
        { status: response.status, retryAfterMs, retryable: RETRYABLE_STATUS.has(response.status) },
      );
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      if (request.signal?.aborted) {
        status = 'aborted';
        throw request.signal.reason;
      }
      if (timeout.aborted) {
        status = 'timeout';
        throw new UpstreamError(codes.timeout, `${this.target} timed out after ${timeoutMs} ms`, {
          retryable: true,
          cause: error,
        });
      }
      throw new UpstreamError(codes.http, `${this.target} request failed: ${(error as Error).message}`, {
        retryable: true,
        cause: error,
      });
    } finally {
      metrics.upstreamCall(this.target, status, performance.now() - started);
    }
  }
}
