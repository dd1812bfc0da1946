import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/transports/sessions.js';

describe('SessionStore', () => {
  it('tells its watchers of each open and close with the count after it, including idle expiry', () => {
    const clock = { t: 0 };
    const reports: string[] = [];
    const store = new SessionStore(10, 1_000, () => clock.t);
    store.watch({
      opened: (s, open) => reports.push(`+${s.id} ${open}`),
      closed: (s, open) => reports.push(`-${s.id} ${open}`),
    });
    const session = (id: string) => ({ id, kind: 'sse' as const, lastActivity: 0, close() {} });
    store.add(session('a'));
    store.add(session('b'));
    store.remove('a');
    store.remove('a'); // already gone: not reported twice
    clock.t = 5_000;
    expect(store.sweep()).toBe(1);
    expect(reports).toEqual(['+a 1', '+b 2', '-a 1', '-b 0']);
    expect(store.size).toBe(0);
  });
});
