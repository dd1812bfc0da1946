// The hold, calls and soak phases of bench:load; each takes a started server and
// `{ opt, fake }` (the options and the in-process fake Steam) and returns figures for the report.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { TARGETS } from './options.mjs';
import { SseSession } from './sse-client.mjs';
import { benchCpuUs, Failures, httpGet, percentile, pool } from './util.mjs';

export function toolCall(server, opt) {
  return server.kind === 'ours'
    ? { name: 'get_top_games', arguments: opt.TOOL_ARGS }
    : { name: 'echo', arguments: { message: 'hello' } };
}

/** One initialized session, tools/list and one tool call (fills our cache), then waits for quiet. */
export async function warmUp(server, opt) {
  const s = new SseSession(server);
  await s.open();
  await s.initialize();
  const { message: list } = await s.request('tools/list', {});
  if (!list.result?.tools?.length) throw new Error(`${server.label}: tools/list returned no tools`);
  const { message } = await s.request('tools/call', toolCall(server, opt));
  if (!message.result || message.result.isError) {
    throw new Error(`${server.label}: warm-up tool call failed: ${JSON.stringify(message).slice(0, 500)}`);
  }
  s.close();
  await waitSessionsZero(server, 10_000);
  await sleep(1000);
}

/** Polls /healthz until no SSE session is open; returns ms taken, or undefined on timeout (or n/a). */
export async function waitSessionsZero(server, timeoutMs) {
  if (server.kind !== 'ours') return undefined;
  const start = performance.now();
  let last;
  while (performance.now() - start < timeoutMs) {
    last = (await server.healthz()).sessions.sse;
    if (last === 0) return performance.now() - start;
    await sleep(100);
  }
  return { timedOut: true, left: last };
}

export async function holdPhase(server, { opt }) {
  const failures = new Failures();
  const rssBefore = await server.rss();
  const cpu0 = await server.cpu();
  const sessions = [];
  const tOpen = performance.now();
  await pool(opt.SESSIONS, opt.OPEN_CONCURRENCY, async () => {
    const s = new SseSession(server);
    try {
      await s.open();
      if (opt.HOLD_INIT) await s.initialize();
      sessions.push(s);
    } catch (error) {
      failures.add(s.failure ?? error.message);
      s.close();
    }
  });
  const openS = (performance.now() - tOpen) / 1000;
  await sleep(2000);
  const rssOpen = await server.rss();
  let rssPeak = rssOpen;
  const holdEnd = performance.now() + opt.HOLD_S * 1000;
  while (performance.now() < holdEnd && server.alive) {
    await sleep(Math.min(1000, Math.max(0, holdEnd - performance.now())));
    if (server.alive) rssPeak = Math.max(rssPeak, await server.rss());
  }
  if (!server.alive) throw new Error(`${server.label} died during the hold (${server.exitCode})`);
  const rssEnd = await server.rss();
  const cpuHold = (await server.cpu()) - cpu0;
  const openCount = server.kind === 'ours' ? (await server.healthz()).sessions.sse : undefined;
  const now = performance.now();
  let hbMin = Infinity;
  let hbSum = 0;
  let alive = 0;
  for (const s of sessions) {
    if (s.failure) {
      failures.add(`during hold: ${s.failure}`);
      continue;
    }
    alive++;
    hbMin = Math.min(hbMin, s.heartbeats);
    hbSum += s.heartbeats;
    // Every heartbeat interval the session was open must have brought one (one of slack for timer phase).
    const expected = Math.floor((now - s.openedAt) / opt.HEARTBEAT_MS) - 1;
    if (server.kind === 'ours' && s.heartbeats < expected) failures.add('missed heartbeats');
  }
  for (const s of sessions) s.close();
  const drained = await waitSessionsZero(server, 30_000);
  return {
    attempted: opt.SESSIONS,
    ok: alive,
    failures,
    openS,
    openCount,
    heartbeatsMin: alive ? hbMin : 0,
    heartbeatsAvg: alive ? hbSum / alive : 0,
    rssBefore,
    rssOpen,
    rssEnd,
    rssPeak,
    rssPerSessionKiB: alive ? (rssEnd - rssBefore) / alive : NaN,
    cpuPct: (cpuHold / ((now - tOpen) * 1000)) * 100,
    drained,
  };
}

