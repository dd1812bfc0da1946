// Load benchmark (issue 5): `npm run bench:load`, or after a build `node bench/load.mjs [KEY=VALUE ...]`.
//
// On loopback only (127.0.0.1), bounded in count and time, against our bundle (dist/main.js, pointed at
// an in-process fake Steam) and beside it the official SDK's minimal SSE example server
// (bench/sdk-sse-example.mjs), each phase on a fresh server process:
//   hold   SESSIONS concurrent SSE sessions (initialized) held HOLD_S seconds: failures, heartbeats, RSS
//   calls  CALLERS concurrent clients calling a cheap tool in a loop for CALL_S seconds: throughput,
//          p50/p99, server CPU per call (on 2 cores the load generator saturates a core first, so CPU
//          per call is the fair comparison, not calls/s or latency)
//   soak   SOAK connect/disconnect cycles SOAK_CONCURRENCY at a time: open sessions back to 0, RSS back
//          within 10 % of where it started
//   abuse  (ours only, default per-client budgets) an unread SSE stream fed 1 MiB of batches, 1,000 sessions
//          from one client, forged X-Forwarded-For, slow bodies, and a well-behaved client's p99 meanwhile
//          (bench/load-abuse.mjs)
// Options come from the environment or KEY=VALUE arguments (arguments win); see DEFAULTS. A quick run:
//   SESSIONS=500 HOLD_S=5 CALL_S=5 SOAK=2000 node bench/load.mjs
// Exit code 0 whether or not targets are met (it is a benchmark); non-zero when the bench itself broke.
import { spawn, execFileSync } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { abusePhase, printAbuse } from './load-abuse.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';

const DEFAULTS = {
  SESSIONS: 5000, // hold: concurrent SSE sessions
  HOLD_S: 60, // hold: seconds all sessions stay open
  HOLD_INIT: 1, // hold: 1 = each session does the initialize handshake before idling
  HEARTBEAT_MS: 5000, // our SSE_HEARTBEAT_MS (the SDK example sends no heartbeats at all)
  OPEN_CONCURRENCY: 100, // sessions being opened at once
  CALLERS: 200, // calls: concurrent clients, one SSE session each
  CALL_S: 30, // calls: seconds of calling
  TOOL_ARGS: '{}', // calls: arguments of our get_top_games (default: the tool's defaults, 20 top sellers)
  SOAK: 20000, // soak: connect/disconnect cycles
  SOAK_CONCURRENCY: 50, // soak: cycles in flight at once
  SOAK_INIT: 1, // soak: 1 = initialize handshake in every cycle before closing
  SOAK_SETTLE_S: 60, // soak: at most this many idle seconds before the final RSS reading
  HEAP_PROBE: 0, // soak: 1 = also read our V8 heap after a forced full GC (a heap snapshot) before and after
  SERVERS: 'ours,sdk', // which servers to measure
  PHASES: 'hold,calls,soak,abuse', // which phases to run (abuse: ours only, default budgets)
};
const TARGETS = { failedSessions: 0, rssPerSessionKiB: 20, p99Ms: 50, soakRssGrowth: 0.1 };

