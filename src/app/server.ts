import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { chooseEnvFile } from '../config/env-file.js';
import { loadConfig, type Config } from '../config/load.js';
import { ConfigError } from '../errors.js';
import { Limits } from '../limits/limits.js';
import type { Logger } from '../observability/logger.js';
import { noopMetrics } from '../observability/metrics.js';
import { SharedTier } from '../redis/shared-tier.js';
import type { McpBackend } from '../transports/backend.js';
import { createHttpServer } from '../transports/http-server.js';
import { SessionStore } from '../transports/sessions.js';
import { VERSION } from '../version.js';
import { DeferredLogger } from './deferred-logger.js';
import { DeferredMetrics } from './deferred-metrics.js';
import { createIdleGc } from './idle-gc.js';
import { lazy, once, schedulePreloads } from './lazy.js';
import type { Runtime } from './runtime.js';

/** The composition root: the only place that reads process.env/argv and handles signals. */
function main(): void {
  const args = process.argv.slice(2);
  // dist/main.js (through any bin symlink) → the package folder; never the working directory.
  const packageDir = path.dirname(path.dirname(realpathSync(process.argv[1] ?? '.')));
  const envFile = chooseEnvFile(args, packageDir);
  if (envFile?.explicit && !existsSync(envFile.path)) {
    console.error(`steam-game-mcp: --env-file ${envFile.path}: no such file. 找不到 --env-file 指定的文件。`);
    process.exit(1);
  }
  if (envFile) process.loadEnvFile(envFile.path);
  let config: Config;
  try {
    config = loadConfig(process.env, args);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(
      `steam-game-mcp: ${error.message}\nSee .env.example for every variable. 配置无效，请参考 .env.example。`,
    );
    process.exit(1);
  }
  // pino loads off the start-up path (lazy.logger): until then lines are kept.
  let pinoReady: Promise<void> | undefined;
  const loadPino = () =>
    (pinoReady ??= lazy.logger
      .load()
      .then(({ createPinoLogger }) =>
        logger.attach(createPinoLogger(config.logLevel, undefined, logger.now)),
      ));
  const logger = DeferredLogger.create(config.logLevel, () => void loadPino());
  process.on('uncaughtException', (error) => logger.fatal({ err: error }, 'uncaught exception'));
  process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled rejection'));
  const app = { config, logger, loadPino };
  if (config.server.transport === 'stdio') serveStdio(app);
  else serveHttp(app);
}

interface App {
  config: Config;
  logger: Logger;
  /** Loads pino and writes what was logged so far; call before exiting. */
  loadPino: () => Promise<void>;
}

/** Milliseconds since the process started (without loading perf_hooks, as performance does). */
const uptimeMs = () => Math.round(process.uptime() * 1000);

