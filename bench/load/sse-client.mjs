// A raw legacy-SSE MCP client session (GET /sse, POST /messages): no SDK, so the load generator
// spends as little CPU per call as it can and sees every frame (heartbeats included).
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { HOST } from './util.mjs';

const REQUEST_TIMEOUT_MS = 30_000;

export class SseSession {
  /** @param {{port:number, ssePath:string, postAgent:http.Agent}} server */
  constructor(server, headers = {}, localAddress = undefined) {
    this.server = server;
    this.headers = headers;
    this.localAddress = localAddress; // another loopback address is another client
    this.endpoint = undefined;
    this.heartbeats = 0;
    this.messageBytes = 0;
    this.openedAt = 0;
    this.failure = undefined;
    this.closing = false;
    this.pending = new Map();
    this.nextId = 1;
    this.buffer = '';
  }

  /** Resolves on the endpoint frame; rejects on connect errors, non-200, timeout, early close. */
  open(timeoutMs = 15_000) {
    return new Promise((resolve, reject) => {
      this.onOpen = resolve;
      this.onOpenFailed = reject;
      this.openTimer = setTimeout(() => this.fail('no endpoint frame in time'), timeoutMs);
      const req = http.get({
        host: HOST,
        port: this.server.port,
        path: this.server.ssePath,
        localAddress: this.localAddress,
        agent: false,
        headers: { accept: 'text/event-stream', ...this.headers },
      });
      this.req = req;
      req.on('response', (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          this.fail(`GET /sse HTTP ${res.statusCode}`);
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk) => this.onData(chunk));
        res.on('close', () =>
          this.fail(this.endpoint ? 'stream closed early' : 'closed before endpoint frame'),
        );
      });
      req.on('error', (error) =>
        this.fail(this.endpoint ? 'stream error' : `connect: ${error.code ?? error.message}`),
      );
    });
  }

  fail(reason) {
    if (this.closing || this.failure) return;
    this.failure = reason;
    clearTimeout(this.openTimer);
    this.req?.destroy();
    if (this.onOpenFailed) this.onOpenFailed(new Error(reason));
    this.onOpen = this.onOpenFailed = undefined;
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }

  onData(chunk) {
    this.buffer += chunk;
    let end;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.onFrame(frame);
    }
  }

  onFrame(frame) {
    if (frame.startsWith(':')) {
      this.heartbeats++;
      return;
    }
    let event = 'message';
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data += (data ? '\n' : '') + line.slice(line[5] === ' ' ? 6 : 5);
    }
    if (event === 'endpoint') {
      if (!/^\/messages\?sessionId=[\w-]+$/.test(data)) return this.fail('malformed endpoint frame');
      this.endpoint = data;
      this.openedAt = performance.now();
      clearTimeout(this.openTimer);
      this.onOpen?.();
      this.onOpen = this.onOpenFailed = undefined;
    } else if (event === 'message') {
      const at = performance.now();
      this.messageBytes += data.length;
      const message = JSON.parse(data);
      const waiter = message.id !== undefined ? this.pending.get(message.id) : undefined;
      if (waiter) {
        this.pending.delete(message.id);
        clearTimeout(waiter.timer);
        waiter.resolve({ message, at });
      }
    }
  }

  post(message) {
    return new Promise((resolve, reject) => {
      const body = JSON.stringify(message);
      const req = http.request(
        {
          host: HOST,
          port: this.server.port,
          method: 'POST',
          path: this.endpoint,
          localAddress: this.localAddress,
          agent: this.server.postAgent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 202 ? resolve() : reject(new Error(`POST /messages HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', (error) => reject(new Error(`POST /messages: ${error.code ?? error.message}`)));
      req.end(body);
    });
  }

  /** Sends a request and resolves with the answer from the stream and the time it arrived. */
  async request(method, params) {
    if (this.failure) throw new Error(this.failure);
    const id = this.nextId++;
    const answer = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
    });
    answer.catch(() => {}); // observed below; avoids an unhandled rejection while the POST runs
    try {
      await this.post({ jsonrpc: '2.0', id, method, params });
    } catch (error) {
      clearTimeout(this.pending.get(id)?.timer);
      this.pending.delete(id);
      throw error;
    }
    return answer;
  }

  async initialize() {
    const { message } = await this.request('initialize', {
      protocolVersion: '2024-11-05',
      capabilities: {},
      clientInfo: { name: 'steam-game-mcp-loadbench', version: '1.0.0' },
    });
    if (!message.result?.protocolVersion) throw new Error('initialize failed');
    await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
  }

  close() {
    this.closing = true;
    clearTimeout(this.openTimer);
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.req?.destroy();
  }
}
