import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { ServerConfig } from '../config/load.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Runtime } from '../runtime.js';
import { BodyTooLargeError, readBody } from './body.js';
import { checkAccess, corsHeaders } from './access.js';
import { JSONRPC, sendJson, sendJsonRpcError } from './json-rpc-errors.js';
import { LegacySseTransport, SseHeartbeat } from './legacy-sse.js';
import type { SessionStore } from './sessions.js';
import { clientAddress } from './client-address.js';

export interface HttpAppOptions {
  config: ServerConfig;
  logger: Logger;
  metrics: Metrics;
  sessions: SessionStore;
  version: string;
  startedAt: number;
  /** Loads the MCP runtime (SDK, tools, Steam). Memoized by the caller. */
  loadRuntime: () => Promise<Runtime>;
}

interface SseSession {
  id: string;
  kind: 'sse';
  lastActivity: number;
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
 * Only node:http is needed here: the SDK loads lazily so the server accepts connections and
 * writes the first SSE frame as soon as Node is up.
 */
export function createHttpServer(options: HttpAppOptions): HttpServer {
  const { config, logger, metrics, sessions } = options;
  const heartbeat = new SseHeartbeat(config.heartbeatMs);

  const routes: Record<
    string,
    (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void
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
      }),
    'GET /metrics': async (_req, res) => {
      const { contentType, body } = await (await options.loadRuntime()).renderMetrics();
      res.writeHead(200, { 'Content-Type': contentType }).end(body);
    },
    'GET /sse': (req, res) => openSse(req, res),
    'POST /messages': (req, res, url) => postMessage(req, res, url),
    'POST /mcp': (req, res) => streamable(req, res, true),
    'GET /mcp': (req, res) => streamable(req, res, false),
    'DELETE /mcp': (req, res) => streamable(req, res, false),
  };

  function openSse(req: IncomingMessage, res: ServerResponse): void {
    if (sessions.full) {
      return sendJsonRpcError(res, 503, JSONRPC.serverBusy, 'Too many sessions; retry shortly.', {
        'Retry-After': '5',
      });
    }
    const id = randomUUID();
    const client = clientAddress(req);
    const transport = new LegacySseTransport(id, res, heartbeat);
    const session: SseSession = {
      id,
      kind: 'sse',
      lastActivity: Date.now(),
      transport,
      ready: Promise.resolve(),
      close: () => void transport.close(),
    };
    transport.onclose = () => sessions.remove(id);
    sessions.add(session);
    // The frame is out: only now load the SDK, so loading never delays the frame FC waits for.
    session.ready = new Promise<void>((resolve) => setImmediate(resolve))
      .then(options.loadRuntime)
      .then(async (runtime) => {
        // connect() chains the onclose set above, so a closed stream also ends the session.
        if (!transport.isClosed) await runtime.newServer(id, client).connect(transport);
      });
    session.ready.catch((error: unknown) => {
      logger.error({ err: error, session: id }, 'could not start MCP session');
      void transport.close();
    });
    logger.debug({ session: id, client }, 'sse session opened');
  }

  async function postMessage(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const id = url.searchParams.get('sessionId');
    if (!id) return sendJsonRpcError(res, 400, JSONRPC.invalidRequest, 'Missing sessionId query parameter.');
    const session = sessions.get(id, 'sse') as SseSession | undefined;
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
    const runtime = await options.loadRuntime();
    const batch = Array.isArray(body) ? body : [body];
    const messages = batch.map((m) => runtime.parseMessage(m));
    if (batch.length === 0 || messages.some((m) => m === undefined)) {
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
    res.writeHead(202, { 'Content-Type': 'text/plain' }).end('Accepted');
    const requestInfo = { headers: req.headers };
    for (const message of messages) if (message) session.transport.receive(message, { requestInfo });
  }

  async function streamable(req: IncomingMessage, res: ServerResponse, hasBody: boolean): Promise<void> {
    const body = hasBody ? await readJson(req, res) : undefined;
    if (hasBody && body === undefined) return;
    await (await (await options.loadRuntime()).streamable()).handle(req, res, body);
  }

  /** Parses a JSON body, answering 413/400 itself; undefined means "already answered". */
  async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    let text: string;
    try {
      text = await readBody(req, config.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendJsonRpcError(
          res,
          413,
          JSONRPC.invalidRequest,
          `Request body too large (limit ${error.limit} bytes).`,
          {
            Connection: 'close',
          },
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
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname.replace(/\/+$/, '') || '/'}`;
    const handler = routes[route];
    res.on('finish', () =>
      metrics.httpRequest(handler ? url.pathname : 'unmatched', req.method ?? '', res.statusCode),
    );
    const cors = corsHeaders(req, config);
    for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
    if (req.method === 'OPTIONS') {
      res.writeHead(Object.keys(cors).length ? 204 : 405).end();
      return;
    }
    const isMcp =
      url.pathname.startsWith('/sse') || url.pathname.startsWith('/messages') || url.pathname === '/mcp';
    const denied = isMcp ? checkAccess(req, config) : undefined;
    if (denied) return sendJsonRpcError(res, denied.status, denied.code, denied.message, denied.headers);
    if (!handler) {
      const known = Object.keys(routes).some((r) => r.endsWith(` ${url.pathname}`));
      return known
        ? sendJson(res, 405, { error: `Method ${req.method} not allowed on ${url.pathname}` })
        : sendJson(res, 404, { error: `Not found: ${url.pathname}`, endpoints: ENDPOINTS });
    }
    Promise.resolve(handler(req, res, url)).catch((error: unknown) => {
      logger.error({ err: error, route }, 'request failed');
      if (!res.headersSent) sendJsonRpcError(res, 500, -32603, 'Internal error.');
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0; // SSE streams stay open; idle sessions are closed by the store.
  return server;
}
