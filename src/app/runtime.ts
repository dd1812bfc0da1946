import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Config } from '../config/load.js';
import { TtlCache } from '../http/ttl-cache.js';
import type { FetchLike } from '../http/upstream.js';
import type { Limits } from '../limits/limits.js';
import { shareLimits } from '../redis/limit-store.js';
import { perMinute } from '../limits/token-bucket.js';
import type { Logger } from '../observability/logger.js';
import type { SharedTier } from '../redis/shared-tier.js';
import { createMcpServer } from '../server/create-server.js';
import { ToolRegistry } from '../server/tool-registry.js';
import type { SessionStore } from '../transports/sessions.js';
import { serveStdio } from '../transports/stdio.js';
import type { StreamableHttpHandler } from '../transports/streamable-http.js';
import type { Metrics } from '../observability/metrics.js';
import { lazy, once } from './lazy.js';
import { toolListing } from './tools-list.js';

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  sessions: SessionStore;
  /** Tool-call, lookup and Steam budgets (shared by the cluster once Redis is attached). */
  limits: Limits;
  version: string;
  fetch?: FetchLike;
  /** Redis shared by instances (REDIS_URL); absent or disabled = this instance alone. */
  sharedTier?: SharedTier;
}

/** The MCP side (the SDK, the tool registry), loaded after the server listens (lazy.runtime). */
export interface Runtime {
  /** A new MCP server for one session; `client` keys the per-client rate limit. */
  newServer(sessionKey: string, client: string): Server;
  /** The values as JSON-RPC messages, or undefined when any one is not valid. */
  parseMessages(values: readonly unknown[]): JSONRPCMessage[] | undefined;
  /** The /mcp handler, loaded on first use (lazy.streamable). */
  streamable(): Promise<StreamableHttpHandler>;
  /** Serves one session over stdin/stdout until the client closes it. */
  serveStdio(): Promise<void>;
  /** Stops taking tool calls and waits (bounded) for running ones; true if all finished. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const { config, logger, metrics, sessions } = options;
  // With REDIS_URL the connection opens now, so the first tool call finds it ready, and the
  // budgets are counted for the whole cluster from then on.
  void options.sharedTier
    ?.connection()
    .then((connection) => connection && shareLimits(options.limits, connection))
    .catch((error: unknown) => logger.error({ err: error }, 'Redis client failed to load'));
  // The tools, the Steam client, catalog and recommender (lazy.services): initialize and
  // tools/list never need them.
  const loadTools = once(async () => {
    const { allTools, createServices } = await lazy.services.load();
    // A load holds its Redis lock about one Steam request long; then another instance may try.
    const sharedCache = await options.sharedTier?.answerCache(config.steam.timeoutMs + 1_000);
    const { limits, fetch } = options;
    const deps = createServices({ config, logger, metrics, fetch, sharedCache, limits });
    return { tools: allTools, deps };
  });
  // Finished list results are reused briefly; Steam data itself stays cached for CACHE_TTL_MS.
  const registry = new ToolRegistry(
    toolListing,
    loadTools,
    metrics,
    new TtlCache({ maxEntries: 500, ttlMs: Math.min(60_000, config.steam.cacheTtlMs) }),
    config.tools.deadlineMs,
  );
  const toolCalls = options.limits.budget('tool_calls', perMinute(config.server.rateLimitPerMinute));
  const admitCall = async (client: string) => {
    const verdict = await toolCalls.take(client);
    if (verdict.ok) return undefined;
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    return (
      `Rate limit: at most ${config.server.rateLimitPerMinute} tool calls per minute per client; retry in ${seconds} s. ` +
      `调用过于频繁，请 ${seconds} 秒后重试。`
    );
  };
  const prompts = once(async () =>
    (await lazy.prompts.load()).loadedPrompts({
      config,
      logger,
      loadCatalog: async () => (await loadTools()).deps.catalog,
    }),
  );
  // Typing a game name looks it up as it goes: its own budget per client, apart from tool calls.
  const lookups = options.limits.budget('lookups', perMinute(config.server.rateLimitPerMinute));
  const admitLookup = async (client: string) => (await lookups.take(client)).ok;
  const serverDeps = { registry, logger, version: options.version, admitCall, prompts, admitLookup };
  const newServer = (sessionKey: string, client: string) => createMcpServer(serverDeps, sessionKey, client);
  return {
    newServer,
    parseMessages(values) {
      const messages: JSONRPCMessage[] = [];
      for (const value of values) {
        const parsed = JSONRPCMessageSchema.safeParse(value);
        if (!parsed.success) return undefined;
        messages.push(parsed.data);
      }
      return messages;
    },
    streamable: once(async () => {
      const { StreamableHttpHandler } = await lazy.streamable.load();
      return new StreamableHttpHandler({
        sessions,
        newServer,
        stateless: config.server.stateless,
        logger,
        sseLimits: {
          maxBufferBytes: config.server.edge.sseMaxBufferBytes,
          stallTimeoutMs: config.server.edge.sseStallTimeoutMs,
        },
      });
    }),
    drain: (timeoutMs) => registry.drain(timeoutMs),
    serveStdio: () => serveStdio(newServer('stdio', 'stdio')),
  };
}
