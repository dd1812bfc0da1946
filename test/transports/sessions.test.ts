import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/transports/sessions.js';

describe('SessionStore', () => {
  it('reports the open count after each close, including idle expiry', () => {
    const clock = { t: 0 };
    const reports: number[] = [];
    const store = new SessionStore(
      10,
      1_000,
      () => clock.t,
      (open) => reports.push(open),
    );
    const session = (id: string) => ({ id, kind: 'sse' as const, lastActivity: 0, close() {} });
    store.add(session('a'));
    store.add(session('b'));
    store.remove('a');
    store.remove('a'); // already gone: not reported twice
    clock.t = 5_000;
    expect(store.sweep()).toBe(1);
    expect(reports).toEqual([1, 0]);
    expect(store.size).toBe(0);
  });
});
