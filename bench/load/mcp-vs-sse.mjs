// The mcp phase of bench:load (issue 11): stateless Streamable HTTP (POST /mcp, MCP_STATELESS=1)
// beside legacy SSE on the same server process, for the same cached tool call. MCP_CALLERS clients of
// each kind call in turns (SSE, /mcp, /mcp, SSE, …: MCP_ROUNDS rounds, MCP_CALL_S seconds per
// transport in all), so both see the same machine load; the server's CPU is read from /proc around
// each turn. Both call at the same fixed rate (MCP_RATE). Target: /mcp costs ≤ 1.2× SSE's server CPU
// per call.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { StatelessMcpClient } from './mcp-client.mjs';
import { toolCall } from './phases.mjs';
import { fmt, ratio, table } from './report.mjs';
import { RAISED_BUDGETS } from './servers.mjs';
import { SseSession } from './sse-client.mjs';
import { benchCpuUs, Failures, percentile, pool } from './util.mjs';

export const MCP_CPU_RATIO_TARGET = 1.2;

/** Our server for this phase: capacity budgets, /mcp stateless. */
export const MCP_PHASE_ENV = { ...RAISED_BUDGETS, MCP_STATELESS: '1' };

export async function mcpVsSsePhase(server, { opt }) {
  const call = toolCall(server, opt);
  const failures = new Failures();
  // Each caller is its own client (a gateway's address), as in the calls phase.
  const headers = (i) => ({ 'x-forwarded-for': `10.78.${i >> 8}.${i & 255}` });
  const sse = [];
  await pool(opt.MCP_CALLERS, opt.OPEN_CONCURRENCY, async (i) => {
    const s = new SseSession(server, headers(i));
    try {
      await s.open();
      await s.initialize();
      sse.push(s);
    } catch (error) {
      failures.add(`sse: ${s.failure ?? error.message}`);
      s.close();
    }
  });
  const mcp = Array.from({ length: opt.MCP_CALLERS }, (_, i) => new StatelessMcpClient(server, headers(i)));
  const clients = { sse, mcp };
  const totals = {
    sse: { calls: 0, cpuUs: 0, benchCpuUs: 0, seconds: 0, toolErrors: 0, latencies: [] },
    mcp: { calls: 0, cpuUs: 0, benchCpuUs: 0, seconds: 0, toolErrors: 0, latencies: [] },
  };
  // One untimed call per client: opens the keep-alive connections and warms both paths.
  for (const kind of ['sse', 'mcp']) {
    await Promise.all(
      clients[kind].map((c) =>
        c.request('tools/call', call).catch((error) => failures.add(`${kind} warm-up: ${error.message}`)),
      ),
    );
  }
  const pace = { seconds: opt.MCP_CALL_S / Math.max(1, opt.MCP_ROUNDS), rate: opt.MCP_RATE };
  for (let round = 0; round < Math.max(1, opt.MCP_ROUNDS); round++) {
    for (const kind of round % 2 === 0 ? ['sse', 'mcp'] : ['mcp', 'sse']) {
      await sleep(200);
      await turn(server, kind, clients[kind], call, pace, totals[kind], failures);
    }
  }
  for (const s of sse) s.close();
  if (!server.alive) throw new Error(`${server.label} died during the mcp phase (${server.exitCode})`);
  const figures = (kind) => {
    const t = totals[kind];
    const sorted = Float64Array.from(t.latencies).sort();
    const answers = clients[kind].reduce((n, c) => n + c.messageBytes, 0);
    return {
      clients: clients[kind].length,
      calls: t.calls,
      toolErrors: t.toolErrors,
      firstError: t.firstError,
      cpuUsPerCall: t.cpuUs / t.calls,
      benchCpuUsPerCall: t.benchCpuUs / t.calls,
      throughput: t.calls / t.seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      // SSE clients also received their initialize answers; the warm-up call is one more each.
      answerBytes: kind === 'mcp' ? answers / (t.calls + clients[kind].length) : undefined,
    };
  };
  return { failures, sse: figures('sse'), mcp: figures('mcp'), turnS: pace.seconds };
}