function options() {
  const args = Object.fromEntries(
    process.argv
      .slice(2)
      .map((a) => a.split('='))
      .filter(([k, v]) => v !== undefined && k in DEFAULTS)
      .map(([k, ...v]) => [k, v.join('=')]),
  );
  const out = {};
  for (const [key, def] of Object.entries(DEFAULTS)) {
    const raw = args[key] ?? process.env[key];
    if (raw === undefined || raw === '') out[key] = def;
    else if (typeof def === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${key} must be a non-negative number, got ${raw}`);
      out[key] = n;
    } else out[key] = raw;
  }
  if (out.HEARTBEAT_MS < 1000) throw new Error('HEARTBEAT_MS must be at least 1000 (server minimum)');
  out.TOOL_ARGS = JSON.parse(out.TOOL_ARGS);
  out.SERVERS = out.SERVERS.split(',').filter(Boolean);
  out.PHASES = out.PHASES.split(',').filter(Boolean);
  return out;
}

const OPT = options();
const LOAD_AT_START = os.loadavg();
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

// ---------------------------------------------------------------------------------------------------
// Small utilities

/** Runs fn(0..total-1) with at most `concurrency` in flight. */
async function pool(total, concurrency, fn) {
  let next = 0;
  const worker = async () => {
    while (next < total) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, total)) }, worker));
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A tally of failure reasons. */
class Failures {
  constructor() {
    this.total = 0;
    this.reasons = new Map();
  }
  add(reason) {
    this.total++;
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }
  toString() {
    if (this.total === 0) return '0';
    const parts = [...this.reasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${n}× ${r}`);
    return `${this.total} (${parts.join('; ')})`;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function procRssKiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
}

/** utime + stime of the whole process (all threads), in microseconds. */
async function procCpuUs(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
}

function benchCpuUs() {
  const u = process.cpuUsage();
  return u.user + u.system;
}

// ---------------------------------------------------------------------------------------------------
// Servers under test

const children = new Set();

/** hold, calls and soak measure capacity from one address: per-client budgets would refuse them. */
const RAISED_BUDGETS = {
  MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000',
  SESSION_OPEN_PER_MINUTE: '100000',
  MAX_SESSIONS_PER_CLIENT: '100000',
  SESSION_INIT_TIMEOUT_MS: '600000',
};

/** Our server takes a chosen port (LOG_LEVEL=warn hides the "listening" line); the SDK example gets one too. */
async function startServer(kind, fakeSteamUrl, budgets = RAISED_BUDGETS) {
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port) };
  let args;
  let ssePath;
  if (kind === 'ours') {
    args = [path.join(ROOT, 'dist/main.js'), '--http'];
    // Writing a heap snapshot runs a full GC first: the only way to force one in the child.
    if (OPT.HEAP_PROBE) args.unshift('--heapsnapshot-signal=SIGUSR2');
    ssePath = '/sse';
    Object.assign(env, {
      HOST,
      SSE_HEARTBEAT_MS: String(OPT.HEARTBEAT_MS),
      MAX_SESSIONS: '100000',
      RATE_LIMIT_PER_MINUTE: '100000', // the schema's maximum
      LOG_LEVEL: 'warn',
      STEAM_STORE_URL: fakeSteamUrl,
      STEAM_API_URL: fakeSteamUrl,
      ...budgets,
    });
  } else {
    args = [path.join(ROOT, 'bench/sdk-sse-example.mjs')];
    ssePath = '/mcp';
  }
  // cwd: an empty directory, so no .env is picked up; no NODE_EXTRA_CA_CERTS (see docs PERF notes).
  const cwd = await mkdtemp(path.join(os.tmpdir(), `loadbench-${kind}-`));
  const proc = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(proc);
  const server = {
    kind,
    label: kind === 'ours' ? 'ours' : 'sdk example',
    port,
    cwd,
    pid: proc.pid,
    proc,
    ssePath,
    stderr: [],
    exitCode: undefined,
    postAgent: new http.Agent({ keepAlive: true, maxSockets: 256 }),
    rss: () => procRssKiB(proc.pid),
    cpu: () => procCpuUs(proc.pid),
    get alive() {
      return this.exitCode === undefined;
    },
    async healthz() {
      const body = await httpGet(port, '/healthz');
      return JSON.parse(body);
    },
    async stop() {
      server.postAgent.destroy();
      if (!server.alive) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      if (!process.env.KEEP_SNAPSHOTS) await rm(cwd, { recursive: true, force: true });
    },
  };
  let tail = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk) => {
    tail += chunk;
    const lines = tail.split('\n');
    tail = lines.pop();
    for (const line of lines) {
      server.stderr.push(line);
      if (server.stderr.length > 200) server.stderr.shift();
    }
  });
  proc.once('exit', (code, signal) => {
    server.exitCode = code ?? signal;
    children.delete(proc);
  });
  // Ready when it answers an SSE session with the endpoint frame.
  const until = performance.now() + 15_000;
  for (;;) {
    if (!server.alive)
      throw new Error(`${server.label} exited (${server.exitCode}):\n${server.stderr.join('\n')}`);
    try {
      const s = new SseSession(server);
      await s.open(2000);
      s.close();
      break;
    } catch (error) {
      if (performance.now() > until)
        throw new Error(`${server.label} did not start: ${error.message}`, { cause: error });
      await sleep(50);
    }
  }
  return server;
}

