import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleGc } from '../../src/app/idle-gc.js';

describe('createIdleGc', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    let open = 0;
    const gc = vi.fn();
    const load = vi.fn(async () => gc);
    const idle = createIdleGc(10_000, () => open, load);
    return { idle, gc, load, setOpen: (n: number) => (open = n) };
  }

  it('collects once the last session has been gone for the quiet time', async () => {
    const { idle, gc, load } = setup();
    idle.sessionsChanged(0);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(gc).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(gc).toHaveBeenCalledTimes(1);
    idle.sessionsChanged(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(gc).toHaveBeenCalledTimes(2);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not collect while sessions are open, even those opened after the last one closed', async () => {
    const { idle, gc, load, setOpen } = setup();
    idle.sessionsChanged(2);
    await vi.advanceTimersByTimeAsync(20_000);
    idle.sessionsChanged(0);
    setOpen(5_000); // a burst opens: the store only reports closes
    await vi.advanceTimersByTimeAsync(20_000);
    expect(gc).not.toHaveBeenCalled();
    expect(load).not.toHaveBeenCalled();
    setOpen(0);
    idle.sessionsChanged(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(gc).toHaveBeenCalledTimes(1);
  });
});
