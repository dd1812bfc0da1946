import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { callTool, connectClient, type Connected, type TransportName } from '../helpers/mcp-clients.js';
import { BUNDLE, baseEnv, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

/** GET /healthz on a fresh connection (no pooled keep-alive socket): the status, or the error code. */
function probe(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(`${url}/healthz`, { agent: false, timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGTERM with a tool call in flight', () => {
  let steam: FakeSteam | undefined;
  let server: ServerProcess | undefined;
  let conn: Connected | undefined;

  afterEach(async () => {
    await conn?.close().catch(() => undefined);
    if (server?.proc.exitCode === null) server.proc.kill('SIGKILL');
    await steam?.close();
    steam = server = conn = undefined;
  });

  async function start(graceMs: number, delayMs: number, transport: TransportName) {
    steam = await startFakeSteam();
    // No status: the fake waits, then answers normally (a slow but healthy Steam).
    steam.fail('/api/appdetails', { delayMs });
    server = await startServerProcess({
      STEAM_STORE_URL: steam.url,
      STEAM_API_URL: steam.url,
      STEAM_RETRIES: '0',
      SHUTDOWN_GRACE_MS: String(graceMs),
    });
    conn = await connectClient(transport, { url: server.url });
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      server!.proc.once('exit', (code) => resolve({ code, at: performance.now() })),
    );
    const appId = String(steam.games[0]!.appId);
    return { steam, server, conn, exited, appId };
  }

  describe.each<TransportName>(['sse', 'streamable'])('over %s', (transport) => {
    it('finishes the call, refuses new connections, then exits 0 promptly', async () => {
      const grace = 5_000;
      const { steam, server, conn, exited, appId } = await start(grace, 1_500, transport);
      const call = callTool<{ success: boolean; game_identifier: string }>(conn.client, 'get_game_details', {
        game_identifier: appId,
      }).then((result) => ({ result, at: performance.now() }));
      await expect
        .poll(() => steam.count('/api/appdetails'), { interval: 20, timeout: 10_000 })
        .toBeGreaterThan(0);
      expect(await probe(server.url)).toBe(200);

      const signalled = performance.now();
      server.proc.kill('SIGTERM');
      await sleep(200);
      // The listener is closed at once; the call keeps running.
      expect(await probe(server.url)).toBe('ECONNREFUSED');
      expect(server.proc.exitCode).toBeNull();

      const done = await call;
      expect(done.result).toMatchObject({ success: true, game_identifier: appId });
      const exit = await exited;
      expect(exit.code).toBe(0);
      expect(exit.at).toBeGreaterThanOrEqual(done.at - 50);
      // Exits as soon as the call is done, long before the grace period would end.
      expect(exit.at - signalled).toBeLessThan(grace + 2_000);
      expect(exit.at - done.at).toBeLessThan(1_000);
    });
  });

  it('a call slower than SHUTDOWN_GRACE_MS does not hold the process past the grace period', async () => {
    const grace = 300;
    const { steam, server, conn, exited, appId } = await start(grace, 3_000, 'streamable');
    const call = conn.client
      .callTool({ name: 'get_game_details', arguments: { game_identifier: appId } })
      .then(
        () => 'answered',
        () => 'failed',
      );
    await expect
      .poll(() => steam.count('/api/appdetails'), { interval: 20, timeout: 10_000 })
      .toBeGreaterThan(0);
    const signalled = performance.now();
    server.proc.kill('SIGTERM');
    const exit = await exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(grace + 1_500);
    // The cut-off call was never answered as a success (the SDK client may keep waiting).
    expect(await Promise.race([call, sleep(300).then(() => 'pending')])).not.toBe('answered');
  });
});

describe('a port already taken', () => {
  it('exits with 1 and writes the fatal line first (the logger loads before exiting)', async () => {
    const holder = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => holder.once('listening', resolve));
    const { port } = holder.address() as { port: number };
    try {
      const child = spawn(process.execPath, [BUNDLE, '--http'], {
        env: baseEnv({ PORT: String(port), HOST: '127.0.0.1' }),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      const fatal = stderr
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: string; msg: string; port?: number })
        .find((line) => line.msg === 'cannot listen');
      expect(fatal).toMatchObject({ level: 'fatal', port });
    } finally {
      holder.close();
    }
  });
});
