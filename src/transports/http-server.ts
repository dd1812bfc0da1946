import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { ServerConfig } from '../config/load.js';
import type { Limits } from '../limits/limits.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { McpBackend } from './backend.js';
import { answerThenLinger, BodyTimeoutError, BodyTooLargeError, readBody } from './body.js';
import { checkAccess, corsHeaders, shortHash } from './access.js';
import { ClientBudgets, identify, type ClientIdentity, type Refusal } from './client-budgets.js';
import { JSONRPC, sendJson, sendJsonRpcError } from './json-rpc-errors.js';
import { LegacySseTransport, SseHeartbeat } from './legacy-sse.js';
import { isOpenRoute, parseRequestTarget } from './request-target.js';
import type { SessionStore } from './sessions.js';

export interface HttpAppOptions {
  config: ServerConfig;
  logger: Logger;
  metrics: Metrics;
  sessions: SessionStore;
  /** Per-client budgets, shared by the cluster once Redis is attached. */
  limits: Limits;
  version: string;
  startedAt: number;
  backend: McpBackend;
  /** The shared Redis: up, down (local fallback) or disabled (no REDIS_URL). */
  redisState: () => string;
}

interface SseSession {
  id: string;
  kind: 'sse';
  lastActivity: number;
  client: string;
  owner: string;
  /** Set by the first initialize; a session that never sends one expires (SESSION_INIT_TIMEOUT_MS). */
  initialized: boolean;
  /** Closes the session if no initialize arrives in time; cleared by the first one. */
  initTimer?: NodeJS.Timeout;
  transport: LegacySseTransport;
  /** Resolves once the MCP server is connected to the stream. */
  ready: Promise<void>;
  close(reason: string): void;
}

const ENDPOINTS = {
  sse: '/sse',
  messages: '/messages',
  mcp: '/mcp',
  health: '/healthz',
  metrics: '/metrics',
};

/**
 * Builds (does not listen) the HTTP server for /sse, /messages, /mcp, /healthz, / and /metrics.
 * Only node:http is needed here: the MCP side is behind `backend`, so the server accepts
 * connections and writes the first SSE frame as soon as Node is up.
 */
