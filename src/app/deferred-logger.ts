import type { LogFn, Logger, LogLevel } from '../observability/logger.js';

type Method = Exclude<LogLevel, 'silent'>;
type Args = [obj: object, msg?: string] | [msg: string];

const RANK: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};
const MAX_QUEUED = 1_000;

interface Root {
  threshold: number;
  target: Logger | undefined;
  queue: { logger: DeferredLogger; method: Method; args: Args; time: number }[];
  dropped: number;
  /** The time of the line being replayed, for the real logger's timestamps. */
  replaying: number | undefined;
  onWarning: () => void;
}

/**
 * A logger that exists before pino is loaded (loading pino is a noticeable part of start-up,
 * which the first SSE frame and tools/list should not wait for). Lines are kept, with their time, and written
 * in order once `attach` hands over the real logger. `onWarning` runs at the first line at
 * warn or above, so problems are written promptly rather than waiting for the idle load.
 */
export class DeferredLogger implements Logger {
  readonly fatal: LogFn = (...args: Args) => this.log('fatal', args);
  readonly error: LogFn = (...args: Args) => this.log('error', args);
  readonly warn: LogFn = (...args: Args) => this.log('warn', args);
  readonly info: LogFn = (...args: Args) => this.log('info', args);
  readonly debug: LogFn = (...args: Args) => this.log('debug', args);
  readonly trace: LogFn = (...args: Args) => this.log('trace', args);
  /** The time for the line being written (pino's clock): the recorded one while replaying. */
  readonly now = (): number => this.root.replaying ?? Date.now();
  private resolved: Logger | undefined;

  static create(level: LogLevel, onWarning: () => void = () => {}): DeferredLogger {
    const root: Root = {
      threshold: RANK[level],
      target: undefined,
      queue: [],
      dropped: 0,
      replaying: undefined,
      onWarning,
    };
    return new DeferredLogger(root);
  }

  private constructor(
    private readonly root: Root,
    private readonly parent?: DeferredLogger,
    private readonly bindings?: Record<string, unknown>,
  ) {}

  /** Hands over the real logger and writes every kept line to it, in order. */
  attach(target: Logger): void {
    const root = this.root;
    if (root.target) return;
    root.target = target;
    for (const { logger, method, args, time } of root.queue.splice(0)) {
      root.replaying = time;
      try {
        (logger.resolve()[method] as (...a: Args) => void)(...args);
      } finally {
        root.replaying = undefined;
      }
    }
    if (root.dropped)
      target.warn({ dropped: root.dropped }, 'log lines dropped while the logger was loading');
  }

  child(bindings: Record<string, unknown>): Logger {
    return this.root.target ? this.resolve().child(bindings) : new DeferredLogger(this.root, this, bindings);
  }

  private resolve(): Logger {
    const target = this.root.target!;
    return (this.resolved ??= this.parent ? this.parent.resolve().child(this.bindings!) : target);
  }

  private log(method: Method, args: Args): void {
    const root = this.root;
    if (root.target) return (this.resolve()[method] as (...a: Args) => void)(...args);
    if (RANK[method] < root.threshold) return;
    if (root.queue.length < MAX_QUEUED) root.queue.push({ logger: this, method, args, time: Date.now() });
    else root.dropped++;
    if (RANK[method] >= RANK.warn) root.onWarning();
  }
}
