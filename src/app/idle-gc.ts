import { lazy } from './lazy.js';

/** V8's own full GC, reachable once --expose-gc is set. */
async function loadGc(): Promise<() => void> {
  const [{ default: v8 }, { default: vm }] = await Promise.all([lazy.v8.load(), lazy.vm.load()]);
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/**
 * A full garbage collection once the server has gone quiet (no session left for `quietMs`).
 * V8 only shrinks the heap after a major GC, and an idle server may go without one for a long
 * time: after a burst of sessions its RSS would stay high although nothing is retained
 * (bench:load's soak shows it). One GC when the last client has left hands the memory back.
 * `openSessions` is asked again when the time comes: sessions opened meanwhile cancel it (a full
 * GC over thousands of live sessions would pause them all and free nothing).
 */
export function createIdleGc(
  quietMs: number,
  openSessions: () => number,
  load: () => Promise<() => void> = loadGc,
): { sessionsChanged(open: number): void } {
  let gc: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const collect = async () => {
    if (openSessions() > 0) return;
    gc ??= await load();
    gc();
  };
  return {
    sessionsChanged(open) {
      clearTimeout(timer);
      if (open > 0) return;
      timer = setTimeout(() => void collect(), quietMs);
      timer.unref();
    },
  };
}