/**
 * The clients call the tool at `rate` calls a second in all for `seconds` (each client on its own
 * schedule, never more than one call in flight); adds calls, latencies and server CPU to `total`.
 * A fixed rate, not as fast as possible: the server's CPU per call depends on how busy it is (an
 * idle event loop wakes up for every call, a busy one serves several per wake-up), so both
 * transports are measured at the same load.
 */
async function turn(server, kind, clients, call, { seconds, rate }, total, failures) {
  const cpu0 = await server.cpu();
  const bench0 = benchCpuUs();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const intervalMs = (clients.length * 1000) / rate;
  await Promise.all(
    clients.map(async (c, i) => {
      for (let next = start + (i * intervalMs) / clients.length; next < deadline; next += intervalMs) {
        const wait = next - performance.now();
        if (wait > 0) await sleep(wait);
        const t0 = performance.now();
        try {
          const { message, at } = await c.request('tools/call', call);
          total.latencies.push(at - t0);
          total.calls++;
          if (!message.result || message.result.isError) {
            total.toolErrors++;
            total.firstError ??= JSON.stringify(message).slice(0, 300);
          }
        } catch (error) {
          failures.add(`${kind}: ${c.failure ?? error.message}`);
          return;
        }
      }
    }),
  );
  total.seconds += (performance.now() - start) / 1000;
  total.cpuUs += (await server.cpu()) - cpu0;
  total.benchCpuUs += benchCpuUs() - bench0;
}

export function printMcpVsSse(r, opt) {
  const { sse, mcp } = r;
  console.log(
    `\n-- /mcp (stateless Streamable HTTP) beside legacy SSE: one server, ${opt.MCP_CALLERS} clients each,` +
      ` ${opt.MCP_RATE} calls/s in ${opt.MCP_ROUNDS} alternating rounds of ${fmt(r.turnS)} s per transport, get_top_games (cached)`,
  );
  table([
    ['', 'SSE', '/mcp', '/mcp/SSE'],
    ['calls answered', fmt(sse.calls, 0), fmt(mcp.calls, 0), ''],
    ['tool errors', fmt(sse.toolErrors, 0), fmt(mcp.toolErrors, 0), ''],
    [
      'server CPU per call (µs)',
      fmt(sse.cpuUsPerCall, 0),
      fmt(mcp.cpuUsPerCall, 0),
      ratio(mcp.cpuUsPerCall, sse.cpuUsPerCall),
    ],
    ['p50 latency (ms)', fmt(sse.p50, 2), fmt(mcp.p50, 2), ratio(mcp.p50, sse.p50)],
    ['p99 latency (ms)', fmt(sse.p99, 2), fmt(mcp.p99, 2), ratio(mcp.p99, sse.p99)],
    [`throughput (calls/s, offered ${opt.MCP_RATE})`, fmt(sse.throughput, 0), fmt(mcp.throughput, 0), ''],
    ['bench CPU per call (µs)', fmt(sse.benchCpuUsPerCall, 0), fmt(mcp.benchCpuUsPerCall, 0), ''],
    ['answer size (bytes)', '', fmt(mcp.answerBytes, 0), ''],
  ]);
  if (r.failures.total) console.log(`  failures: ${r.failures}`);
  for (const [name, f] of [
    ['SSE', sse],
    ['/mcp', mcp],
  ]) {
    if (f.firstError) console.log(`  ${name} first tool error: ${f.firstError}`);
  }
  const cpuRatio = mcp.cpuUsPerCall / sse.cpuUsPerCall;
  const ok = cpuRatio <= MCP_CPU_RATIO_TARGET && r.failures.total === 0 && !sse.toolErrors && !mcp.toolErrors;
  console.log(
    `  ${ok ? 'PASS' : 'FAIL'}  /mcp server CPU per call ≤ ${MCP_CPU_RATIO_TARGET}× SSE's, 0 failures: ` +
      `${fmt(cpuRatio, 2)}× (${fmt(mcp.cpuUsPerCall, 0)} vs ${fmt(sse.cpuUsPerCall, 0)} µs)`,
  );
}
