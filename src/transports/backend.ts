import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { ClientIdentity } from './client-budgets.js';

/**
 * What the HTTP transports ask of the MCP side. The composition root (src/app/server.ts)
 * provides it; how and when the parts behind it load is not the transports' concern, so each
 * method may take a while the first time.
 */
export interface McpBackend {
  /** A new MCP server for one session; `client` keys its per-client limits. */
  newServer(sessionKey: string, client: string): Promise<Server>;
  /** The values as JSON-RPC messages, or undefined when any one is not a valid message. */
  parseMessages(values: readonly unknown[]): Promise<JSONRPCMessage[] | undefined>;
  /** Answers one /mcp request (Streamable HTTP); `body` is the parsed JSON of a POST. */
  handleStreamable(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    client: ClientIdentity,
  ): Promise<void>;
  /** The /metrics page. */
  metricsText(): Promise<{ contentType: string; body: string }>;
}
