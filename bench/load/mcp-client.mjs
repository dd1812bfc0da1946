// A raw stateless Streamable HTTP MCP client (POST /mcp, no Mcp-Session-Id): each request is one POST
// whose answer comes back in the response, as JSON or as one SSE event. No SDK, like sse-client.mjs,
// so the load generator's own cost stays small and the same for both transports.
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { HOST } from './util.mjs';

const REQUEST_TIMEOUT_MS = 30_000;
const PROTOCOL_VERSION = '2025-06-18';

export class StatelessMcpClient {
  /** @param {{port:number, postAgent:http.Agent}} server */
  constructor(server, headers = {}) {
    this.server = server;
    this.headers = headers;
    this.nextId = 1;
    this.messageBytes = 0;
  }

  /** Sends a request and resolves with the answer and the time it arrived. */
  request(method, params) {
    const id = this.nextId++;
    const body = JSON.stringify({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: HOST,
          port: this.server.port,
          method: 'POST',
          path: '/mcp',
          agent: this.server.postAgent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            'mcp-protocol-version': PROTOCOL_VERSION,
            'content-length': Buffer.byteLength(body),
            ...this.headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => {
            const at = performance.now();
            if (res.statusCode !== 200) {
              reject(new Error(`POST /mcp HTTP ${res.statusCode}`));
              return;
            }
            this.messageBytes += text.length;
            try {
              const message = parseAnswer(text, res.headers['content-type'] ?? '', id);
              resolve({ message, at });
            } catch (error) {
              reject(error);
            }
          });
          res.on('error', (error) => reject(new Error(`POST /mcp: ${error.message}`)));
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`no answer to ${method} within ${REQUEST_TIMEOUT_MS} ms`)),
      );
      req.on('error', (error) => reject(new Error(`POST /mcp: ${error.code ?? error.message}`)));
      req.end(body);
    });
  }
}

/** The JSON-RPC answer with `id` from a JSON body or from the SSE events of the response. */
function parseAnswer(text, contentType, id) {
  if (contentType.startsWith('application/json')) return JSON.parse(text);
  for (const frame of text.split('\n\n')) {
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith('data:')) data += (data ? '\n' : '') + line.slice(line[5] === ' ' ? 6 : 5);
    }
    if (!data) continue;
    const message = JSON.parse(data);
    if (message.id === id) return message;
  }
  throw new Error(`POST /mcp: no answer with id ${id} in the response`);
}
