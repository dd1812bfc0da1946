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
//          (bench/load/abuse.mjs)
//   mcp    (ours only) stateless Streamable HTTP /mcp beside legacy SSE on one server, the same cached tool:
//          server CPU per call, p50/p99, their ratio (bench/load/mcp-vs-sse.mjs)
// Options come from the environment or KEY=VALUE arguments (arguments win); see DEFAULTS. A quick run:
//   SESSIONS=500 HOLD_S=5 CALL_S=5 SOAK=2000 node bench/load.mjs
// Options: bench/load/options.mjs; servers and fake Steam: servers.mjs; the raw SSE client: sse-client.mjs;
// phases: phases.mjs, abuse.mjs and mcp-vs-sse.mjs (with its client, mcp-client.mjs); tables: report.mjs.
import path from 'node:path';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { abusePhase, printAbuse } from './load/abuse.mjs';
import { parseOptions } from './load/options.mjs';
import { MCP_PHASE_ENV, mcpVsSsePhase, printMcpVsSse } from './load/mcp-vs-sse.mjs';
import { callPhase, holdPhase, soakPhase, warmUp } from './load/phases.mjs';
import { report } from './load/report.mjs';
import { children, startFakeSteamInProcess, startServer } from './load/servers.mjs';
import { ulimitN } from './load/util.mjs';

const OPT = parseOptions();
const LOAD_AT_START = os.loadavg();

function expectedSeconds() {
  const perServer =
    (OPT.PHASES.includes('hold') ? OPT.HOLD_S + 60 + OPT.SESSIONS / 100 : 0) +
    (OPT.PHASES.includes('calls') ? OPT.CALL_S + 60 : 0) +
    (OPT.PHASES.includes('soak') ? 60 + OPT.SOAK / 50 : 0) +
    (OPT.PHASES.includes('abuse') ? 120 : 0) +
    (OPT.PHASES.includes('mcp') ? 2 * OPT.MCP_CALL_S + 60 : 0);
  return perServer * OPT.SERVERS.length + 30;
}

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

  const fake = await startFakeSteamInProcess();
  // Our servers beat at HEARTBEAT_MS; HEAP_PROBE lets the soak force a GC in them.
  const start = (kind, fakeUrl, budgets) =>
    startServer(kind, fakeUrl, budgets, {
      heartbeatMs: OPT.HEARTBEAT_MS,
      heapProbe: Boolean(OPT.HEAP_PROBE),
      nodeArgs:
        OPT.CPU_PROF && kind === 'ours' ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(OPT.CPU_PROF)}`] : [],
    });
  const ctx = { opt: OPT, fake, startServer: start };
  const phases = {
    hold: holdPhase,
    calls: callPhase,
    soak: soakPhase,
    abuse: abusePhase,
    mcp: mcpVsSsePhase,
  };
  // Our server's extra environment per phase (default: RAISED_BUDGETS).
  const serverEnv = { abuse: {}, mcp: MCP_PHASE_ENV };
  const results = {};
  try {
    for (const kind of OPT.SERVERS) {
      if (kind !== 'ours' && kind !== 'sdk') throw new Error(`unknown server ${kind} (ours, sdk)`);
      results[kind] = { warnings: [] };
    }
    for (const phase of OPT.PHASES) {
      const run = phases[phase];
      if (!run) throw new Error(`unknown phase ${phase} (${Object.keys(phases).join(', ')})`);
      for (const kind of OPT.SERVERS) {
        // The SDK example has no budgets to measure, and no stateless /mcp.
        if ((phase === 'abuse' || phase === 'mcp') && kind !== 'ours') continue;
        const label = kind === 'ours' ? 'ours' : 'sdk example';
        process.stderr.write(`bench: ${phase} on ${label}… `);
        const t0 = performance.now();
        const server = await start(kind, fake.url, serverEnv[phase]);
        try {
          await warmUp(server, OPT);
          results[kind][phase] = await run(server, ctx);
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
  report(results, OPT, LOAD_AT_START);
  if (results.ours?.abuse) printAbuse(results.ours.abuse);
  if (results.ours?.mcp) printMcpVsSse(results.ours.mcp, OPT);
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
