import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE, baseEnv, startServerProcess } from '../helpers/server-process.js';

const SHORT_TOKEN = 'tiny7q';
const scratch = mkdtempSync(path.join(tmpdir(), 'start-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder holding a `.env` that would stop the server (a too-short token) if it were read. */
function folderWithBadEnv(name: string): string {
  const dir = path.join(scratch, name);
  cpSync(path.dirname(BUNDLE), path.join(dir, 'dist'), { recursive: true });
  writeFileSync(path.join(dir, '.env'), `MCP_AUTH_TOKEN=${SHORT_TOKEN}\n`);
  return dir;
}

/** Runs the bundle until it exits (it is expected to refuse to start); resolves code and stderr. */
function runToExit(
  args: string[],
  opts: { cwd: string; bundle?: string },
): Promise<{ code: number | null; stderr: string }> {
  const proc = spawn(process.execPath, [opts.bundle ?? BUNDLE, '--http', ...args], {
    cwd: opts.cwd,
    env: baseEnv({ PORT: '0', HOST: '127.0.0.1' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
  return new Promise((resolve) =>
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
}

describe('where configuration comes from', () => {
  it('a .env in the working directory is not read', async () => {
    const cwd = path.join(scratch, 'client-chosen-cwd');
    folderWithBadEnv('client-chosen-cwd');
    const server = await startServerProcess({}, { cwd });
    try {
      expect(server.port).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });

  it('--env-file PATH is read, and its secret is never printed', async () => {
    const dir = folderWithBadEnv('named');
    const { code, stderr } = await runToExit(['--env-file', path.join(dir, '.env')], { cwd: scratch });
    expect(code).toBe(1);
    expect(stderr).toContain('MCP_AUTH_TOKEN');
    expect(stderr).toContain('must be at least 16 characters');
    expect(stderr).not.toContain(SHORT_TOKEN);
  });

  it('--env-file naming a missing file stops with a message', async () => {
    const { code, stderr } = await runToExit([`--env-file=${path.join(scratch, 'nope.env')}`], {
      cwd: scratch,
    });
    // Node 20 itself reads --env-file even after the script and exits 9 first; either way, a refusal.
    expect(code).not.toBe(0);
    expect(stderr).toContain('nope.env');
  });

  it('the .env beside the package is read', async () => {
    const pkg = folderWithBadEnv('package');
    const { code, stderr } = await runToExit([], { cwd: scratch, bundle: path.join(pkg, 'dist/main.js') });
    expect(code).toBe(1);
    expect(stderr).toContain('must be at least 16 characters');
  });
});

describe('listen address', () => {
  function exposureWarnings(logs: string[]): unknown[] {
    return logs
      .map((line) => JSON.parse(line) as { exposed?: boolean; level?: number })
      .filter((entry) => entry.exposed === true);
  }

  it('defaults to loopback outside FC, without a warning', async () => {
    const server = await startServerProcess({ HOST: '' }, { cwd: scratch });
    try {
      const listening = server.logs.map((l) => JSON.parse(l) as { host?: string }).find((e) => e.host);
      expect(listening?.host).toBe('127.0.0.1');
      expect(exposureWarnings(server.logs)).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('a non-loopback bind without a token logs a loud warning', async () => {
    const server = await startServerProcess({ HOST: '0.0.0.0' }, { cwd: scratch });
    try {
      await expect.poll(() => exposureWarnings(server.logs).length).toBe(1);
      const [warning] = exposureWarnings(server.logs) as { level: string; msg: string }[];
      expect(warning!.level).toBe('warn');
      expect(warning!.msg).toContain('MCP_AUTH_TOKEN');
    } finally {
      await server.stop();
    }
  });

  it('no warning when a token protects the non-loopback bind', async () => {
    const server = await startServerProcess(
      { HOST: '0.0.0.0', MCP_AUTH_TOKEN: 'a-long-enough-token-1234' },
      { cwd: scratch },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(exposureWarnings(server.logs)).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