function httpGet(port, urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: HOST, port, path: urlPath, agent: false, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`)),
      );
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------------
// A raw legacy-SSE MCP client session

const REQUEST_TIMEOUT_MS = 30_000;

class SseSession {
  /** @param {{port:number, ssePath:string, postAgent:http.Agent}} server */
  constructor(server, headers = {}, localAddress = undefined) {
    this.server = server;
    this.headers = headers;
    this.localAddress = localAddress; // another loopback address is another client
    this.endpoint = undefined;
    this.heartbeats = 0;
    this.messageBytes = 0;
    this.openedAt = 0;
    this.failure = undefined;
    this.closing = false;
    this.pending = new Map();
    this.nextId = 1;
    this.buffer = '';
  }

  /** Resolves on the endpoint frame; rejects on connect errors, non-200, timeout, early close. */
  open(timeoutMs = 15_000) {
    return new Promise((resolve, reject) => {
      this.onOpen = resolve;
      this.onOpenFailed = reject;
      this.openTimer = setTimeout(() => this.fail('no endpoint frame in time'), timeoutMs);
      const req = http.get({
        host: HOST,
        port: this.server.port,
        path: this.server.ssePath,
        localAddress: this.localAddress,
        agent: false,
        headers: { accept: 'text/event-stream', ...this.headers },
      });
      this.req = req;
      req.on('response', (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          this.fail(`GET /sse HTTP ${res.statusCode}`);
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk) => this.onData(chunk));
        res.on('close', () =>
          this.fail(this.endpoint ? 'stream closed early' : 'closed before endpoint frame'),
        );
      });
      req.on('error', (error) =>
        this.fail(this.endpoint ? 'stream error' : `connect: ${error.code ?? error.message}`),
      );
    });
  }

  fail(reason) {
    if (this.closing || this.failure) return;
    this.failure = reason;
    clearTimeout(this.openTimer);
    this.req?.destroy();
    if (this.onOpenFailed) this.onOpenFailed(new Error(reason));
    this.onOpen = this.onOpenFailed = undefined;
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }

  onData(chunk) {
    this.buffer += chunk;
    let end;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.onFrame(frame);
    }
  }

  onFrame(frame) {
    if (frame.startsWith(':')) {
      this.heartbeats++;
      return;
    }
    let event = 'message';
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data += (data ? '\n' : '') + line.slice(line[5] === ' ' ? 6 : 5);
    }
    if (event === 'endpoint') {
      if (!/^\/messages\?sessionId=[\w-]+$/.test(data)) return this.fail('malformed endpoint frame');
      this.endpoint = data;
      this.openedAt = performance.now();
      clearTimeout(this.openTimer);
      this.onOpen?.();
      this.onOpen = this.onOpenFailed = undefined;
    } else if (event === 'message') {
      const at = performance.now();
      this.messageBytes += data.length;
      const message = JSON.parse(data);
      const waiter = message.id !== undefined ? this.pending.get(message.id) : undefined;
      if (waiter) {
        this.pending.delete(message.id);
        clearTimeout(waiter.timer);
        waiter.resolve({ message, at });
      }
    }
  }

  post(message) {
    return new Promise((resolve, reject) => {
      const body = JSON.stringify(message);
      const req = http.request(
        {
          host: HOST,
          port: this.server.port,
          method: 'POST',
          path: this.endpoint,
          localAddress: this.localAddress,
          agent: this.server.postAgent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 202 ? resolve() : reject(new Error(`POST /messages HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', (error) => reject(new Error(`POST /messages: ${error.code ?? error.message}`)));
      req.end(body);
    });
  }

  /** Sends a request and resolves with the answer from the stream and the time it arrived. */
  async request(method, params) {
    if (this.failure) throw new Error(this.failure);
    const id = this.nextId++;
    const answer = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
    });
    answer.catch(() => {}); // observed below; avoids an unhandled rejection while the POST runs
    try {
      await this.post({ jsonrpc: '2.0', id, method, params });
    } catch (error) {
      clearTimeout(this.pending.get(id)?.timer);
      this.pending.delete(id);
      throw error;
    }
    return answer;
  }

  async initialize() {
    const { message } = await this.request('initialize', {
      protocolVersion: '2024-11-05',
      capabilities: {},
      clientInfo: { name: 'steam-game-mcp-loadbench', version: '1.0.0' },
    });
    if (!message.result?.protocolVersion) throw new Error('initialize failed');
    await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
  }

  close() {
    this.closing = true;
    clearTimeout(this.openTimer);
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.req?.destroy();
  }
}

