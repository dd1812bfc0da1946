/** What the rest of the code records; the Prometheus implementation lives in prometheus.ts. */
export type ToolOutcome = 'ok' | 'user_error' | 'upstream_error' | 'internal_error';

export interface Metrics {
  httpRequest(route: string, method: string, status: number): void;
  toolCall(tool: string, outcome: ToolOutcome, durationMs: number): void;
  upstreamCall(target: string, status: string, durationMs: number): void;
  cacheLookup(kind: string, result: 'hit' | 'miss' | 'stale' | 'coalesced' | 'shared'): void;
  llmCall(purpose: string, outcome: string, durationMs: number): void;
  /** Redis could not serve `operation` (down, slow, circuit open): the local fallback was used. */
  redisFallback(operation: string): void;
}

export const noopMetrics: Metrics = {
  httpRequest() {},
  toolCall() {},
  upstreamCall() {},
  cacheLookup() {},
  llmCall() {},
  redisFallback() {},
};
