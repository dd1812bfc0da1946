/**
 * Scale bench (issue 11): `npm run bench:scale`, or after a build
 * `node bench/run-ts.mjs bench/scale/main.ts [KEY=VALUE ...]`.
 *
 * Server instances of the built bundle (`dist/main.js --http`, stateless /mcp) behind a round-robin
 * proxy (bench/scale/proxy.ts), one loopback fake Steam with a fixed latency shared by all of them,
 * and simulated users calling cheap Steam-backed tools drawn from a seeded Zipf distribution over a
 * seeded catalogue of distinct calls (bench/scale/workload.ts). Scenarios:
 *   one          one instance, no Redis (the baseline)
 *   four         INSTANCES instances, each with its own cache
 *   four-redis   INSTANCES instances sharing a real redis-server (persistence off) via REDIS_URL
 *   redis-kill   as four-redis, but Redis is SIGKILLed at half time and restarted REDIS_DOWN_S later
 * Each prints Steam upstream requests (counted at the fake), the servers' cache hit ratio (their
 * /metrics), p50/p95/p99 call latency and failed calls; then the targets: four-redis makes
 * ≤ 1.2× the Steam requests of one instance serving the same calls (see printTargets); 0 failed
 * calls in every scenario.
 *
 * Per-client budgets are raised far above the load (all users reach the servers from the proxy's
 * one address, like callers behind one NAT): the bench measures scale-out, not the abuse limits,
 * which bench:load's abuse phase covers. The cluster-wide Steam budget is raised for the same reason.
 *
 * Options from the environment or KEY=VALUE arguments (arguments win); see DEFAULTS.
 * Exit code 0 whether or not targets are met (it is a benchmark); non-zero when the bench broke.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeSteam, type FakeSteam } from '../../test/helpers/fake-steam.js';
import { startRedisServer, type RedisServer } from '../../test/helpers/redis-server.js';
import { startServerProcess, type ServerProcess } from '../../test/helpers/server-process.js';
import { McpUser } from './mcp-user.js';
import { startRoundRobinProxy } from './proxy.js';
import { buildCatalogue, runUsers, seededRandom, type RunResult } from './workload.js';

const DEFAULTS = {
  INSTANCES: 4, // server instances in the scaled-out scenarios
  USERS: 200, // simulated users, all calling at once
  REQUESTS: 500, // distinct tool calls the users draw from
  ZIPF_S: 1, // Zipf exponent: P(rank k) ∝ 1/k^s
  SEED: 11, // seeds the catalogue order and every user's draws
  DURATION_S: 30, // calling time per scenario
  THINK_MS: 5_000, // mean think time between one user's calls
  STEAM_MS: 100, // the fake Steam's latency on every request
  REDIS_DOWN_S: 5, // redis-kill: how long Redis stays dead (from half time)
  CALL_TIMEOUT_MS: 30_000, // a call with no answer by then fails
  SCENARIOS: 'one,four,four-redis,redis-kill',
  SERVER_ENV: '', // extra server settings for every instance, e.g. REDIS_COMMAND_TIMEOUT_MS=2000,CACHE_TTL_MS=60000
};
const TARGET_STEAM_RATIO = 1.2;
// bench/run-ts.mjs runs this file bundled into .bench/, one level below the repository root
// (the test helpers' own root, computed from their source location, does not hold there).
const ROOT = path.resolve(import.meta.dirname, '..');
const BUNDLE = path.join(ROOT, 'dist/main.js');

type Options = { [K in keyof typeof DEFAULTS]: (typeof DEFAULTS)[K] };

/** KEY=VALUE arguments win over the environment, which wins over DEFAULTS. */
function options(): Options {
  const given = (key: string): string | undefined => {
    const arg = process.argv.slice(2).findLast((a) => a.startsWith(`${key}=`));
    const raw = arg === undefined ? process.env[key] : arg.slice(key.length + 1);
    return raw === '' ? undefined : raw;
  };
  const entries = Object.entries(DEFAULTS).map(([key, def]) => {
    const raw = given(key);
    if (raw === undefined || typeof def === 'string') return [key, raw ?? def];
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${key} must be a non-negative number, got ${raw}`);
    return [key, n];
  });
  const opt = Object.fromEntries(entries) as Options;
  if (opt.SCENARIOS.includes('redis-kill') && opt.REDIS_DOWN_S >= opt.DURATION_S / 2)
    throw new Error('REDIS_DOWN_S must be under half of DURATION_S');
  return opt;
}

interface Scenario {
  name: string;
  instances: number;
  redis: boolean;
  killRedis: boolean;
}

function scenarios(opt: Options): Scenario[] {
  const all: Scenario[] = [
    { name: 'one', instances: 1, redis: false, killRedis: false },
    { name: 'four', instances: opt.INSTANCES, redis: false, killRedis: false },
    { name: 'four-redis', instances: opt.INSTANCES, redis: true, killRedis: false },
    { name: 'redis-kill', instances: opt.INSTANCES, redis: true, killRedis: true },
  ];
  const wanted = opt.SCENARIOS.split(',').filter(Boolean);
  const unknown = wanted.filter((w) => !all.some((s) => s.name === w));
  if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}`);
  return all.filter((s) => wanted.includes(s.name));
}

/** Environment of every instance: stateless /mcp, the fake Steam, budgets far above the load. */
function serverEnv(steam: FakeSteam, redisUrl: string | undefined, extra: string): Record<string, string> {
  return {
    STEAM_STORE_URL: steam.url,
    STEAM_API_URL: steam.url,
    STEAM_COMMUNITY_URL: steam.url,
    MCP_STATELESS: '1',
    LOG_LEVEL: 'info', // the "listening" line the launcher waits for is at info
    TRUST_PROXY_HOPS: '1',
    RATE_LIMIT_PER_MINUTE: '100000',
    MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000',
    SESSION_OPEN_PER_MINUTE: '100000',
    MAX_SESSIONS_PER_CLIENT: '100000',
    MAX_SESSIONS: '100000',
    STEAM_BUDGET_PER_5MIN: '1000000',
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    ...Object.fromEntries(
      extra
        .split(',')
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    ),
  };
}

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** utime + stime of a process, in ms: how much CPU the servers needed for the calls. */
function cpuMs(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

interface Figures {
  scenario: Scenario;
  run: RunResult;
  steamRequests: number;
  steamDistinct: number;
  steamRepeats: Array<[string, number]>;
  metrics: ServerMetrics;
  wallS: number;
  serverCpuMs: number;
  benchCpuMs: number;
  warnings: string[];
}

interface ServerMetrics {
  /** cache_lookups_total summed over instances, by kind, then by result (hit, miss, stale, …). */
  cache: Map<string, Map<string, number>>;
  /** redis_fallbacks_total summed over instances, by operation: served locally because Redis failed. */
  redisFallbacks: Map<string, number>;
  /** Instances whose redis_up reads 1 at the end of the run. */
  redisUp: number;
}

async function scrapeMetrics(servers: readonly ServerProcess[]): Promise<ServerMetrics> {
  const out: ServerMetrics = { cache: new Map(), redisFallbacks: new Map(), redisUp: 0 };
  for (const server of servers) {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    for (const m of text.matchAll(
      /^(cache_lookups_total|redis_fallbacks_total|redis_up)(?:\{([^}]*)\})? (\S+)$/gm,
    )) {
      const value = Number(m[3]);
      if (m[1] === 'redis_up') out.redisUp += value === 1 ? 1 : 0;
      const label = (name: string) => new RegExp(`${name}="([^"]+)"`).exec(m[2] ?? '')?.[1] ?? '?';
      if (m[1] === 'redis_fallbacks_total') {
        const op = label('operation');
        out.redisFallbacks.set(op, (out.redisFallbacks.get(op) ?? 0) + value);
      } else if (m[1] === 'cache_lookups_total') {
        const byResult = out.cache.get(label('kind')) ?? new Map<string, number>();
        byResult.set(label('result'), (byResult.get(label('result')) ?? 0) + value);
        out.cache.set(label('kind'), byResult);
      }
    }
  }
  return out;
}

function steamKey(path: string, query: URLSearchParams): string {
  const sorted = [...query].sort(([a], [b]) => a.localeCompare(b));
  return sorted.length ? `${path}?${new URLSearchParams(sorted).toString()}` : path;
}

/** Warn/error log lines (pino levels ≥ 40, written as names or numbers), once per message. */
function warnings(servers: readonly ServerProcess[]): string[] {
  const counts = new Map<string, number>();
  for (const line of servers.flatMap((s) => s.logs)) {
    try {
      const entry = JSON.parse(line) as { level?: number | string; msg?: string };
      const level = typeof entry.level === 'string' ? entry.level : (entry.level ?? 0) >= 40 ? 'warn' : '';
      if (['warn', 'error', 'fatal'].includes(level))
        counts.set(entry.msg ?? '?', (counts.get(entry.msg ?? '?') ?? 0) + 1);
    } catch {
      // not JSON
    }
  }
  return [...counts].map(([msg, n]) => `${n}× ${msg}`);
}

/** Measures steady state, not each instance's first lazy load of its MCP runtime. */
async function warmUp(url: string, timeoutMs: number): Promise<void> {
  const user = new McpUser(url, 'bench-warm-up', timeoutMs);
  for (const outcome of [await user.initialize(), await user.listTools()]) {
    if (!outcome.ok) throw new Error(`warm-up of ${url} failed: ${outcome.reason}`);
  }
}

async function runScenario(
  scenario: Scenario,
  opt: Options,
  steam: FakeSteam,
  catalogue: ReturnType<typeof buildCatalogue>,
): Promise<Figures> {
  steam.reset();
  steam.delay(opt.STEAM_MS);
  let redis: RedisServer | undefined;
  const servers: ServerProcess[] = [];
  try {
    if (scenario.redis) redis = await startRedisServer();
    const env = serverEnv(steam, redis?.url, opt.SERVER_ENV);
    servers.push(
      ...(await Promise.all(
        Array.from({ length: scenario.instances }, () =>
          startServerProcess(env, { bundle: BUNDLE, cwd: ROOT }),
        ),
      )),
    );
    await Promise.all(servers.map((s) => warmUp(s.url, opt.CALL_TIMEOUT_MS)));
    const proxy = await startRoundRobinProxy(servers.map((s) => s.url));
    const serverCpu = () => servers.reduce((sum, s) => sum + cpuMs(s.proc.pid), 0);
    const benchCpu = () => (process.cpuUsage().user + process.cpuUsage().system) / 1000;
    const cpuAtStart = { server: serverCpu(), bench: benchCpu(), at: performance.now() };
    try {
      const run = await runUsers({
        url: proxy.url,
        users: opt.USERS,
        durationMs: opt.DURATION_S * 1000,
        thinkMs: opt.THINK_MS,
        catalogue,
        zipfS: opt.ZIPF_S,
        seed: opt.SEED,
        callTimeoutMs: opt.CALL_TIMEOUT_MS,
        atHalfTime:
          scenario.killRedis && redis
            ? async () => {
                await redis!.kill();
                await new Promise((resolve) => setTimeout(resolve, opt.REDIS_DOWN_S * 1000));
                await redis!.restart();
              }
            : undefined,
      });
      const perUrl = new Map<string, number>();
      for (const r of steam.requests) {
        const key = steamKey(r.path, r.query);
        perUrl.set(key, (perUrl.get(key) ?? 0) + 1);
      }
      return {
        scenario,
        run,
        steamRequests: steam.requests.length,
        steamDistinct: perUrl.size,
        steamRepeats: [...perUrl].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]),
        wallS: (performance.now() - cpuAtStart.at) / 1000,
        serverCpuMs: serverCpu() - cpuAtStart.server,
        benchCpuMs: benchCpu() - cpuAtStart.bench,
        metrics: await scrapeMetrics(servers),
        warnings: warnings(servers),
      };
    } finally {
      await proxy.close();
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await redis?.stop();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Share of lookups answered without a load (hit, stale, coalesced, …: everything but miss). */
function hitRatio(byResult: ReadonlyMap<string, number>): { ratio: number; lookups: number } {
  const lookups = [...byResult.values()].reduce((a, b) => a + b, 0);
  return { ratio: lookups === 0 ? NaN : 1 - (byResult.get('miss') ?? 0) / lookups, lookups };
}

function cacheText(cache: ServerMetrics['cache']): string {
  const all = new Map<string, number>();
  for (const byResult of cache.values()) for (const [r, n] of byResult) all.set(r, (all.get(r) ?? 0) + n);
  const percent = (r: { ratio: number }) => `${(r.ratio * 100).toFixed(1)} %`;
  const kinds = [...cache]
    .map(([kind, byResult]) => ({ kind, ...hitRatio(byResult) }))
    .sort((a, b) => b.lookups - a.lookups)
    .map((k) => `${k.kind} ${percent(k)} of ${k.lookups}`);
  return `${percent(hitRatio(all))} (${kinds.join(', ') || 'no lookups'})`;
}

function failureText(failures: Map<string, number>): string {
  const total = [...failures.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return '0';
  const parts = [...failures].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${n}× ${r}`);
  return `${total} (${parts.slice(0, 5).join('; ')})`;
}

function printFigures(f: Figures): void {
  const sorted = [...f.run.latenciesMs].sort((a, b) => a - b);
  const ms = (p: number) => `${percentile(sorted, p).toFixed(0)} ms`;
  const failed = [...f.run.failures.values()].reduce((a, b) => a + b, 0);
  console.log(
    `\n[${f.scenario.name}] ${f.scenario.instances} instance(s), ${f.scenario.redis ? 'Redis' : 'no Redis'}` +
      `${f.scenario.killRedis ? ', Redis SIGKILLed at half time and restarted' : ''}`,
  );
  console.log(`  calls              ${f.run.calls} (${f.run.distinctCalls} distinct)`);
  console.log(
    `  Steam requests     ${f.steamRequests} (${f.steamDistinct} distinct URLs, ` +
      `${(f.steamRequests / Math.max(1, f.run.calls)).toFixed(3)} per call)`,
  );
  if (f.steamRepeats.length > 0) {
    const extra = f.steamRepeats.reduce((a, [, n]) => a + n - 1, 0);
    const top = f.steamRepeats.slice(0, 3).map(([url, n]) => `${n}× ${url.slice(0, 90)}`);
    console.log(
      `  repeated at Steam  ${extra} extra requests for ${f.steamRepeats.length} URLs; top: ${top.join(' | ')}`,
    );
  }
  console.log(`  cache hit ratio    ${cacheText(f.metrics.cache)}`);
  if (f.scenario.redis) {
    console.log(
      `  Redis              up at the end on ${f.metrics.redisUp}/${f.scenario.instances} instances, ` +
        `operations that fell back to local: ${[...f.metrics.redisFallbacks].map(([op, n]) => `${op} ${n}`).join(', ') || 'none'}`,
    );
  }
  console.log(`  latency            p50 ${ms(50)}, p95 ${ms(95)}, p99 ${ms(99)}`);
  const wallS = f.wallS;
  console.log(
    `  CPU                servers ${(f.serverCpuMs / f.run.calls).toFixed(1)} ms per call ` +
      `(${(f.serverCpuMs / 1000 / wallS).toFixed(2)} cores), bench ${(f.benchCpuMs / 1000 / wallS).toFixed(2)} cores, ` +
      `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`,
  );
  console.log(`  failed calls       ${failureText(f.run.failures)}${failed === 0 ? '' : '  ← FAIL'}`);
  if (f.warnings.length > 0) console.log(`  server warnings    ${f.warnings.slice(0, 6).join('; ')}`);
}

/**
 * With a fixed time a slower scenario makes fewer calls, so raw Steam counts compare runs of
 * different sizes. The judged figure does not depend on throughput: Steam requests per distinct
 * Steam URL the scenario needed (one instance fetches each URL once within the cache TTL, so its
 * figure is 1.00), relative to one instance's. It is "the Steam requests of one instance serving
 * the same calls". The raw ratios are printed beside it.
 */
function printTargets(results: readonly Figures[]): void {
  const by = (name: string) => results.find((r) => r.scenario.name === name);
  const one = by('one');
  const perUrl = (f: Figures) => f.steamRequests / Math.max(1, f.steamDistinct);
  const perCall = (f: Figures) => f.steamRequests / Math.max(1, f.run.calls);
  console.log('\nTargets');
  if (one) console.log(`  one instance: ${perUrl(one).toFixed(2)} Steam requests per distinct URL`);
  for (const name of ['four', 'four-redis', 'redis-kill']) {
    const r = by(name);
    if (!one || !r) continue;
    const ratio = perUrl(r) / perUrl(one);
    const raw = r.steamRequests / Math.max(1, one.steamRequests);
    const perCallRatio = perCall(r) / Math.max(1e-9, perCall(one));
    const judged = name === 'four-redis';
    const verdict = ratio <= TARGET_STEAM_RATIO ? 'PASS' : 'FAIL';
    console.log(
      `  Steam requests ${name} vs one, same calls: ${ratio.toFixed(2)}×` +
        (judged ? ` (target ≤ ${TARGET_STEAM_RATIO}×)  ${verdict}` : '  (context, no target)') +
        `; raw counts ${raw.toFixed(2)}×, per call ${perCallRatio.toFixed(2)}× (${r.run.calls} vs ${one.run.calls} calls)`,
    );
  }
  for (const r of results) {
    const failed = [...r.run.failures.values()].reduce((a, b) => a + b, 0);
    console.log(`  failed calls ${r.scenario.name}: ${failed} (target 0)  ${failed === 0 ? 'PASS' : 'FAIL'}`);
  }
}

const opt = options();
const catalogue = buildCatalogue(opt.REQUESTS, seededRandom(opt.SEED));
console.log(
  `scale bench: ${opt.USERS} users, ${opt.REQUESTS} distinct calls (Zipf s=${opt.ZIPF_S}, seed ${opt.SEED}), ` +
    `${opt.DURATION_S} s per scenario, think ${opt.THINK_MS} ms, Steam latency ${opt.STEAM_MS} ms; ` +
    `per-client and Steam budgets raised above the load${opt.SERVER_ENV ? `; server env ${opt.SERVER_ENV}` : ''}`,
);
const steam = await startFakeSteam();
const results: Figures[] = [];
try {
  for (const scenario of scenarios(opt)) {
    const figures = await runScenario(scenario, opt, steam, catalogue);
    printFigures(figures);
    results.push(figures);
  }
  printTargets(results);
} finally {
  await steam.close();
}
