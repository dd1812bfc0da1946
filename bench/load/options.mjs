// bench:load options: environment or KEY=VALUE arguments (arguments win), checked against DEFAULTS.

export const DEFAULTS = {
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
  PHASES: 'hold,calls,soak,abuse,mcp', // which phases to run (abuse, mcp: ours only)
  MCP_CALLERS: 20, // mcp: clients per transport (SSE sessions, stateless /mcp clients)
  MCP_CALL_S: 20, // mcp: seconds of calling per transport, split over the rounds
  MCP_ROUNDS: 10, // mcp: alternating SSE and /mcp turns
  MCP_RATE: 100, // mcp: calls per second per transport (a fixed load, below what either sustains)
  CPU_PROF: '', // a directory: our server runs with --cpu-prof and writes a .cpuprofile there per phase
};
export const TARGETS = { failedSessions: 0, rssPerSessionKiB: 20, p99Ms: 50, soakRssGrowth: 0.1 };

/** The options of this run, from `argv` (KEY=VALUE) over `env`. */
export function parseOptions(argv = process.argv.slice(2), env = process.env) {
  const args = Object.fromEntries(
    argv
      .map((a) => a.split('='))
      .filter(([k, v]) => v !== undefined && k in DEFAULTS)
      .map(([k, ...v]) => [k, v.join('=')]),
  );
  const out = {};
  for (const [key, def] of Object.entries(DEFAULTS)) {
    const raw = args[key] ?? env[key];
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
