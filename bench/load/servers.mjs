// The processes bench:load measures: our bundle (dist/main.js, pointed at a fake Steam) and the SDK's
// minimal SSE example (bench/sdk-sse-example.mjs), each on a free loopback port, plus the fake Steam
// itself, run in this process.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { SseSession } from './sse-client.mjs';
import { freePort, HOST, httpGet, procCpuUs, procRssKiB } from './util.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every server process still running: killed on exit, watchdog or SIGINT. */
export const children = new Set();

/** hold, calls and soak measure capacity from one address: per-client budgets would refuse them. */
export const RAISED_BUDGETS = {
  MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000',
  SESSION_OPEN_PER_MINUTE: '100000',
  MAX_SESSIONS_PER_CLIENT: '100000',
  SESSION_INIT_TIMEOUT_MS: '600000',
};

/**
 * Our server takes a chosen port (LOG_LEVEL=warn hides the "listening" line); the SDK example gets one too.
 * `budgets` is extra environment for ours (budgets, MCP_STATELESS…); `nodeArgs` go before the script.
 */
export async function startServer(
  kind,
  fakeSteamUrl,
  budgets = RAISED_BUDGETS,
  { heartbeatMs = 5000, heapProbe = false, nodeArgs = [] } = {},
) {
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port) };
  let args;
  let ssePath;
  if (kind === 'ours') {
    args = [path.join(ROOT, 'dist/main.js'), '--http'];
    // Writing a heap snapshot runs a full GC first: the only way to force one in the child.
    if (heapProbe) args.unshift('--heapsnapshot-signal=SIGUSR2');
    args.unshift(...nodeArgs);
    ssePath = '/sse';
    Object.assign(env, {
      HOST,
      SSE_HEARTBEAT_MS: String(heartbeatMs),
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

/** The loopback fake Steam (test/helpers/fake-steam.ts, bundled on the fly) in this process. */
export async function startFakeSteamInProcess() {
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
