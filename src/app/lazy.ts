/**
 * Every part of the program that loads lazily, what asks for it, and when it loads anyway.
 * This is the only module with `import()`: scripts/build.mjs reads this table and makes each
 * entry its own file, `dist/<name>.js` (node: built-ins stay built-ins); everything else is
 * bundled into the file that imports it. So moving a source file changes the import below, and
 * the chunking follows it.
 *
 * `preload` loads a part without a request asking, once the server is `listening` or the
 * `runtime` is up, so the first request that needs it finds it ready; the composition root
 * (server.ts) runs these timers.
 */
export const lazy = {
  server: {
    load: () => import('./server.js'),
    when: 'at start, unless the first argument names a CLI command',
  },
  cli: {
    load: () => import('../cli/main.js'),
    when: 'the first argument names a CLI command (steam-game-mcp search …)',
  },
  runtime: {
    load: () => import('./runtime.js'),
    when: 'the first SSE frame is out, or the first /mcp, /messages or /metrics request; stdio at once',
    // No request needs it this soon after listening: load it without racing the first one.
    preload: { after: 'listening', ms: 50 },
  },
  logger: {
    load: () => import('../observability/pino-logger.js'),
    when: 'the first line at warn or above, or before exiting',
    // After the first client's handshake (sooner, it lands between initialize and tools/list);
    // until then DeferredLogger keeps the lines.
    preload: { after: 'runtime', ms: 1_000 },
  },
  metrics: {
    load: () => import('../observability/prometheus.js'),
    when: 'the first /metrics scrape',
    // Off the request path, when the server is likely idle; DeferredMetrics keeps what happens.
    preload: { after: 'runtime', ms: 2_000 },
  },
  services: {
    load: () => import('./services.js'),
    when: 'the first tool call or completion lookup: the tools, Steam, the catalog, the recommender',
  },
  prompts: {
    load: () => import('./prompts.js'),
    when: 'the first prompts/* or completion/* request: the prompt texts and the tag vocabulary',
  },
  streamable: {
    load: () => import('../transports/streamable-http.js'),
    when: 'the first /mcp request (legacy SSE clients never pay for it)',
  },
  redis: {
    load: () => import('../redis/index.js'),
    when: 'REDIS_URL is set, as the runtime comes up: ioredis and the shared cache (never without it)',
  },
  openai: {
    load: () => import('openai'),
    when: 'the first LLM call',
  },
  v8: {
    load: () => import('node:v8'),
    when: 'the first idle GC (it brings the heap utilities along)',
  },
  vm: {
    load: () => import('node:vm'),
    when: 'the first idle GC',
  },
} satisfies Record<string, LazyPart>;

export interface LazyPart {
  load: () => Promise<unknown>;
  /** What first asks for it. */
  when: string;
  preload?: { after: 'listening' | 'runtime'; ms: number };
}

export type LazyName = keyof typeof lazy;

/**
 * Starts the preloads due after `event`: `start[name]` loads (and sets up) that part; each
 * timer is unref'd, so a pending preload never keeps the process alive.
 */
export function schedulePreloads(
  event: 'listening' | 'runtime',
  start: Partial<Record<LazyName, () => unknown>>,
): void {
  for (const [name, part] of Object.entries(lazy) as [LazyName, LazyPart][]) {
    const run = start[name];
    if (part.preload?.after === event && run) setTimeout(run, part.preload.ms).unref();
  }
}

/** `load` run at the first call; later calls share its promise. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= load());
}
