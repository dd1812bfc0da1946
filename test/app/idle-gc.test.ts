import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleGc } from '../../src/app/idle-gc.js';
import { SessionStore } from '../../src/transports/sessions.js';

describe('createIdleGc, watching the session store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const gc = vi.fn();
    const load = vi.fn(async () => gc);
    const store = new SessionStore(10_000, 60_000);
    store.watch(createIdleGc(10_000, load));
    const open = (id: string) => store.add({ id, kind: 'sse', lastActivity: Date.now(), close() {} });
    return { store, gc, load, open };
  }

  it('collects once the last session has been gone for the quiet time', async () => {
    const { store, gc, load, open } = setup();
    open('a');
    open('b');
    store.remove('a');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(gc).not.toHaveBeenCalled(); // b is still open
    store.remove('b');
    await vi.advanceTimersByTimeAsync(9_999);
    expect(gc).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(gc).toHaveBeenCalledTimes(1);
    open('c');
    store.remove('c');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(gc).toHaveBeenCalledTimes(2);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not collect over sessions opened after the last one closed', async () => {
    const { store, gc, load, open } = setup();
    open('a');
    store.remove('a');
    await vi.advanceTimersByTimeAsync(5_000);
    for (let i = 0; i < 100; i++) open(`burst-${i}`);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(gc).not.toHaveBeenCalled();
    expect(load).not.toHaveBeenCalled();
    for (let i = 0; i < 100; i++) store.remove(`burst-${i}`);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(gc).toHaveBeenCalledTimes(1);
  });
});
