export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit fails fast before letting one probe through. */
  cooldownMs: number;
  now?: () => number;
  onStateChange?: (state: CircuitState) => void;
}

/**
 * Fails fast while an upstream is down, so callers fall back (other host, stale cache,
 * rule-based ranking) at once instead of each waiting out timeouts and retries; after the
 * cooldown one probe is let through and its outcome closes or re-opens the circuit.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private current: CircuitState = 'closed';
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    return this.current;
  }

  /** Milliseconds until a probe may go through (0 when requests are allowed now). */
  get retryInMs(): number {
    if (this.current !== 'open') return 0;
    return Math.max(0, this.openedAt + this.options.cooldownMs - this.now());
  }

  /** Whether a request may go upstream now. A true answer in half-open reserves the probe. */
  allow(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open' && this.retryInMs > 0) return false;
    if (this.probing) return false;
    this.probing = true;
    this.transition('half_open');
    return true;
  }

  success(): void {
    this.failures = 0;
    this.probing = false;
    this.transition('closed');
  }

  failure(): void {
    this.probing = false;
    this.failures++;
    if (this.current === 'half_open' || this.failures >= this.options.failureThreshold) {
      this.openedAt = this.now();
      this.transition('open');
    }
  }

  /** A request that ended without telling anything about the upstream (e.g. cancelled). */
  release(): void {
    if (this.probing) {
      this.probing = false;
      if (this.current === 'half_open') this.transition('open');
    }
  }

  private transition(state: CircuitState): void {
    if (state === this.current) return;
    this.current = state;
    this.options.onStateChange?.(state);
  }
}
