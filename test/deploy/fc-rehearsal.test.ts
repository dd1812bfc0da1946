import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, TOOL_NAMES } from '../helpers/mcp-clients.js';
import { ROOT } from '../helpers/server-process.js';
import { readSseFrames } from '../helpers/sse.js';

/**
 * Starts the code package the way Function Compute does: start.sh from the package folder,
 * FC's variables, another working directory, and nothing but dist/ and start.sh present.
 * NODE22_BIN (set by .ci/run) adds the same rehearsal on Node 22.
 */
const NODES: Array<[string, string]> = [[`node ${process.version}`, process.execPath]];
if (process.env.NODE22_BIN) NODES.push(['node 22', process.env.NODE22_BIN]);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const made: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function packageLikeFc(): string {
  const pkg = tempDir('fc-code-');
  cpSync(path.join(ROOT, 'dist'), path.join(pkg, 'dist'), {
    recursive: true,
    filter: (src) => !src.endsWith('.map'),
  });
  copyFileSync(path.join(ROOT, 'deploy/aliyun/start.sh'), path.join(pkg, 'start.sh'));
  return pkg;
}

describe.each(NODES)('Function Compute rehearsal on %s', (_label, nodeBin) => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('starts from start.sh, detects FC, logs at info, listens at once, serves /sse with heartbeats and /healthz', async () => {
    const pkg = packageLikeFc();
    expect(readdirSync(pkg).sort()).toEqual(['dist', 'start.sh']);
    const cwd = tempDir('fc-cwd-');
    const port = await freePort();
    child = spawn('bash', [path.join(pkg, 'start.sh')], {
      cwd,
      env: {
        PATH: `${path.dirname(nodeBin)}:/usr/bin:/bin`,
        FC_SERVER_PORT: String(port),
        FC_RUNTIME: 'custom.debian12',
        FC_FUNCTION_NAME: 'steam-game-mcp',
        FC_REGION: 'cn-hangzhou',
        SSE_HEARTBEAT_MS: '1000',
        STEAM_STORE_URL: 'http://127.0.0.1:9',
        STEAM_API_URL: 'http://127.0.0.1:9',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const lines: string[] = [];
    const listening = new Promise<Record<string, unknown>>((resolve, reject) => {
      let buffer = '';
      child!.stderr!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          lines.push(line);
          if (line.includes('"msg":"listening')) resolve(JSON.parse(line) as Record<string, unknown>);
        }
      });
      child!.once('exit', (code) => reject(new Error(`exited ${code}:\n${lines.join('\n')}`)));
    });
    const log = await listening;

    expect(log).toMatchObject({ level: 'info', platform: 'aliyun-fc', port, functionName: 'steam-game-mcp' });
    expect(log.host).toBe('0.0.0.0');
    expect(typeof log.startupMs).toBe('number');
    const diagnostics = lines.filter((l) => l.startsWith('[start.sh]')).join('\n');
    expect(diagnostics).toContain(`port=${port} (from FC_SERVER_PORT`);
    expect(diagnostics).toMatch(/bundle=.*dist\/main\.js found/);

    const frames = await readSseFrames(`http://127.0.0.1:${port}/sse`, 2);
    expect(frames[0]).toMatch(/^event: endpoint\ndata: \/messages\?sessionId=[0-9a-f-]{36}$/);
    expect(frames[1]).toBe(': ping');
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    const { client, close } = await connectClient('sse', { url: `http://127.0.0.1:${port}` });
    expect((await client.listTools()).tools).toHaveLength(TOOL_NAMES.length);
    await close();
    // The node that ran is the one we put on PATH.
    expect(String(log.node)).toBe(execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim());
    // With a code cache for this node's V8 in the package (CI records one for Node 22 too), V8
    // takes it: on exit the server would name every chunk whose cache it rejected.
    const v8 = execFileSync(nodeBin, ['-p', "process.versions.v8.split('-')[0]"], {
      encoding: 'utf8',
    }).trim();
    const cached = existsSync(path.join(pkg, 'dist', `server.js.v8-${v8}.cache`));
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    expect(lines.filter((l) => l.includes('code cache not used'))).toEqual([]);
    if (!cached) console.warn(`no code cache for V8 ${v8} in dist/: rehearsal on ${nodeBin} ran without one`);
  });
});
