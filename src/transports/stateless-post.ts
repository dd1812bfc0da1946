import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_BATCH_SIZE } from '@modelcontextprotocol/sdk/server/requestBody.js';
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import {
  JSONRPCMessageSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
  type JSONRPCMessage,
} from '@modelcontextprotocol/sdk/types.js';
import { JSONRPC, sendJsonRpcError } from './json-rpc-errors.js';
import { frame, SseStream } from './legacy-sse.js';

/** Not a JSON-RPC error the spec names; the code the SDK's transport answers these with. */
const BAD_REQUEST = -32000;

/**
 * The checks the SDK's Streamable HTTP transport makes on a stateless POST, with its statuses and
 * messages: Accept (406), Content-Type (415), batch size and JSON-RPC shape (400), then the
 * MCP-Protocol-Version header (400). Writes the refusal and returns undefined, or the messages.
 */
export function admitPost(
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
): JSONRPCMessage[] | undefined {
  const accept = req.headers.accept;
  if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) {
    const message = 'Not Acceptable: Client must accept both application/json and text/event-stream';
    sendJsonRpcError(res, 406, BAD_REQUEST, message);
    return undefined;
  }
  if (!isJsonContentType(req.headers['content-type'] ?? null)) {
    sendJsonRpcError(res, 415, BAD_REQUEST, 'Unsupported Media Type: Content-Type must be application/json');
    return undefined;
  }
  const values = Array.isArray(body) ? body : [body];
  if (values.length > MAX_BATCH_SIZE) {
    const message = `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`;
    sendJsonRpcError(res, 400, JSONRPC.invalidRequest, message);
    return undefined;
  }
  const messages: JSONRPCMessage[] = [];
  for (const value of values) {
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      sendJsonRpcError(res, 400, JSONRPC.parseError, 'Parse error: Invalid JSON-RPC message');
      return undefined;
    }
    messages.push(parsed.data);
  }
  const version = req.headers['mcp-protocol-version'];
  if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(String(version))) {
    const supported = SUPPORTED_PROTOCOL_VERSIONS.join(', ');
    const message = `Bad Request: Unsupported protocol version: ${String(version)} (supported versions: ${supported})`;
    sendJsonRpcError(res, 400, BAD_REQUEST, message);
    return undefined;
  }
  return messages;
}

/**
 * The SSE answer to one stateless POST, written straight to the Node response: each message as
 * an `event: message` frame, closed by {@link end} once every request in the POST is answered.
 * A client that stops reading has its stream closed at the SSE limits, which cancels its calls
 * like a hang-up.
 */
export class PostStream extends SseStream {
  send(message: JSONRPCMessage): void {
    this.write(frame(message));
  }

  /** Every request is answered. */
  end(): void {
    this.endStream();
  }
}
