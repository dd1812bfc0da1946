import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BUNDLE = path.join(ROOT, 'dist/main.js');

export interface ServerProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  /** Every stderr line (JSON logs) so far. */
  logs: string[];
  /** Sends SIGTERM and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** What GET /healthz answers (the fields tests read). */
export interface Health {
  status: string;
  redis: string;
  limits: string;
  sessions: { sse: number; streamable: number };
}

export async function healthz(server: ServerProcess): Promise<Health> {
  return (await (await fetch(`${server.url}/healthz`)).json()) as Health;
}

/** A clean environment: nothing from the developer's shell leaks into a test server. */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...extra };
}

/** Spawns the built bundle on a free port and waits for its "listening" log line. */
export async function startServerProcess(
  env: Record<string, string>,
  opts: { cwd?: string; bundle?: string; execPath?: string; args?: readonly string[] } = {},
): Promise<ServerProcess> {
  // Without a flag the bundle serves stdio (the npx default); these tests want HTTP.
  const proc = spawn(
    opts.execPath ?? process.execPath,
    [opts.bundle ?? BUNDLE, '--http', ...(opts.args ?? [])],
    {
      env: baseEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
      cwd: opts.cwd ?? ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `server did not listen (exit ${proc.exitCode}, pid ${proc.pid}):\n${logs.join('\n')}${buffer}`,
          ),
        ),
      10_000,
    );
    proc.stderr!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        logs.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg?.startsWith('listening') && entry.port) {
            clearTimeout(timer);
            resolve(entry.port);
          }
        } catch {
          // not JSON: keep it in logs for diagnostics
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${logs.join('\n')}`));
    });
  });
  // A server that never listened must not outlive the test that started it.
  const port = await listening.catch((error: unknown) => {
    proc.kill('SIGKILL');
    throw error;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    proc,
    logs,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
}