function serveHttp({ config, logger, loadPino }: App): void {
  const sessions = new SessionStore(config.server.maxSessions, config.server.sessionIdleTimeoutMs);
  sessions.watch(createIdleGc(10_000));
  const metrics = new DeferredMetrics();
  const sharedTier = new SharedTier({ config: config.redis, logger, metrics, load: lazy.redis.load });
  const limits = new Limits({ logger });
  let startupMs = 0;
  // prom-client (lazy.metrics): until it loads, DeferredMetrics keeps what was recorded.
  const loadPrometheus = once(async () => {
    const { PrometheusMetrics } = await lazy.metrics.load();
    const prometheus = new PrometheusMetrics({
      startupMs,
      openSessions: (kind) => sessions.count(kind),
      redisState: () => sharedTier.state,
    });
    metrics.attach(prometheus);
    return prometheus;
  });
  let runtime: Promise<Runtime> | undefined;
  const loadRuntime = () =>
    (runtime ??= lazy.runtime.load().then((m) => {
      schedulePreloads('runtime', {
        logger: () => void loadPino(),
        metrics: () => void loadPrometheus(),
      });
      return m.createRuntime({ config, logger, metrics, sessions, limits, version: VERSION, sharedTier });
    }));
  const backend: McpBackend = {
    newServer: async (sessionKey, client) => (await loadRuntime()).newServer(sessionKey, client),
    parseMessages: async (values) => (await loadRuntime()).parseMessages(values),
    handleStreamable: async (req, res, body, client) =>
      (await (await loadRuntime()).streamable()).handle(req, res, body, client),
    metricsText: async () => (await loadPrometheus()).render(),
  };
  const server = createHttpServer({
    config: config.server,
    logger,
    metrics,
    sessions,
    limits,
    version: VERSION,
    startedAt: Date.now(),
    backend,
    redisState: () => sharedTier.state,
  });
  server.listen(config.server.port, config.server.host, () => {
    startupMs = uptimeMs();
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.server.port;
    logger.info(
      {
        platform: config.platform.name,
        functionName: config.platform.functionName,
        region: config.platform.region,
        host: config.server.host,
        port,
        startupMs,
        node: process.version,
        version: VERSION,
      },
      `listening on http://${config.server.host}:${port} (started in ${startupMs} ms)`,
    );
    if (!config.server.authToken && !isLoopback(config.server.host)) {
      logger.warn(
        { host: config.server.host, port, exposed: true },
        `NO MCP_AUTH_TOKEN while listening on ${config.server.host}: anyone who can reach port ${port} ` +
          'can call the tools and spend your DashScope key. Set MCP_AUTH_TOKEN (≥ 16 characters) or ' +
          'HOST=127.0.0.1. 未设置 MCP_AUTH_TOKEN 且监听非本机地址：任何人都能调用本服务并消耗您的密钥，' +
          '请设置 MCP_AUTH_TOKEN 或 HOST=127.0.0.1。',
      );
    }
    // The first SSE frame starts loading the runtime (http-server.ts); without a client, it
    // loads a little later anyway, so the first client finds it ready.
    schedulePreloads('listening', {
      runtime: () =>
        void loadRuntime().catch((error: unknown) => logger.fatal({ err: error }, 'runtime failed')),
    });
  });
  server.on('error', (error) => {
    logger.fatal({ err: error, port: config.server.port }, 'cannot listen');
    void loadPino().finally(() => process.exit(1));
  });
  onShutdown(logger, loadPino, async () => {
    server.close();
    const loaded = runtime ? await runtime : undefined;
    const finished = await loaded?.drain(config.server.shutdownGraceMs);
    // drain() resolves when the last tool handler returns, a few microtasks before the SDK
    // writes its result: closing the sessions at once lost that answer (the client never got
    // it). One macrotask lets those writes reach the sockets first.
    await new Promise((resolve) => setImmediate(resolve));
    sessions.closeAll('shutdown');
    server.closeAllConnections();
    logger.info({ inFlightFinished: finished ?? true }, 'shut down');
  });
}

/** Addresses only this machine can reach: no token needed there. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A person who typed `npx steam-game-mcp` in a terminal would otherwise see nothing happen. */
const STDIO_TTY_HINT = `steam-game-mcp: serving MCP over stdio, waiting for a client on stdin (Ctrl+C to quit).
  Add it to a desktop client as {"command": "npx", "args": ["-y", "steam-game-mcp"]}, or run
  \`npx steam-game-mcp --http\` for the HTTP server (/sse, /mcp on port 8000).
steam-game-mcp：正在通过 stdio 等待 MCP 客户端（Ctrl+C 退出）。请在桌面客户端中配置
  {"command": "npx", "args": ["-y", "steam-game-mcp"]}，或运行 \`npx steam-game-mcp --http\` 启动 HTTP 服务。
`;

function serveStdio({ config, logger, loadPino }: App): void {
  if (process.stdin.isTTY) process.stderr.write(STDIO_TTY_HINT);
  const run = async () => {
    const { createRuntime } = await lazy.runtime.load();
    const sessions = new SessionStore(1, config.server.sessionIdleTimeoutMs);
    // Nothing scrapes a stdio server: its metrics go nowhere.
    const runtime = createRuntime({
      config,
      logger,
      metrics: noopMetrics,
      sessions,
      limits: new Limits({ logger }),
      version: VERSION,
      sharedTier: new SharedTier({
        config: config.redis,
        logger,
        metrics: noopMetrics,
        load: lazy.redis.load,
      }),
    });
    logger.info(
      { transport: 'stdio', platform: config.platform.name, version: VERSION },
      'serving MCP over stdio',
    );
    schedulePreloads('runtime', { logger: () => void loadPino() });
    await runtime.serveStdio();
    await runtime.drain(config.server.shutdownGraceMs);
  };
  run().then(
    () => loadPino().finally(() => process.exit(0)),
    (error: unknown) => {
      logger.fatal({ err: error }, 'stdio server failed');
      void loadPino().finally(() => process.exit(1));
    },
  );
}

function onShutdown(logger: Logger, loadPino: () => Promise<void>, shutdown: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const exit = (code: number) => void loadPino().finally(() => process.exit(code));
    shutdown().then(
      () => exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}

main();
