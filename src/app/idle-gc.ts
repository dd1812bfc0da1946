import { lazy } from './lazy.js';

/**
 * A full garbage collection once the server has gone quiet (no session left for `quietMs`).
 * V8 only shrinks the heap after a major GC, and an idle server may go without one for a long
 * time: after a burst of sessions its RSS would stay high although nothing is retained
 * (bench:load's soak shows it). One GC when the last client has left hands the memory back.
 */
export function createIdleGc(quietMs: number): { sessionsChanged(open: number): void } {
  let gc: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const collect = async () => {
    if (!gc) {
      const [{ default: v8 }, { default: vm }] = await Promise.all([lazy.v8.load(), lazy.vm.load()]);
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    }
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
