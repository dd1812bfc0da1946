import type { SessionWatcher } from '../transports/sessions.js';
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
 * (bench:load's soak shows it). One GC when the last client has left hands the memory back; a
 * session opened meanwhile cancels it (a full GC over live sessions would pause them and free
 * little).
 */
export function createIdleGc(quietMs: number, load: () => Promise<() => void> = loadGc): SessionWatcher {
  let gc: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const collect = async () => {
    gc ??= await load();
    gc();
  };
  return {
    opened() {
      clearTimeout(timer);
    },
    closed(_session, open) {
      clearTimeout(timer);
      if (open > 0) return;
      timer = setTimeout(() => void collect(), quietMs);
      timer.unref();
    },
  };
}