export function createHttpServer(options: HttpAppOptions): HttpServer {
  const { config, logger, metrics, sessions, backend } = options;
  const heartbeat = new SseHeartbeat(config.heartbeatMs);
  const budgets = new ClientBudgets(config, sessions, options.limits);
  const sseLimits = {
    maxBufferBytes: config.edge.sseMaxBufferBytes,
    stallTimeoutMs: config.edge.sseStallTimeoutMs,
  };

  const routes: Record<
    string,
    (req: IncomingMessage, res: ServerResponse, url: URL, client: ClientIdentity) => Promise<void> | void
  > = {
    'GET /': (_req, res) =>
      sendJson(res, 200, {
        name: 'steam-game-mcp',
        version: options.version,
        description:
          'Steam game search and LLM-ranked recommendations over MCP. Steam 游戏搜索与推荐 MCP 服务。',
        endpoints: ENDPOINTS,
        transports: ['sse', 'streamable-http', 'stdio'],
      }),
    'GET /healthz': (_req, res) =>
      sendJson(res, 200, {
        status: 'ok',
        version: options.version,
        uptime_s: Math.round((Date.now() - options.startedAt) / 1000),
        sessions: { sse: sessions.count('sse'), streamable: sessions.count('streamable') },
        redis: options.redisState(),
        limits: options.limits.mode,
      }),
    'GET /metrics': async (_req, res) => {
      const { contentType, body } = await backend.metricsText();
      res.writeHead(200, { 'Content-Type': contentType }).end(body);
    },
    'GET /sse': (_req, res, _url, client) => openSse(res, client),
    'POST /messages': (req, res, url, client) => postMessage(req, res, url, client),
    'POST /mcp': (req, res, _url, client) => streamable(req, res, true, client),
    'GET /mcp': (req, res, _url, client) => streamable(req, res, false, client),
    'DELETE /mcp': (req, res, _url, client) => streamable(req, res, false, client),
  };

  function refuse(res: ServerResponse, refusal: Refusal): void {
    sendJsonRpcError(res, refusal.status, refusal.code, refusal.message, refusal.headers);
  }

  async function openSse(res: ServerResponse, client: ClientIdentity): Promise<void> {
    const refusal = await budgets.admitSessionOpen(client, true);
    if (refusal) return refuse(res, refusal);
    if (sessions.full) {
      return sendJsonRpcError(res, 503, JSONRPC.serverBusy, 'Too many sessions; retry shortly.', {
        'Retry-After': '5',
      });
    }
    const id = randomUUID();
    // The id is a bearer capability: logs carry its hash.
    const tag = shortHash(id);
    const transport = new LegacySseTransport(id, res, heartbeat, sseLimits, (reason, buffered) =>
      logger.warn(
        { session: tag, client: client.address, reason, buffered },
        'sse client not reading; closed',
      ),
    );
    const session: SseSession = {
      id,
      kind: 'sse',
      lastActivity: Date.now(),
      client: client.key,
      owner: client.owner,
      initialized: false,
      transport,
      ready: Promise.resolve(),
      close: () => void transport.close(),
    };
    session.initTimer = setTimeout(() => {
      if (session.initialized) return;
      logger.info({ session: tag, client: client.address }, 'sse session never initialized; closed');
      void transport.close();
    }, config.edge.sessionInitTimeoutMs);
    session.initTimer.unref();
    transport.onclose = () => {
      clearTimeout(session.initTimer);
      sessions.remove(id);
    };
    sessions.add(session);
    // The frame is out first: whatever the backend loads never delays the frame FC waits for.
    session.ready = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => backend.newServer(tag, client.key))
      .then(async (server) => {
        // connect() chains the onclose set above, so a closed stream also ends the session.
        if (!transport.isClosed) await server.connect(transport);
      });
    session.ready.catch((error: unknown) => {
      logger.error({ err: error, session: tag }, 'could not start MCP session');
      void transport.close();
    });
    logger.debug({ session: tag, client: client.address }, 'sse session opened');
  }

  async function postMessage(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    client: ClientIdentity,
  ): Promise<void> {
    const id = url.searchParams.get('sessionId');
    if (!id) return sendJsonRpcError(res, 400, JSONRPC.invalidRequest, 'Missing sessionId query parameter.');
    // Presented with other credentials, a session id is answered as unknown.
    const session = sessions.get(id, 'sse', client.owner) as SseSession | undefined;
    if (!session) {
      return sendJsonRpcError(
        res,
        404,
        JSONRPC.sessionNotFound,
        'Session not found; open a new one with GET /sse.',
      );
    }
    const body = await readJson(req, res);
    if (body === undefined) return;
    const batch = Array.isArray(body) ? body : [body];
    const refusal = await budgets.admitMessages(client, batch.length);
    if (refusal) return refuse(res, refusal);
    const messages = batch.length === 0 ? undefined : await backend.parseMessages(batch);
    if (!messages) {
      return sendJsonRpcError(
        res,
        400,
        JSONRPC.invalidRequest,
        'Invalid Request: not a JSON-RPC 2.0 message.',
      );
    }
    await session.ready;
    if (session.transport.isClosed) {
      return sendJsonRpcError(
        res,
        404,
        JSONRPC.sessionNotFound,
        'Session closed; open a new one with GET /sse.',
      );
    }
    if (!session.initialized && messages.some((m) => 'method' in m && m.method === 'initialize')) {
      session.initialized = true;
      // Its work is done: an idle session should not hold a timer (and its closure) for it.
      clearTimeout(session.initTimer);
      session.initTimer = undefined;
    }
    res.writeHead(202, { 'Content-Type': 'text/plain' }).end('Accepted');
    const requestInfo = { headers: req.headers };
    for (const message of messages) session.transport.receive(message, { requestInfo });
  }

  async function streamable(
    req: IncomingMessage,
    res: ServerResponse,
    hasBody: boolean,
    client: ClientIdentity,
  ): Promise<void> {
    const body = hasBody ? await readJson(req, res) : undefined;
    if (hasBody && body === undefined) return;
    const batch: unknown[] = Array.isArray(body) ? body : [body];
    const refusal =
      (await budgets.admitMessages(client, batch.length)) ??
      (!req.headers['mcp-session-id'] && batch.some(isInitialize)
        ? await budgets.admitSessionOpen(client, !config.stateless)
        : undefined);
    if (refusal) return refuse(res, refusal);
    await backend.handleStreamable(req, res, body, client);
  }

  /** Parses a JSON body, answering 413/400 itself; undefined means "already answered". */
  async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    let text: string;
    try {
      text = await readBody(req, config.maxBodyBytes, config.edge.bodyTimeoutMs);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        answerThenLinger(
          req,
          res,
          413,
          jsonRpcError(JSONRPC.invalidRequest, `Request body too large (limit ${error.limit} bytes).`),
        );
        return undefined;
      }
      if (error instanceof BodyTimeoutError) {
        sendJsonRpcError(
          res,
          408,
          JSONRPC.invalidRequest,
          `Request body not received within ${error.timeoutMs} ms.`,
          { Connection: 'close' },
        );
        return undefined;
      }
      if (req.destroyed) {
        // The client hung up mid-body: there is no one to answer, and it is not a server fault.
        logger.debug({ err: error }, 'request body aborted by the client');
        return undefined;
      }
      throw error;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      sendJsonRpcError(res, 400, JSONRPC.parseError, 'Parse error: the body is not valid JSON.');
      return undefined;
    }
  }

  const server = createServer((req, res) => {
    const target = parseRequestTarget(req);
    const route = target && `${req.method} ${target.path}`;
    const handler = route ? routes[route] : undefined;
    // Labelled by route (a fixed set), never the raw path: /healthz//// adds no series. Only the
    // label is captured: an SSE response lives as long as its session and must not pin the URL.
    const label = handler ? target!.path : 'unmatched';
    res.on('finish', () => metrics.httpRequest(label, req.method ?? '', res.statusCode));
    if (!target) {
      return sendJson(res, 400, { error: 'Bad request target. 请求路径无效。' }, { Connection: 'close' });
    }
    const cors = corsHeaders(req, config);
    for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
    if (req.method === 'OPTIONS') {
      res.writeHead(Object.keys(cors).length ? 204 : 405).end();
      return;
    }
    // Default-deny: everything off the open list passes the token and Host/Origin checks.
    if (!isOpenRoute(req.method, target.path)) {
      const metricsToken =
        target.path === ENDPOINTS.metrics && config.edge.metricsToken
          ? { value: config.edge.metricsToken, name: 'METRICS_TOKEN' }
          : undefined;
      const denied = checkAccess(req, config, metricsToken);
      if (denied) return refuse(res, denied);
    }
    if (!handler) {
      const methodless = ` ${target.path}`;
      const known = Object.keys(routes).some((r) => r.endsWith(methodless));
      return known
        ? sendJson(res, 405, { error: `Method ${req.method} not allowed on ${target.path}` })
        : sendJson(res, 404, { error: `Not found: ${target.path}`, endpoints: ENDPOINTS });
    }
    Promise.resolve(handler(req, res, target.url, identify(req, config))).catch((error: unknown) => {
      logger.error({ err: error, route }, 'request failed');
      if (!res.headersSent) sendJsonRpcError(res, 500, -32603, 'Internal error.');
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // SSE streams stay open: bodies are bounded in time by readBody (BODY_TIMEOUT_MS) instead,
  // idle sessions are closed by the store.
  server.requestTimeout = 0;
  return server;
}

function isInitialize(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { method?: unknown }).method === 'initialize'
  );
}

function jsonRpcError(code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
}
