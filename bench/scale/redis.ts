/**
 * A real redis-server (the Debian package) for the bench: loopback only, persistence off, on a
 * fixed port so that a restart after SIGKILL comes back where the instances' REDIS_URL points.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface BenchRedis {
  url: string;
  /** SIGKILL: the instances see connections reset, as when a Tair node dies. */
  kill(): Promise<void>;
  /** Starts a fresh, empty server on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const REDIS_BIN = process.env.REDIS_SERVER_BIN ?? 'redis-server';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function launch(port: number): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const proc = spawn(REDIS_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 5 s:\n${output}`));
    }, 5_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        proc.stdout!.off('data', onData);
        proc.stdout!.resume();
        resolve(proc);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${REDIS_BIN}: ${error.message} (install the redis-server package)`));
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

function exited(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  const done = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill(signal);
  return done;
}

export async function startBenchRedis(): Promise<BenchRedis> {
  const port = await freePort();
  let proc = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: () => exited(proc, 'SIGKILL'),
    async restart() {
      await exited(proc, 'SIGKILL');
      proc = await launch(port);
    },
    stop: () => exited(proc, 'SIGTERM'),
  };
}
