import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * A full garbage collection once the server has gone quiet (no session left for `quietMs`).
 * V8 only shrinks the heap after a major GC, and an idle server may go without one for a long
 * time: after a burst of sessions its RSS would stay high although nothing is retained
 * (bench:load's soak shows it). One GC when the last client has left hands the memory back.
 */
export function createIdleGc(quietMs: number): { sessionsChanged(open: number): void } {
  let gc: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  return {
    sessionsChanged(open) {
      clearTimeout(timer);
      if (open > 0) return;
      timer = setTimeout(() => {
        if (!gc) {
          v8.setFlagsFromString('--expose-gc');
          gc = vm.runInNewContext('gc') as () => void;
        }
        gc();
      }, quietMs);
      timer.unref();
    },
  };
}
