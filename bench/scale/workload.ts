/**
 * The scale bench's workload: a seeded catalogue of 500 distinct tool calls built from the fake
 * Steam catalogue, a seeded Zipf sampler over it (rank 1 is the most popular call), and the
 * simulated users that draw from it.
 */
import { FAKE_GAMES } from '../../test/helpers/fake-steam-games.js';
import { McpUser, type CallOutcome } from './mcp-user.js';

export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** mulberry32: a small, fast, seeded PRNG — the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * `size` distinct calls of the cheap, Steam-backed tools (no LLM), in a seeded order: the order
 * is the popularity rank, so the most popular calls are a mix of tools, not all one tool.
 */
export function buildCatalogue(size: number, random: () => number): ToolCall[] {
  const released = FAKE_GAMES.filter((g) => g.type === 'game' && !g.comingSoon);
  const pool: ToolCall[] = [];
  for (const g of FAKE_GAMES)
    pool.push({ name: 'get_game_details', arguments: { game_identifier: String(g.appId) } });
  for (const g of released) {
    pool.push({ name: 'find_similar_games', arguments: { game_identifier: String(g.appId) } });
    for (const keywords of [g.name, g.englishName].filter((k): k is string => Boolean(k))) {
      for (const max_results of [5, 10])
        pool.push({ name: 'search_games', arguments: { keywords, max_results } });
    }
  }
  for (const filter_type of ['topsellers', 'popularnew', 'trendingweek']) {
    for (const max_results of [5, 10, 20, 50])
      pool.push({ name: 'get_top_games', arguments: { filter_type, max_results } });
  }
  for (let min_discount = 0; min_discount <= 90; min_discount += 10) {
    for (const max_results of [10, 20]) {
      pool.push({ name: 'get_discounted_games', arguments: { min_discount, max_results } });
    }
  }
  if (pool.length < size)
    throw new Error(`the fake catalogue yields ${pool.length} distinct calls, < ${size}`);
  return shuffle(pool, random).slice(0, size);
}

/** Draws ranks 0..n-1 with P(rank k) ∝ 1/(k+1)^s. */
export function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) cdf[k] = total += 1 / Math.pow(k + 1, s);
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface UserRunOptions {
  url: string;
  users: number;
  durationMs: number;
  /** Mean think time between one user's calls (exponentially distributed). */
  thinkMs: number;
  catalogue: readonly ToolCall[];
  zipfS: number;
  seed: number;
  callTimeoutMs: number;
  /** Called once, at half time (e.g. to kill Redis). */
  atHalfTime?: () => Promise<void> | void;
}

export interface RunResult {
  calls: number;
  latenciesMs: number[];
  failures: Map<string, number>;
  distinctCalls: number;
}

/**
 * `users` users, each initializing once and then calling draws from the Zipf distribution, with
 * think time between calls, until the time is up. Each user has its own seeded stream, so a
 * scenario's sequence of draws does not depend on timing.
 */
export async function runUsers(opt: UserRunOptions): Promise<RunResult> {
  const latenciesMs: number[] = [];
  const failures = new Map<string, number>();
  const seen = new Set<number>();
  const fail = (reason: string) => failures.set(reason, (failures.get(reason) ?? 0) + 1);
  const record = (outcome: CallOutcome) => {
    if (outcome.ok) latenciesMs.push(outcome.ms);
    else fail(outcome.reason);
  };
  const deadline = performance.now() + opt.durationMs;
  const halfTime = opt.atHalfTime
    ? new Promise<void>((resolve) => setTimeout(resolve, opt.durationMs / 2)).then(opt.atHalfTime)
    : Promise.resolve();

  async function user(index: number): Promise<void> {
    const random = seededRandom(opt.seed * 1_000 + index + 1);
    const draw = zipfSampler(opt.catalogue.length, opt.zipfS, random);
    // Spread the users' first calls over one think time, as real arrivals are.
    await sleep(random() * opt.thinkMs);
    const mcp = new McpUser(opt.url, `bench-user-${index}`, opt.callTimeoutMs);
    const init = await mcp.initialize();
    if (!init.ok) return record(init);
    while (performance.now() < deadline) {
      const rank = draw();
      seen.add(rank);
      record(await mcp.callTool(opt.catalogue[rank]!));
      const think = -Math.log(1 - random()) * opt.thinkMs;
      await sleep(Math.min(think, deadline - performance.now()));
    }
  }

  await Promise.all([...Array.from({ length: opt.users }, (_, i) => user(i)), halfTime]);
  return {
    calls: latenciesMs.length + [...failures.values()].reduce((a, b) => a + b, 0),
    latenciesMs,
    failures,
    distinctCalls: seen.size,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
