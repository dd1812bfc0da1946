import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** The Debian package's binary (.ci/run installs it when missing). */
export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

export interface RedisServer {
  /** redis://[:password@]127.0.0.1:port */
  url: string;
  port: number;
  password: string | undefined;
  /** One command (e.g. `KEYS`, `*`), answered as ioredis parses it. */
  command(...args: string[]): Promise<unknown>;
  /** SIGKILL: the server dies mid-command, as a crashed Redis would. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after kill or stop), empty: persistence is off. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A free loopback port, found by letting the OS pick one and releasing it. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A real redis-server on a free loopback port, persistence off (no RDB, no AOF, nothing written
 * to disk), for one test file. `password` turns on requirepass.
 */
export async function startRedisServer(opts: { password?: string } = {}): Promise<RedisServer> {
  const port = await freePort();
  let proc: ChildProcess | undefined;
  const launch = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    args.push('--daemonize', 'no', '--protected-mode', 'no', '--loglevel', 'warning');
    if (opts.password) args.push('--requirepass', opts.password);
    const child = spawn(REDIS_SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc = child;
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${output}`);
      try {
        if ((await redisCommand(port, opts.password, ['PING'])) === 'PONG') return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not answer PING on ${port}:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const exit = async (signal: NodeJS.Signals) => {
    const child = proc;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  await launch();
  const auth = opts.password ? `:${encodeURIComponent(opts.password)}@` : '';
  return {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    password: opts.password,
    command: (...args) => redisCommand(port, opts.password, args),
    kill: () => exit('SIGKILL'),
    restart: async () => {
      await exit('SIGKILL');
      await launch();
    },
    stop: () => exit('SIGTERM'),
  };
}

/** One command over a fresh connection (tests inspect keys with it). */
export async function redisCommand(
  port: number,
  password: string | undefined,
  args: readonly string[],
): Promise<unknown> {
  const { Redis } = await import('ioredis');
  const client = new Redis({
    port,
    host: '127.0.0.1',
    password,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const [name, ...rest] = args;
    return await client.call(name!, ...rest);
  } finally {
    client.disconnect();
  }
}
