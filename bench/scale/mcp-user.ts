/**
 * One simulated user of stateless Streamable HTTP `/mcp`: a lean client over node:http that sends
 * what the SDK's StreamableHTTPClientTransport sends (initialize, notifications/initialized, then
 * tools/call POSTs with the negotiated MCP-Protocol-Version) and reads a JSON or SSE answer.
 *
 * Why not the SDK client: 200 of them in the bench process would spend the shared cores the four
 * server instances need, and the bench measures the servers and the cache, not the client. The
 * protocol itself is covered by the SDK-client e2e and conformance tests.
 */
import http from 'node:http';
import type { ToolCall } from './workload.js';

export type CallOutcome = { ok: true; ms: number } | { ok: false; reason: string };

const PROTOCOL_VERSION = '2025-06-18';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1_000 });

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The JSON-RPC messages of a JSON body or of an SSE stream's `data:` lines. */
function messages(answer: Answer): Array<Record<string, unknown>> {
  if (!answer.contentType.includes('text/event-stream')) {
    const parsed = JSON.parse(answer.body) as unknown;
    return (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>;
  }
  return answer.body
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => JSON.parse(line.slice(5)) as Record<string, unknown>);
}

export class McpUser {
  private readonly endpoint: URL;
  private nextId = 1;
  private readonly headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };

  constructor(
    baseUrl: string,
    private readonly name: string,
    private readonly timeoutMs: number,
  ) {
    this.endpoint = new URL('/mcp', baseUrl);
  }

  async initialize(): Promise<CallOutcome> {
    const outcome = await this.request('initialize', {
      protocolVersion: PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: this.name, version: '1.0.0' },
    });
    if (!outcome.ok) return { ok: false, reason: `initialize: ${outcome.reason}` };
    this.headers['mcp-protocol-version'] = PROTOCOL_VERSION;
    const note = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });
    try {
      const answer = await post(this.endpoint, this.headers, note, this.timeoutMs);
      if (answer.status !== 202) return { ok: false, reason: `initialized: HTTP ${answer.status}` };
    } catch (error) {
      return { ok: false, reason: `initialized: ${(error as Error).message}` };
    }
    return outcome;
  }

  /** A failure is any HTTP error, JSON-RPC error, or a tool result with isError. */
  async callTool(call: ToolCall): Promise<CallOutcome> {
    const outcome = await this.request('tools/call', { name: call.name, arguments: call.arguments });
    return outcome.ok ? outcome : { ok: false, reason: `${call.name}: ${outcome.reason}` };
  }

  /** Loads the server's MCP runtime without touching Steam (a warm-up before the timed run). */
  async listTools(): Promise<CallOutcome> {
    return this.request('tools/list', {});
  }

  private async request(method: string, params: unknown): Promise<CallOutcome> {
    const id = this.nextId++;
    const body = JSON.stringify({ jsonrpc: '2.0', id, method, params });
    const started = performance.now();
    let answer: Answer;
    try {
      answer = await post(this.endpoint, this.headers, body, this.timeoutMs);
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
    const ms = performance.now() - started;
    if (answer.status !== 200) return { ok: false, reason: `HTTP ${answer.status}` };
    let reply: Record<string, unknown> | undefined;
    try {
      reply = messages(answer).find((m) => m.id === id);
    } catch {
      return { ok: false, reason: 'unparseable answer' };
    }
    if (!reply) return { ok: false, reason: 'no answer to the request' };
    if (reply.error) return { ok: false, reason: `JSON-RPC ${(reply.error as { code?: number }).code}` };
    const result = reply.result as { isError?: boolean; content?: Array<{ text?: string }> } | undefined;
    if (result?.isError) return { ok: false, reason: `isError: ${result.content?.[0]?.text?.slice(0, 80)}` };
    return { ok: true, ms };
  }
}