export async function callPhase(server, { opt, fake }) {
  const failures = new Failures();
  const call = toolCall(server, opt);
  const callers = [];
  await pool(opt.CALLERS, opt.OPEN_CONCURRENCY, async (i) => {
    // Each caller is a distinct client (its own address behind a gateway), as 200 real clients would
    // be: our per-client rate limit then applies per caller, not to the whole bench at once.
    const s = new SseSession(server, { 'x-forwarded-for': `10.77.${i >> 8}.${i & 255}` });
    try {
      await s.open();
      await s.initialize();
      callers.push(s);
    } catch (error) {
      failures.add(s.failure ?? error.message);
      s.close();
    }
  });
  // One untimed call per caller first: opens the keep-alive POST connections (a burst of 200 fresh
  // connections at once starves some callers for seconds, on both servers) and warms each session.
  await Promise.all(
    callers.map((s) =>
      s.request('tools/call', call).catch((error) => {
        failures.add(`warm-up call: ${s.failure ?? error.message}`);
        s.close();
      }),
    ),
  );
  callers.splice(0, callers.length, ...callers.filter((s) => !s.closing && !s.failure));
  const latencies = [];
  let toolErrors = 0;
  let firstError;
  const cpu0 = await server.cpu();
  const bench0 = benchCpuUs();
  const upstream0 = fake.requests();
  const start = performance.now();
  const deadline = start + opt.CALL_S * 1000;
  await Promise.all(
    callers.map(async (s) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const { message, at } = await s.request('tools/call', call);
          latencies.push(at - t0);
          if (!message.result || message.result.isError) {
            toolErrors++;
            firstError ??= JSON.stringify(message).slice(0, 300);
          }
        } catch (error) {
          failures.add(s.failure ?? error.message);
          return;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const cpu = (await server.cpu()) - cpu0;
  const benchCpu = benchCpuUs() - bench0;
  const upstream = fake.requests() - upstream0;
  const bytes = callers.reduce((n, s) => n + s.messageBytes, 0);
  for (const s of callers) s.close();
  if (!server.alive) throw new Error(`${server.label} died during the calls (${server.exitCode})`);
  const sorted = Float64Array.from(latencies).sort();
  const n = sorted.length;
  return {
    callers: callers.length,
    failures,
    calls: n,
    toolErrors,
    firstError,
    throughput: n / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[n - 1],
    cpuUsPerCall: cpu / n,
    serverCpuPct: (cpu / (elapsed * 1e6)) * 100,
    benchCpuUsPerCall: benchCpu / n,
    benchCpuPct: (benchCpu / (elapsed * 1e6)) * 100,
    answerBytes: bytes / (n + callers.length), // messages include each caller's initialize answer
    upstream,
  };
}

export async function soakPhase(server, { opt }) {
  const failures = new Failures();
  const rssStart = await server.rss();
  const heapStart = await heapUsed(server);
  const gcStart = opt.HEAP_PROBE ? await heapAfterGc(server) : undefined;
  let rssMid;
  const half = Math.floor(opt.SOAK / 2);
  const start = performance.now();
  await pool(opt.SOAK, opt.SOAK_CONCURRENCY, async (i) => {
    if (i === half) rssMid = await server.rss();
    const s = new SseSession(server);
    try {
      await s.open();
      if (opt.SOAK_INIT) await s.initialize();
    } catch (error) {
      failures.add(s.failure ?? error.message);
    }
    s.close();
  });
  const elapsed = (performance.now() - start) / 1000;
  if (!server.alive) throw new Error(`${server.label} died during the soak (${server.exitCode})`);
  const drained = await waitSessionsZero(server, 30_000);
  const left = server.kind === 'ours' ? (await server.healthz()).sessions.sse : undefined;
  // V8 gives memory back only once the process has been idle a while (its memory reducer, ~15-20 s
  // here): wait up to SOAK_SETTLE_S seconds, stopping early once RSS is back within the target.
  const settleStart = performance.now();
  let rssEnd = await server.rss();
  for (let i = 0; i < opt.SOAK_SETTLE_S; i++) {
    if (i >= 3 && rssEnd <= rssStart * (1 + TARGETS.soakRssGrowth)) break;
    await sleep(1000);
    rssEnd = await server.rss();
  }
  const settleS = (performance.now() - settleStart) / 1000;
  const heapEnd = await heapUsed(server);
  const gcEnd = opt.HEAP_PROBE ? await heapAfterGc(server) : undefined;
  const rssAfterGc = opt.HEAP_PROBE ? await server.rss() : undefined;
  return {
    cycles: opt.SOAK,
    failures,
    rate: opt.SOAK / elapsed,
    drained,
    left,
    rssStart,
    rssMid: rssMid ?? rssStart,
    rssEnd,
    growth: (rssEnd - rssStart) / rssStart,
    settleS,
    heapStart,
    heapEnd,
    gcStart,
    gcEnd,
    rssAfterGc,
  };
}

/** Our V8 heap in use right after a full GC (forced by writing a heap snapshot), in MiB. */
export async function heapAfterGc(server) {
  if (server.kind !== 'ours') return undefined;
  const before = new Set(await readdir(server.cwd));
  server.proc.kill('SIGUSR2');
  const until = performance.now() + 120_000;
  let file;
  let size = -1;
  while (performance.now() < until) {
    await sleep(500);
    file ??= (await readdir(server.cwd)).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (!file) continue;
    const now = (await stat(path.join(server.cwd, file))).size;
    if (now === size && now > 0) return heapUsed(server);
    size = now;
  }
  throw new Error('heap snapshot not written within 120 s');
}

/** Our V8 heap in use, from prom-client's default metrics on /metrics (MiB); undefined for the SDK. */
export async function heapUsed(server) {
  if (server.kind !== 'ours') return undefined;
  const text = await httpGet(server.port, '/metrics');
  const m = /^nodejs_heap_size_used_bytes\s+([\d.e+]+)/m.exec(text);
  return m ? Number(m[1]) / 1048576 : undefined;
}
