import { randomUUID } from 'node:crypto';
import type { Limits } from './limits.js';

/** A claimed slot must become a session this soon, or Redis lets it go. */
const PENDING_TTL_MS = 30_000;
/** A held slot lives this long unless its instance renews it (so a dead instance's slots expire). */
const HELD_TTL_MS = 120_000;
const SLOTS = 'sessions';

interface Slot {
  client: string;
  member: string;
}

/**
 * MAX_SESSIONS_PER_CLIENT for the whole cluster: each open session holds a slot in Redis,
 * claimed (atomically, against the cap) before the session opens, renewed while it is open and
 * released when it closes. Without a shared store, or while it fails, the per-instance count in
 * the session store is the only cap, as before.
 */
export class SessionSlots {
  /** Claimed for a client whose session is not open yet (the SDK opens it after admission). */
  private readonly pending = new Map<string, { member: string; at: number }[]>();
  /** Session id → its slot. */
  private readonly held = new Map<string, Slot>();
  private renewer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: Limits,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** False only when the cluster already holds `max` sessions of the client. */
  async claim(client: string): Promise<boolean> {
    const member = randomUUID();
    const held = await this.limits.onShared(SLOTS, (store) =>
      store.claimSlot(SLOTS, client, member, this.max, PENDING_TTL_MS),
    );
    if (held === undefined) return true;
    if (held) {
      const queue = (this.pending.get(client) ?? []).filter((p) => p.at > this.now() - PENDING_TTL_MS);
      this.pending.set(client, [...queue, { member, at: this.now() }]);
    }
    return held;
  }

  /** A session opened: it takes its client's oldest claimed slot and keeps it. */
  opened(session: { id: string; client?: string }): void {
    const client = session.client;
    const claimed = client === undefined ? undefined : this.pending.get(client)?.shift();
    if (client === undefined || !claimed) return;
    if (!this.pending.get(client)?.length) this.pending.delete(client);
    const slot = { client, member: claimed.member };
    this.held.set(session.id, slot);
    void this.renew([slot]);
    this.renewer ??= setInterval(() => void this.renew([...this.held.values()]), HELD_TTL_MS / 3);
    this.renewer.unref();
  }

  closed(session: { id: string }): void {
    const slot = this.held.get(session.id);
    if (!slot) return;
    this.held.delete(session.id);
    if (this.held.size === 0) {
      clearInterval(this.renewer);
      this.renewer = undefined;
    }
    void this.limits.onShared(SLOTS, (store) => store.releaseSlot(SLOTS, slot.client, slot.member));
  }

  private async renew(slots: Slot[]): Promise<void> {
    // A renewal never refuses (the member is held already): the cap was checked when claimed.
    await Promise.all(
      slots.map((slot) =>
        this.limits.onShared(SLOTS, (store) =>
          store.claimSlot(SLOTS, slot.client, slot.member, Number.MAX_SAFE_INTEGER, HELD_TTL_MS),
        ),
      ),
    );
  }
}
