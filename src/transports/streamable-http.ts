import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../observability/logger.js';
import type { SseLimits } from './legacy-sse.js';
import { JSONRPC, sendJsonRpcError } from './json-rpc-errors.js';
import type { SessionStore } from './sessions.js';
import type { ClientIdentity } from './client-budgets.js';
import { StatelessServers } from './stateless-mcp.js';

export interface StreamableOptions {
  sessions: SessionStore;
  newServer: (sessionKey: string, client: string) => Server;
  stateless: boolean;
  logger: Logger;
  /** When a stateless POST's answer stream is closed for a client that does not read it. */
  sseLimits?: SseLimits;
}

/** The /mcp endpoint: Streamable HTTP, stateful (Mcp-Session-Id) unless configured stateless. */
export class StreamableHttpHandler {
  /** Stateless mode: the MCP servers kept between requests (see stateless-mcp.ts). */
  private readonly statelessServers: StatelessServers;

  constructor(private readonly options: StreamableOptions) {
    this.statelessServers = new StatelessServers(options.newServer, options.sseLimits);
  }

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    client: ClientIdentity,
  ): Promise<void> {
    if (this.options.stateless) return this.handleStateless(req, res, body, client);
    const sessionId = header(req, 'mcp-session-id');
    if (sessionId) {
      // Presented with other credentials than those that opened it, a session is unknown.
      const session = this.options.sessions.get(sessionId, 'streamable', client.owner) as
        StreamableSession | undefined;
      if (!session) {
        return sendJsonRpcError(
          res,
          404,
          JSONRPC.sessionNotFound,
          'Session not found; initialize a new session.',
        );
      }
      return session.transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST' || !isInitializeRequest(body)) {
      return sendJsonRpcError(
        res,
        400,
        JSONRPC.invalidRequest,
        'Bad Request: no Mcp-Session-Id header; send an initialize request first.',
      );
    }
    if (this.options.sessions.full) {
      return sendJsonRpcError(res, 503, JSONRPC.serverBusy, 'Too many sessions; retry shortly.', {
        'Retry-After': '5',
      });
    }
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        const session: StreamableSession = {
          id,
          kind: 'streamable',
          lastActivity: Date.now(),
          client: client.key,
          owner: client.owner,
          transport,
          close: () => void transport.close(),
        };
        this.options.sessions.add(session);
      },
    });
    const server = this.options.newServer('streamable', client.key);
    transport.onclose = () => {
      if (transport.sessionId) this.options.sessions.remove(transport.sessionId);
      void server.close();
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  private async handleStateless(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    client: ClientIdentity,
  ): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    const messages: unknown[] = Array.isArray(body) ? body : [body];
    if (!messages.some(isInitializeRequest)) {
      return this.statelessServers.handle(req, res, body, client.key);
    }
    // What a client declares in initialize (e.g. the UI extension) shapes its server's answers:
    // that request gets a server of its own.
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const server = this.options.newServer('stateless', client.key);
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }
}

interface StreamableSession {
  id: string;
  kind: 'streamable';
  lastActivity: number;
  client: string;
  owner: string;
  transport: StreamableHTTPServerTransport;
  close(): void;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
