import type { ServerResponse } from 'node:http';

/** JSON-RPC error codes used on the HTTP edges. */
export const JSONRPC = {
  parseError: -32700,
  invalidRequest: -32600,
  sessionNotFound: -32001,
  serverBusy: -32002,
  unauthorized: -32003,
} as const;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendJsonRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
  id: string | number | null = null,
) {
  sendJson(res, status, { jsonrpc: '2.0', error: { code, message }, id }, headers);
}
