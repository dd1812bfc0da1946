// The hold/calls/soak tables of bench:load and the verdicts against its targets.
import os from 'node:os';
import { TARGETS } from './options.mjs';
import { ulimitN } from './util.mjs';

export const fmt = (v, digits = 1) =>
  v === undefined || v === null || Number.isNaN(v)
    ? 'n/a'
    : typeof v === 'number'
      ? v.toFixed(digits)
      : String(v);
export const mib = (kib) => (kib === undefined ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`);
export const ratio = (a, b) =>
  typeof a === 'number' && typeof b === 'number' && b !== 0 ? `${(a / b).toFixed(2)}×` : '';

export function table(rows) {
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

/** Prints the tables for `results` ({ ours, sdk } → phase → figures) of a run with options `opt`. */
export function report(results, opt, loadAtStart) {
  const o = results.ours ?? {};
  const b = results.sdk ?? {};
  const verdicts = [];
  const verdict = (name, ok, detail) => verdicts.push([ok ? 'PASS' : 'FAIL', name, detail]);

  console.log('\n=== steam-game-mcp load benchmark (loopback, 127.0.0.1) ===');
  console.log(
    `node ${process.version}, ${os.cpus().length} CPUs, ulimit -n ${ulimitN()}, our heartbeat ${opt.HEARTBEAT_MS} ms` +
      ' (the SDK example sends none)',
  );
  console.log(
    `load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, at end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (other processes on this machine skew figures; ratios within one run hold better)`,
  );
  console.log(
    'baseline: the SDK example simpleSseServer.js reproduced in bench/sdk-sse-example.mjs (free port on 127.0.0.1,' +
      ' plus a trivial `echo` tool);',
  );
  console.log(`calls: ours get_top_games ${JSON.stringify(opt.TOOL_ARGS)} (cached), the SDK example echo`);

  if (o.hold || b.hold) {
    const h = (r) => r.hold ?? {};
    console.log(
      `\n-- hold: ${opt.SESSIONS} SSE sessions${opt.HOLD_INIT ? ' (initialized)' : ''} for ${opt.HOLD_S} s`,
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
    console.log(`\n-- calls: ${opt.CALLERS} concurrent clients for ${opt.CALL_S} s`);
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
      `\n-- soak: ${opt.SOAK} connect${opt.SOAK_INIT ? '/initialize' : ''}/disconnect cycles, ${opt.SOAK_CONCURRENCY} at a time`,
    );
    table([
      ['', 'ours', 'sdk example', 'ours/sdk'],
      ['failed cycles', s(o).failures?.total ?? 'n/a', s(b).failures?.total ?? 'n/a', ''],
      ['cycles/s', fmt(s(o).rate, 0), fmt(s(b).rate, 0), ratio(s(o).rate, s(b).rate)],
      ['open sessions after', drainedText(s(o).drained), 'n/a', ''],
      ['RSS start', mib(s(o).rssStart), mib(s(b).rssStart), ''],
      ['RSS half-way', mib(s(o).rssMid), mib(s(b).rssMid), ''],
      ['RSS end', mib(s(o).rssEnd), mib(s(b).rssEnd), ''],
      [`  after idle (s, max ${opt.SOAK_SETTLE_S})`, fmt(s(o).settleS, 0), fmt(s(b).settleS, 0), ''],
      ['RSS growth', `${fmt(s(o).growth * 100)} %`, `${fmt(s(b).growth * 100)} %`, ''],
      ['V8 heap used start → end (MiB)', `${fmt(s(o).heapStart)} → ${fmt(s(o).heapEnd)}`, 'n/a', ''],
      ...(opt.HEAP_PROBE
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
      `p99 ≤ ${TARGETS.p99Ms} ms (cached tool, ${opt.CALLERS} clients)`,
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
