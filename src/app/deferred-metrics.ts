import type { Metrics } from '../observability/metrics.js';

type Call = { [K in keyof Metrics]: [K, Parameters<Metrics[K]>] }[keyof Metrics];

/**
 * Records what happens before the real metrics backend is loaded (it loads lazily, off
 * the start-up path) and replays it once attached, so early requests are not lost.
 */
export class DeferredMetrics implements Metrics {
  private target: Metrics | undefined;
  private readonly queue: Call[] = [];

  attach(target: Metrics): void {
    this.target = target;
    for (const [method, args] of this.queue.splice(0))
      (target[method] as (...a: unknown[]) => void).call(target, ...args);
  }

  httpRequest(...args: Parameters<Metrics['httpRequest']>): void {
    this.record(['httpRequest', args]);
  }
  toolCall(...args: Parameters<Metrics['toolCall']>): void {
    this.record(['toolCall', args]);
  }
  upstreamCall(...args: Parameters<Metrics['upstreamCall']>): void {
    this.record(['upstreamCall', args]);
  }
  cacheLookup(...args: Parameters<Metrics['cacheLookup']>): void {
    this.record(['cacheLookup', args]);
  }
  llmCall(...args: Parameters<Metrics['llmCall']>): void {
    this.record(['llmCall', args]);
  }
  redisFallback(...args: Parameters<Metrics['redisFallback']>): void {
    this.record(['redisFallback', args]);
  }

  private record(call: Call): void {
    if (this.target) (this.target[call[0]] as (...a: unknown[]) => void).call(this.target, ...call[1]);
    else if (this.queue.length < 10_000) this.queue.push(call);
  }
}
