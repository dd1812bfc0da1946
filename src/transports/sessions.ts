export type SessionKind = 'sse' | 'streamable';

export interface Session {
  readonly id: string;
  readonly kind: SessionKind;
  lastActivity: number;
  /** Budget key of the client that opened it (MAX_SESSIONS_PER_CLIENT). */
  readonly client?: string;
  /** Hash of the credentials that opened it: other credentials get "not found". */
  readonly owner?: string;
  /** Closes the transport; the store forgets the session through `remove`. */
  close(reason: string): void;
}

/** Told of every session opened and closed, with the number open after it. */
export interface SessionWatcher {
  opened(session: Session, open: number): void;
  closed(session: Session, open: number): void;
}

/**
 * Open sessions of both HTTP transports: one map, so a Streamable id can never be used on
 * /messages (kinds are checked), counts for /healthz, a cap, and idle expiry.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly perClient = new Map<string, number>();
  private sweeper: NodeJS.Timeout | undefined;
  private readonly watchers: SessionWatcher[] = [];

  constructor(
    private readonly maxSessions: number,
    private readonly idleTimeoutMs: number,
    private readonly now: () => number = Date.now,
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

  /** Sessions open for one client (its budget key). */
  countFor(client: string): number {
    return this.perClient.get(client) ?? 0;
  }

  watch(watcher: SessionWatcher): void {
    this.watchers.push(watcher);
  }

  add(session: Session): void {
    if (this.sessions.has(session.id)) return;
    this.sessions.set(session.id, session);
    if (session.client !== undefined) this.perClient.set(session.client, this.countFor(session.client) + 1);
    for (const watcher of this.watchers) watcher.opened(session, this.sessions.size);
    this.startSweeper();
  }

  /** The session, if it is of this kind and (when `owner` is given) opened with those credentials. */
  get(id: string, kind: SessionKind, owner?: string): Session | undefined {
    const session = this.sessions.get(id);
    if (!session || session.kind !== kind) return undefined;
    if (owner !== undefined && session.owner !== undefined && session.owner !== owner) return undefined;
    session.lastActivity = this.now();
    return session;
  }

  remove(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    if (session.client !== undefined) {
      const left = this.countFor(session.client) - 1;
      if (left > 0) this.perClient.set(session.client, left);
      else this.perClient.delete(session.client);
    }
    for (const watcher of this.watchers) watcher.closed(session, this.sessions.size);
  }

  closeAll(reason: string): void {
    for (const session of [...this.sessions.values()]) session.close(reason);
    this.sessions.clear();
    this.perClient.clear();
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
