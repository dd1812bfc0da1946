import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvSchema } from '../../src/config/schema.js';

const startSh = path.resolve(import.meta.dirname, '../../deploy/aliyun/start.sh');
const nodeDir = path.dirname(process.execPath);
const SECRET = 'sk-secret-value';
const TOKEN = 'mcp-token-0123456789abcdef';
const MARKER = 'FAKE_MAIN_STARTED';
// Absolute, so one test can hand the script a PATH without node (and without bash).
const bash =
  (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((d) => path.join(d, 'bash'))
    .find((p) => existsSync(p)) ?? '/bin/bash';

let work: string;

/** A package folder as FC sees it: start.sh next to dist/main.js (or without it). */
function makePackage(name: string, withBundle: boolean): string {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  copyFileSync(startSh, path.join(dir, 'start.sh'));
  if (withBundle) {
    writeFileSync(
      path.join(dir, 'dist', 'main.js'),
      `console.log(${JSON.stringify(MARKER)}, JSON.stringify({ pid: process.pid, argv: process.argv.slice(2) }));\n`,
    );
    writeFileSync(path.join(dir, 'dist', 'runtime.js'), '');
  }
  return dir;
}

function run(dir: string, env: Record<string, string>, args: string[] = []) {
  // An unrelated cwd proves the script finds its bundle from its own location.
  const result = spawnSync(bash, [path.join(dir, 'start.sh'), ...args], {
    cwd: work,
    env: { PATH: `${nodeDir}:/usr/bin:/bin`, ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { ...result, all: `${result.stdout}\n${result.stderr}` };
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'start-sh-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('deploy/aliyun/start.sh', () => {
  it('prints diagnostics, hides secrets and execs the bundle', () => {
    const dir = makePackage('ok', true);
    const r = run(
      dir,
      { FC_SERVER_PORT: '9123', PORT: '7000', DASHSCOPE_API_KEY: SECRET, MCP_AUTH_TOKEN: TOKEN },
      ['--flag'],
    );
    expect(r.status, r.all).toBe(0);

    expect(r.stderr).toContain(`version=${process.version}`);
    expect(r.stderr).toContain(`bundle=${path.join(dir, 'dist', 'main.js')} found`);
    expect(r.stderr).toMatch(/port=9123 \(from FC_SERVER_PORT/);
    expect(r.stderr).toMatch(/secret DASHSCOPE_API_KEY: set \(value hidden\)/);
    expect(r.stderr).toMatch(/secret MCP_AUTH_TOKEN: set \(value hidden\)/);
    expect(r.stderr).toMatch(/env set: .*\bDASHSCOPE_API_KEY\b/);
    expect(r.stderr).toMatch(/env unset \(defaults apply\): .*\bLLM_MODEL\b/);
    expect(r.all).not.toContain(SECRET);
    expect(r.all).not.toContain(TOKEN);

    // Diagnostics go to stderr; stdout carries only what the server writes.
    expect(r.stdout.trim().startsWith(MARKER)).toBe(true);
    const started = JSON.parse(r.stdout.trim().slice(MARKER.length)) as {
      pid: number;
      argv: string[];
    };
    expect(started.pid).toBe(r.pid); // exec: node replaced bash, so it gets FC's SIGTERM directly
    expect(started.argv).toEqual(['--http', '--flag']); // HTTP whatever MCP_TRANSPORT says
  });

  it.each([
    [{ FC_CUSTOM_LISTEN_PORT: '9200', PORT: '7000' }, /port=9200 \(from FC_CUSTOM_LISTEN_PORT/],
    [{ PORT: '7000' }, /port=7000 \(from PORT/],
    [{}, /port=8000 \(from default/],
  ])('resolves the port like the server does (%o)', (env, expected) => {
    const r = run(makePackage(`port-${Object.keys(env).join('-') || 'none'}`, true), env);
    expect(r.status, r.all).toBe(0);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).toMatch(/secret DASHSCOPE_API_KEY: unset/);
  });

  it('flags a secret that is an unresolved Serverless Devs reference, without printing it', () => {
    const r = run(makePackage('unresolved', true), { DASHSCOPE_API_KEY: "${env('DASHSCOPE_API_KEY')}" });
    expect(r.status, r.all).toBe(0);
    expect(r.stderr).toMatch(/WARNING: secret DASHSCOPE_API_KEY: set, but looks like an unresolved/);
    expect(r.all).not.toContain("${env('DASHSCOPE_API_KEY')}");
  });

  it('fails clearly when the bundle is missing', () => {
    const dir = makePackage('no-bundle', false);
    const r = run(dir, { FC_SERVER_PORT: '9123', DASHSCOPE_API_KEY: SECRET });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`ERROR: bundle not found: ${path.join(dir, 'dist', 'main.js')}`);
    expect(r.stderr).toContain('npm run build');
    expect(r.stdout).not.toContain(MARKER);
    expect(r.all).not.toContain(SECRET);
  });

  it('fails clearly when node is not on PATH, pointing at the Nodejs20 layer', () => {
    const r = run(makePackage('no-node', true), { PATH: path.join(work, 'empty-bin') });
    expect(r.status).toBe(127);
    expect(r.stderr).toContain("ERROR: 'node' was not found on PATH.");
    expect(r.stderr).toContain(`PATH=${path.join(work, 'empty-bin')}`);
    expect(r.stderr).toContain('/opt/nodejs20/bin');
    expect(r.stderr).toContain('Nodejs20');
  });

  it('knows every variable of src/config/schema.ts', () => {
    const text = readFileSync(startSh, 'utf8');
    const list = /KNOWN_VARS=\(([^)]*)\)/.exec(text)?.[1] ?? '';
    expect(list.split(/\s+/).filter(Boolean).sort()).toEqual(Object.keys(EnvSchema.shape).sort());
  });
});
