import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics, ToolOutcome } from './metrics.js';

const MS_BUCKETS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000];

/** Metrics exposed at /metrics in the Prometheus text format. */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'mcp_http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [this.registry],
  });
  private readonly toolCalls = new Counter({
    name: 'mcp_tool_calls_total',
    help: 'Tool calls by tool and outcome',
    labelNames: ['tool', 'outcome'],
    registers: [this.registry],
  });
  private readonly toolLatency = new Histogram({
    name: 'mcp_tool_call_duration_ms',
    help: 'Tool call latency in milliseconds',
    labelNames: ['tool', 'outcome'],
    buckets: MS_BUCKETS,
    registers: [this.registry],
  });
  private readonly upstreamCalls = new Counter({
    name: 'upstream_requests_total',
    help: 'Upstream HTTP requests by target and status',
    labelNames: ['target', 'status'],
    registers: [this.registry],
  });
  private readonly upstreamLatency = new Histogram({
    name: 'upstream_request_duration_ms',
    help: 'Upstream request latency in milliseconds',
    labelNames: ['target'],
    buckets: MS_BUCKETS,
    registers: [this.registry],
  });
  private readonly cache = new Counter({
    name: 'cache_lookups_total',
    help: 'Cache lookups by kind and result (hit, miss, coalesced, stale, shared: read from Redis)',
    labelNames: ['kind', 'result'],
    registers: [this.registry],
  });
  private readonly llm = new Counter({
    name: 'llm_calls_total',
    help: 'LLM calls by purpose and outcome',
    labelNames: ['purpose', 'outcome'],
    registers: [this.registry],
  });
  private readonly llmLatency = new Histogram({
    name: 'llm_call_duration_ms',
    help: 'LLM call latency in milliseconds',
    labelNames: ['purpose'],
    buckets: MS_BUCKETS,
    registers: [this.registry],
  });

  private readonly redisFallbacks = new Counter({
    name: 'redis_fallbacks_total',
    help: 'Redis operations served by the local fallback instead (Redis down, slow or circuit open)',
    labelNames: ['operation'],
    registers: [this.registry],
  });

  constructor(opts: {
    startupMs: number;
    openSessions: (kind: 'sse' | 'streamable') => number;
    /** The shared tier's state: up, down or disabled (no REDIS_URL). */
    redisState: () => string;
  }) {
    new Gauge({
      name: 'mcp_startup_ms',
      help: 'Milliseconds from process start to listening',
      registers: [this.registry],
    }).set(opts.startupMs);
    new Gauge({
      name: 'mcp_open_sessions',
      help: 'Open MCP sessions by transport',
      labelNames: ['transport'],
      registers: [this.registry],
      collect() {
        this.set({ transport: 'sse' }, opts.openSessions('sse'));
        this.set({ transport: 'streamable' }, opts.openSessions('streamable'));
      },
    });
    new Gauge({
      name: 'redis_up',
      help: 'Whether the shared Redis is usable: 1 up, 0 down (local fallback), -1 disabled (no REDIS_URL)',
      registers: [this.registry],
      collect() {
        const state = opts.redisState();
        this.set(state === 'up' ? 1 : state === 'down' ? 0 : -1);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  httpRequest(route: string, method: string, status: number): void {
    this.requests.inc({ route, method, status: String(status) });
  }

  toolCall(tool: string, outcome: ToolOutcome, durationMs: number): void {
    this.toolCalls.inc({ tool, outcome });
    this.toolLatency.observe({ tool, outcome }, durationMs);
  }

  upstreamCall(target: string, status: string, durationMs: number): void {
    this.upstreamCalls.inc({ target, status });
    this.upstreamLatency.observe({ target }, durationMs);
  }

  cacheLookup(kind: string, result: 'hit' | 'miss' | 'stale' | 'coalesced' | 'shared'): void {
    this.cache.inc({ kind, result });
  }

  llmCall(purpose: string, outcome: string, durationMs: number): void {
    this.llm.inc({ purpose, outcome });
    this.llmLatency.observe({ purpose }, durationMs);
  }

  redisFallback(operation: string): void {
    this.redisFallbacks.inc({ operation });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
