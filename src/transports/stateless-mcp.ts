import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { SseHeartbeat, type SseLimits } from './legacy-sse.js';
import { admitPost, PostStream } from './stateless-post.js';

/** Clients whose MCP server is kept for their next stateless request; the least recent goes first. */
const KEPT_CLIENTS = 256;

/** Keep-alive comments on a POST's answer stream while calls run (the SDK transport's interval). */
const KEEP_ALIVE_MS = 15_000;

/**
 * Stateless Streamable HTTP (MCP_STATELESS=1) without building an MCP server per request.
 *
 * The SDK Server still does all JSON-RPC protocol handling; what is ours is the HTTP framing
 * (stateless-post.ts), written straight to the Node response as with legacy SSE, which keeps the
 * SDK transport's rules for a stateless POST. The SDK Server is kept, one per client (tool-call
 * budgets are per client, bound when the server is made), connected once to a
 * {@link RequestRouter}. Building a server per request, and the SDK's web-standard transport per
 * request (Request, Response, ReadableStream, re-encoding), cost as much server CPU as the call.
 *
 * Initialize requests still get a server of their own (see StreamableHttpHandler): what a client
 * declares there must not reach other requests.
 */
export class StatelessServers {
  private readonly routers = new Map<string, RequestRouter>();
  private readonly heartbeat = new SseHeartbeat(KEEP_ALIVE_MS);

  constructor(
    private readonly newServer: (sessionKey: string, client: string) => Server,
    /** When a POST's answer stream is closed for a client that does not read it. */
    private readonly limits?: SseLimits,
  ) {}

  /** Answers one POST (already read, parsed and admitted). */
  async handle(req: IncomingMessage, res: ServerResponse, body: unknown, client: string): Promise<void> {
    const messages = admitPost(req, res, body);
    if (!messages) return;
    // Only notifications and responses: a stateless server asks clients nothing, and a
    // cancellation naming an id from another request has nothing to cancel.
    if (!messages.some((m) => 'method' in m && 'id' in m)) {
      res.writeHead(202).end();
      return;
    }
    const router = await this.router(client);
    const stream = new PostStream(res, this.heartbeat, this.limits);
    router.serve(stream, messages, { requestInfo: { headers: req.headers } });
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
 * The one transport a kept server is connected to. Each request of a POST gets an id unique in
 * this router on the way in (two requests may both be id 1), and its answer and progress go back
 * to that POST's stream under the client's own id; the stream ends once all are answered.
 * A client that hangs up cancels its own calls.
 */
class RequestRouter implements Transport {
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  private lastId = 0;
  private readonly routes = new Map<number, Route>();

  async start(): Promise<void> {}

  async close(): Promise<void> {}

  serve(stream: PostStream, messages: JSONRPCMessage[], extra: MessageExtraInfo): void {
    const open = new Set<number>();
    const requests: JSONRPCMessage[] = [];
    for (const message of messages) {
      if (!('method' in message) || !('id' in message)) continue;
      const id = ++this.lastId;
      this.routes.set(id, { stream, clientId: message.id, open });
      open.add(id);
      requests.push({ ...message, id });
    }
    stream.onclose = () => {
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
    for (const request of requests) this.onmessage?.(request, extra);
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const answer = 'id' in message && ('result' in message || 'error' in message);
    const id = answer ? message.id : options?.relatedRequestId;
    const route = typeof id === 'number' ? this.routes.get(id) : undefined;
    // Nothing to carry it: the client is gone, or the message belongs to no request.
    if (!route) return;
    if (!answer) return route.stream.send(message);
    this.routes.delete(id as number);
    route.open.delete(id as number);
    route.stream.send({ ...message, id: route.clientId } as JSONRPCMessage);
    if (route.open.size === 0) route.stream.end();
  }
}

interface Route {
  stream: PostStream;
  clientId: RequestId;
  /** The ids of the requests on that stream still waiting for an answer. */
  open: Set<number>;
}