function toolCall(server) {
  return server.kind === 'ours'
    ? { name: 'get_top_games', arguments: OPT.TOOL_ARGS }
    : { name: 'echo', arguments: { message: 'hello' } };
}

/** One initialized session, tools/list and one tool call (fills our cache), then waits for quiet. */
async function warmUp(server) {
  const s = new SseSession(server);
  await s.open();
  await s.initialize();
  const { message: list } = await s.request('tools/list', {});
  if (!list.result?.tools?.length) throw new Error(`${server.label}: tools/list returned no tools`);
  const { message } = await s.request('tools/call', toolCall(server));
  if (!message.result || message.result.isError) {
    throw new Error(`${server.label}: warm-up tool call failed: ${JSON.stringify(message).slice(0, 500)}`);
  }
  s.close();
  await waitSessionsZero(server, 10_000);
  await sleep(1000);
}

/** Polls /healthz until no SSE session is open; returns ms taken, or undefined on timeout (or n/a). */
async function waitSessionsZero(server, timeoutMs) {
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

// ---------------------------------------------------------------------------------------------------
// Phases

async function holdPhase(server) {
  const failures = new Failures();
  const rssBefore = await server.rss();
  const cpu0 = await server.cpu();
  const sessions = [];
  const tOpen = performance.now();
  await pool(OPT.SESSIONS, OPT.OPEN_CONCURRENCY, async () => {
    const s = new SseSession(server);
    try {
      await s.open();
      if (OPT.HOLD_INIT) await s.initialize();
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
  const holdEnd = performance.now() + OPT.HOLD_S * 1000;
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
    const expected = Math.floor((now - s.openedAt) / OPT.HEARTBEAT_MS) - 1;
    if (server.kind === 'ours' && s.heartbeats < expected) failures.add('missed heartbeats');
  }
  for (const s of sessions) s.close();
  const drained = await waitSessionsZero(server, 30_000);
  return {
    attempted: OPT.SESSIONS,
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

async function callPhase(server) {
  const failures = new Failures();
  const call = toolCall(server);
  const callers = [];
  await pool(OPT.CALLERS, OPT.OPEN_CONCURRENCY, async (i) => {
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
  const deadline = start + OPT.CALL_S * 1000;
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

async function soakPhase(server) {
  const failures = new Failures();
  const rssStart = await server.rss();
  const heapStart = await heapUsed(server);
  const gcStart = OPT.HEAP_PROBE ? await heapAfterGc(server) : undefined;
  let rssMid;
  const half = Math.floor(OPT.SOAK / 2);
  const start = performance.now();
  await pool(OPT.SOAK, OPT.SOAK_CONCURRENCY, async (i) => {
    if (i === half) rssMid = await server.rss();
    const s = new SseSession(server);
    try {
      await s.open();
      if (OPT.SOAK_INIT) await s.initialize();
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
  for (let i = 0; i < OPT.SOAK_SETTLE_S; i++) {
    if (i >= 3 && rssEnd <= rssStart * (1 + TARGETS.soakRssGrowth)) break;
    await sleep(1000);
    rssEnd = await server.rss();
  }
  const settleS = (performance.now() - settleStart) / 1000;
  const heapEnd = await heapUsed(server);
  const gcEnd = OPT.HEAP_PROBE ? await heapAfterGc(server) : undefined;
  const rssAfterGc = OPT.HEAP_PROBE ? await server.rss() : undefined;
  return {
    cycles: OPT.SOAK,
    failures,
    rate: OPT.SOAK / elapsed,
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
async function heapAfterGc(server) {
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
async function heapUsed(server) {
  if (server.kind !== 'ours') return undefined;
  const text = await httpGet(server.port, '/metrics');
  const m = /^nodejs_heap_size_used_bytes\s+([\d.e+]+)/m.exec(text);
  return m ? Number(m[1]) / 1048576 : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Report

const fmt = (v, digits = 1) =>
  v === undefined || v === null || Number.isNaN(v)
    ? 'n/a'
    : typeof v === 'number'
      ? v.toFixed(digits)
      : String(v);
const mib = (kib) => (kib === undefined ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`);
const ratio = (a, b) =>
  typeof a === 'number' && typeof b === 'number' && b !== 0 ? `${(a / b).toFixed(2)}×` : '';

function table(rows) {
  const widths = [0, 0, 0, 0];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i], String(c).length)));
  for (const r of rows) {
    console.log(
      `  ${r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')}`,
    );
  }
}

function drainedText(d) {
  if (d === undefined) return 'n/a (no /healthz)';
  if (typeof d === 'number') return `0 after ${(d / 1000).toFixed(1)} s`;
  return `${d.left} still open after 30 s`;
}

function report(results) {
  const o = results.ours ?? {};
  const b = results.sdk ?? {};
  const verdicts = [];
  const verdict = (name, ok, detail) => verdicts.push([ok ? 'PASS' : 'FAIL', name, detail]);

  console.log('\n=== steam-game-mcp load benchmark (loopback, 127.0.0.1) ===');
  console.log(
    `node ${process.version}, ${os.cpus().length} CPUs, ulimit -n ${ulimitN()}, our heartbeat ${OPT.HEARTBEAT_MS} ms` +
      ' (the SDK example sends none)',
  );
  console.log(
    `load average at start ${LOAD_AT_START.map((l) => l.toFixed(2)).join(' ')}, at end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (other processes on this machine skew figures; ratios within one run hold better)`,
  );
  console.log(
    'baseline: the SDK example simpleSseServer.js reproduced in bench/sdk-sse-example.mjs (free port on 127.0.0.1,' +
      ' plus a trivial `echo` tool);',
  );
  console.log(`calls: ours get_top_games ${JSON.stringify(OPT.TOOL_ARGS)} (cached), the SDK example echo`);

  if (o.hold || b.hold) {
    const h = (r) => r.hold ?? {};
    console.log(
      `\n-- hold: ${OPT.SESSIONS} SSE sessions${OPT.HOLD_INIT ? ' (initialized)' : ''} for ${OPT.HOLD_S} s`,
    );
    table([
      ['', 'ours', 'sdk example', 'ours/sdk'],
      ['sessions held', fmt(h(o).ok, 0), fmt(h(b).ok, 0), ''],
      ['failed sessions', h(o).failures?.total ?? 'n/a', h(b).failures?.total ?? 'n/a', ''],
      ['time to open all (s)', fmt(h(o).openS), fmt(h(b).openS), ratio(h(o).openS, h(b).openS)],
      [
        'heartbeats/session min/avg',
        `${fmt(h(o).heartbeatsMin, 0)}/${fmt(h(o).heartbeatsAvg)}`,
        `${fmt(h(b).heartbeatsMin, 0)}/${fmt(h(b).heartbeatsAvg)}`,
        '',
      ],
      ['RSS before', mib(h(o).rssBefore), mib(h(b).rssBefore), ''],
      ['RSS all open (+2 s)', mib(h(o).rssOpen), mib(h(b).rssOpen), ''],
      ['RSS end of hold', mib(h(o).rssEnd), mib(h(b).rssEnd), ratio(h(o).rssEnd, h(b).rssEnd)],
      ['RSS peak', mib(h(o).rssPeak), mib(h(b).rssPeak), ''],
      [
        'RSS per session (KiB)',
        fmt(h(o).rssPerSessionKiB),
        fmt(h(b).rssPerSessionKiB),
        ratio(h(o).rssPerSessionKiB, h(b).rssPerSessionKiB),
      ],
      ['server CPU while holding (%)', fmt(h(o).cpuPct), fmt(h(b).cpuPct), ''],
      ['open sessions after close', drainedText(h(o).drained), 'n/a', ''],
    ]);
    for (const [name, r] of [
      ['ours', h(o)],
      ['sdk example', h(b)],
    ]) {
      if (r.failures?.total) console.log(`  ${name} failures: ${r.failures}`);
    }
  }
  if (o.calls || b.calls) {
    const c = (r) => r.calls ?? {};
    console.log(`\n-- calls: ${OPT.CALLERS} concurrent clients for ${OPT.CALL_S} s`);
    table([
      ['', 'ours', 'sdk example', 'ours/sdk'],
      ['callers connected', fmt(c(o).callers, 0), fmt(c(b).callers, 0), ''],
      ['calls answered', fmt(c(o).calls, 0), fmt(c(b).calls, 0), ''],
      [
        'failed sessions / tool errors',
        `${c(o).failures?.total ?? 'n/a'} / ${c(o).toolErrors ?? 'n/a'}`,
        `${c(b).failures?.total ?? 'n/a'} / ${c(b).toolErrors ?? 'n/a'}`,
        '',
      ],
      [
        'throughput (calls/s)',
        fmt(c(o).throughput, 0),
        fmt(c(b).throughput, 0),
        ratio(c(o).throughput, c(b).throughput),
      ],
      ['p50 latency (ms)', fmt(c(o).p50, 2), fmt(c(b).p50, 2), ratio(c(o).p50, c(b).p50)],
      ['p99 latency (ms)', fmt(c(o).p99, 2), fmt(c(b).p99, 2), ratio(c(o).p99, c(b).p99)],
      ['max latency (ms)', fmt(c(o).max, 1), fmt(c(b).max, 1), ''],
      [
        'server CPU per call (µs)',
        fmt(c(o).cpuUsPerCall, 0),
        fmt(c(b).cpuUsPerCall, 0),
        ratio(c(o).cpuUsPerCall, c(b).cpuUsPerCall),
      ],
      ['server CPU (% of one core)', fmt(c(o).serverCpuPct, 0), fmt(c(b).serverCpuPct, 0), ''],
      ['bench CPU per call (µs)', fmt(c(o).benchCpuUsPerCall, 0), fmt(c(b).benchCpuUsPerCall, 0), ''],
      ['bench CPU (% of one core)', fmt(c(o).benchCpuPct, 0), fmt(c(b).benchCpuPct, 0), ''],
      ['fake Steam requests during calls', fmt(c(o).upstream, 0), 'n/a', ''],
      ['answer size (bytes)', fmt(c(o).answerBytes, 0), fmt(c(b).answerBytes, 0), ''],
    ]);
    for (const [name, r] of [
      ['ours', c(o)],
      ['sdk example', c(b)],
    ]) {
      if (r.failures?.total) console.log(`  ${name} failures: ${r.failures}`);
      if (r.firstError) console.log(`  ${name} first tool error: ${r.firstError}`);
    }
    console.log('  (on 2 cores the load generator saturates a core first: compare CPU per call)');
  }
  if (o.soak || b.soak) {
    const s = (r) => r.soak ?? {};
    console.log(
      `\n-- soak: ${OPT.SOAK} connect${OPT.SOAK_INIT ? '/initialize' : ''}/disconnect cycles, ${OPT.SOAK_CONCURRENCY} at a time`,
    );
    table([
      ['', 'ours', 'sdk example', 'ours/sdk'],
      ['failed cycles', s(o).failures?.total ?? 'n/a', s(b).failures?.total ?? 'n/a', ''],
      ['cycles/s', fmt(s(o).rate, 0), fmt(s(b).rate, 0), ratio(s(o).rate, s(b).rate)],
      ['open sessions after', drainedText(s(o).drained), 'n/a', ''],
      ['RSS start', mib(s(o).rssStart), mib(s(b).rssStart), ''],
      ['RSS half-way', mib(s(o).rssMid), mib(s(b).rssMid), ''],
      ['RSS end', mib(s(o).rssEnd), mib(s(b).rssEnd), ''],
      [`  after idle (s, max ${OPT.SOAK_SETTLE_S})`, fmt(s(o).settleS, 0), fmt(s(b).settleS, 0), ''],
      ['RSS growth', `${fmt(s(o).growth * 100)} %`, `${fmt(s(b).growth * 100)} %`, ''],
      ['V8 heap used start → end (MiB)', `${fmt(s(o).heapStart)} → ${fmt(s(o).heapEnd)}`, 'n/a', ''],
      ...(OPT.HEAP_PROBE
        ? [
            ['V8 heap after full GC (MiB)', `${fmt(s(o).gcStart)} → ${fmt(s(o).gcEnd)}`, 'n/a', ''],
            ['RSS after that GC', mib(s(o).rssAfterGc), 'n/a', ''],
          ]
        : []),
    ]);
    for (const [name, r] of [
      ['ours', s(o)],
      ['sdk example', s(b)],
    ]) {
      if (r.failures?.total) console.log(`  ${name} failures: ${r.failures}`);
    }
  }

  if (o.hold) {
    verdict(
      '0 failed sessions (hold)',
      o.hold.failures.total === TARGETS.failedSessions,
      `${o.hold.failures}`,
    );
    verdict(
      `≤ ${TARGETS.rssPerSessionKiB} KiB RSS per idle session`,
      o.hold.rssPerSessionKiB <= TARGETS.rssPerSessionKiB,
      `${fmt(o.hold.rssPerSessionKiB)} KiB`,
    );
  }
  if (o.calls) {
    verdict(
      '0 failed sessions (calls)',
      o.calls.failures.total === 0 && o.calls.toolErrors === 0,
      `${o.calls.failures}, ${o.calls.toolErrors} tool errors`,
    );
    verdict(
      `p99 ≤ ${TARGETS.p99Ms} ms (cached tool, ${OPT.CALLERS} clients)`,
      o.calls.p99 <= TARGETS.p99Ms,
      `${fmt(o.calls.p99, 2)} ms`,
    );
  }
  if (o.soak) {
    verdict('0 failed sessions (soak)', o.soak.failures.total === 0, `${o.soak.failures}`);
    verdict('soak: open sessions back to 0', typeof o.soak.drained === 'number', drainedText(o.soak.drained));
    verdict(
      `soak: RSS back within ${TARGETS.soakRssGrowth * 100} % (end ≤ 110 % of start)`,
      o.soak.growth <= TARGETS.soakRssGrowth,
      `${fmt(o.soak.growth * 100)} % (${mib(o.soak.rssStart)} → ${mib(o.soak.rssEnd)})`,
    );
  }
  if (verdicts.length) {
    console.log('\n-- targets (ours)');
    for (const [v, name, detail] of verdicts) console.log(`  ${v}  ${name}: ${detail}`);
  }
  for (const [name, r] of Object.entries(results)) {
    if (r.warnings?.length) {
      console.log(
        `\n${name} server logged ${r.warnings.length} warning/error lines; first:\n  ${r.warnings.slice(0, 5).join('\n  ')}`,
      );
    }
  }
}

function ulimitN() {
  try {
    return execFileSync('sh', ['-c', 'ulimit -n']).toString().trim();
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------------------------------
// Main

async function startFakeSteamInProcess() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'loadbench-'));
  const outfile = path.join(dir, 'fake-steam.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'test/helpers/fake-steam.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  const { startFakeSteam } = await import(pathToFileURL(outfile).href);
  const fake = await startFakeSteam();
  return {
    url: fake.url,
    requests: () => fake.requests.length,
    async close() {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function expectedSeconds() {
  const perServer =
    (OPT.PHASES.includes('hold') ? OPT.HOLD_S + 60 + OPT.SESSIONS / 100 : 0) +
    (OPT.PHASES.includes('calls') ? OPT.CALL_S + 60 : 0) +
    (OPT.PHASES.includes('soak') ? 60 + OPT.SOAK / 50 : 0) +
    (OPT.PHASES.includes('abuse') ? 120 : 0);
  return perServer * OPT.SERVERS.length + 30;
}

/** The loopback fake Steam our server talks to (in this process). */
let fake;

async function main() {
  const fds = Number(ulimitN());
  if (fds && fds < OPT.SESSIONS + OPT.CALLERS + 500) {
    console.error(`warning: ulimit -n is ${fds}; ${OPT.SESSIONS} sessions need more descriptors than that`);
  }
  const limitS = expectedSeconds();
  const watchdog = setTimeout(() => {
    console.error(`bench: watchdog: still running after ${limitS} s; stopping`);
    for (const child of children) child.kill('SIGKILL');
    process.exit(2);
  }, limitS * 1000);
  watchdog.unref();

  fake = await startFakeSteamInProcess();
  const results = {};
  try {
    for (const kind of OPT.SERVERS) {
      if (kind !== 'ours' && kind !== 'sdk') throw new Error(`unknown server ${kind} (ours, sdk)`);
      results[kind] = { warnings: [] };
    }
    for (const phase of OPT.PHASES) {
      const abuse = (server) => abusePhase(server, { startServer, fakeUrl: fake.url, SseSession, OPT });
      const run = { hold: holdPhase, calls: callPhase, soak: soakPhase, abuse }[phase];
      if (!run) throw new Error(`unknown phase ${phase} (hold, calls, soak, abuse)`);
      for (const kind of OPT.SERVERS) {
        // The SDK example has no budgets to measure.
        if (phase === 'abuse' && kind !== 'ours') continue;
        const label = kind === 'ours' ? 'ours' : 'sdk example';
        process.stderr.write(`bench: ${phase} on ${label}… `);
        const t0 = performance.now();
        const server = await startServer(kind, fake.url, phase === 'abuse' ? {} : undefined);
        try {
          await warmUp(server);
          results[kind][phase] = await run(server);
        } finally {
          const bad = server.stderr.filter((l) => /"level":(40|50|60)|error/i.test(l));
          results[kind].warnings.push(...bad);
          await server.stop();
        }
        process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
      }
    }
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await fake.close();
  }
  report(results);
  if (results.ours?.abuse) printAbuse(results.ours.abuse);
  clearTimeout(watchdog);
}

process.on('SIGINT', () => {
  for (const child of children) child.kill('SIGKILL');
  process.exit(130);
});

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`bench: broke: ${error.stack ?? error}`);
    for (const child of children) child.kill('SIGKILL');
    process.exit(1);
  },
);
