import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo, RequestId } from '@modelcontextprotocol/sdk/types.js';

/** Clients whose MCP server is kept for their next stateless request; the least recent goes first. */
const KEPT_CLIENTS = 256;

/**
 * Stateless Streamable HTTP (MCP_STATELESS=1) without building an MCP server per request.
 *
 * Every POST still goes through the SDK's web-standard transport, a fresh one per request as the
 * SDK requires in stateless mode: it checks Accept, Content-Type and the protocol version,
 * validates the JSON-RPC messages and streams the answer. What is kept is the SDK Server behind
 * it, one per client (tool-call budgets are per client, bound when the server is made), connected
 * once to a {@link RequestRouter}. Building a server, connecting it and closing it again per
 * request cost as much server CPU as the tool call itself.
 *
 * Initialize requests still get a server of their own (see StreamableHttpHandler): what a client
 * declares there must not reach other requests.
 */
export class StatelessServers {
  private readonly routers = new Map<string, RequestRouter>();

  constructor(private readonly newServer: (sessionKey: string, client: string) => Server) {}

  /** Answers one POST (already read, parsed and admitted) on the SDK's transport. */
  async handle(req: IncomingMessage, res: ServerResponse, body: unknown, client: string): Promise<void> {
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    (await this.router(client)).serve(transport);
    // Ends the answer stream; calls still running for a client that hung up are cancelled.
    res.on('close', () => void transport.close());
    const response = await transport.handleRequest(webRequest(req), { parsedBody: body });
    await writeResponse(response, res);
  }

  private async router(client: string): Promise<RequestRouter> {
    let router = this.routers.get(client);
    if (router) {
      this.routers.delete(client);
    } else {
      router = new RequestRouter();
      // Not closed when dropped: a server holds no timers, and calls in flight still finish.
      await this.newServer('stateless', client).connect(router);
      if (this.routers.size >= KEPT_CLIENTS) this.routers.delete(this.routers.keys().next().value!);
    }
    this.routers.set(client, router);
    return router;
  }
}

/**
 * The one transport a kept server is connected to. Each request from a per-request SDK transport
 * gets an id unique in this router on the way in (two requests may both be id 1), and its answer
 * and progress go back to that transport under the client's own id.
 *
 * Notifications and responses from clients are not passed on: a stateless server asks clients
 * nothing, and a cancellation naming an id from another request has nothing to cancel (as with a
 * server per request). A client that hangs up cancels its own calls instead.
 */
class RequestRouter implements Transport {
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  private lastId = 0;
  private readonly routes = new Map<number, Route>();

  async start(): Promise<void> {}

  async close(): Promise<void> {}

  serve(transport: WebStandardStreamableHTTPServerTransport): void {
    const open = new Set<number>();
    transport.onmessage = (message, extra) => {
      if (!('method' in message) || !('id' in message)) return;
      const id = ++this.lastId;
      this.routes.set(id, { transport, clientId: message.id, open });
      open.add(id);
      this.onmessage?.({ ...message, id }, extra);
    };
    transport.onclose = () => {
      for (const id of open) {
        this.routes.delete(id);
        this.onmessage?.({
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId: id, reason: 'client disconnected' },
        });
      }
      open.clear();
    };
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const answer = 'id' in message && ('result' in message || 'error' in message);
    const id = answer ? message.id : options?.relatedRequestId;
    const route = typeof id === 'number' ? this.routes.get(id) : undefined;
    // Nothing to carry it: the client is gone, or the message belongs to no request.
    if (!route) return;
    if (!answer) return route.transport.send(message, { ...options, relatedRequestId: route.clientId });
    this.routes.delete(id as number);
    route.open.delete(id as number);
    return route.transport.send({ ...message, id: route.clientId } as JSONRPCMessage);
  }
}

interface Route {
  transport: WebStandardStreamableHTTPServerTransport;
  clientId: RequestId;
  /** The ids of the requests on that transport still waiting for an answer. */
  open: Set<number>;
}

/** The request as the web-standard transport reads it: the body is passed already parsed. */
function webRequest(req: IncomingMessage): Request {
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method,
    headers: req.headers as Record<string, string>,
  });
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  if (!response.body) {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (!headers['content-type']?.startsWith('text/event-stream')) {
    const bytes = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...headers, 'content-length': String(bytes.length) }).end(bytes);
    return;
  }
  res.writeHead(response.status, headers);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done || res.destroyed) break;
    res.write(value);
  }
  res.end();
}
