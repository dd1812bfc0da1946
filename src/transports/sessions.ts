export type SessionKind = 'sse' | 'streamable';

export interface Session {
  readonly id: string;
  readonly kind: SessionKind;
  lastActivity: number;
  /** Closes the transport; the store forgets the session through `remove`. */
  close(reason: string): void;
}

/**
 * Open sessions of both HTTP transports: one map, so a Streamable id can never be used on
 * /messages (kinds are checked), counts for /healthz, a cap, and idle expiry.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly maxSessions: number,
    private readonly idleTimeoutMs: number,
    private readonly now: () => number = Date.now,
    /** Told the number of open sessions after each session closes. */
    private readonly onClosed: (open: number) => void = () => {},
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  get full(): boolean {
    return this.sessions.size >= this.maxSessions;
  }

  count(kind: SessionKind): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.kind === kind) n++;
    return n;
  }

  add(session: Session): void {
    this.sessions.set(session.id, session);
    this.startSweeper();
  }

  get(id: string, kind: SessionKind): Session | undefined {
    const session = this.sessions.get(id);
    if (!session || session.kind !== kind) return undefined;
    session.lastActivity = this.now();
    return session;
  }

  remove(id: string): void {
    if (this.sessions.delete(id)) this.onClosed(this.sessions.size);
  }

  closeAll(reason: string): void {
    for (const session of [...this.sessions.values()]) session.close(reason);
    this.sessions.clear();
    this.stopSweeper();
  }

  /** Closes sessions idle longer than the timeout. Returns how many were closed. */
  sweep(): number {
    const cutoff = this.now() - this.idleTimeoutMs;
    let closed = 0;
    for (const session of [...this.sessions.values()]) {
      if (session.lastActivity < cutoff) {
        session.close('idle');
        this.remove(session.id);
        closed++;
      }
    }
    return closed;
  }

  private startSweeper(): void {
    if (this.sweeper) return;
    const every = Math.max(1_000, Math.min(60_000, Math.floor(this.idleTimeoutMs / 4)));
    this.sweeper = setInterval(() => this.sweep(), every);
    this.sweeper.unref();
  }

  private stopSweeper(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}
