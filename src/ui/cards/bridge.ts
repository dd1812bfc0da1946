/**
 * The view's side of the MCP Apps host bridge (SEP-1865): JSON-RPC 2.0 over postMessage with
 * the parent window. Hand-written because the SDK's App class brings the MCP SDK and zod, which
 * would be most of the cards' size budget.
 */

type Params = Record<string, unknown>;
type Handler = (params: Params) => void;

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: Params;
  result?: unknown;
  error?: { code: number; message: string };
}

const PROTOCOL_VERSION = '2026-01-26';
const REQUEST_TIMEOUT_MS = 60_000;

export class HostBridge {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly handlers = new Map<string, Handler>();
  private readonly host: Window;

  constructor(host: Window = window.parent) {
    this.host = host;
    window.addEventListener('message', (event) => {
      if (event.source !== this.host) return;
      this.receive(event.data as Message);
    });
  }

  /** Handles a host notification (`ui/notifications/tool-result`, …). */
  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  request<T = unknown>(method: string, params: Params = {}): Promise<T> {
    const id = this.nextId++;
    this.post({ jsonrpc: '2.0', id, method, params });
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer from the host`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value as T)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
    });
  }

  notify(method: string, params: Params = {}): void {
    this.post({ jsonrpc: '2.0', method, params });
  }

  /** The handshake: `ui/initialize`, then `ui/notifications/initialized`; returns the host context. */
  async connect(appInfo: { name: string; version: string }): Promise<Params> {
    const result = await this.request<{ hostContext?: Params; hostCapabilities?: Params }>('ui/initialize', {
      appInfo,
      appCapabilities: {},
      protocolVersion: PROTOCOL_VERSION,
    });
    this.notify('ui/notifications/initialized');
    return { ...result.hostContext, hostCapabilities: result.hostCapabilities ?? {} };
  }

  private receive(message: Message): void {
    if (!message || message.jsonrpc !== '2.0') return;
    if (message.method === undefined) {
      const waiter = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
      if (!waiter) return;
      this.pending.delete(message.id as number);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      // Host requests: teardown and ping need only an acknowledgement.
      const known = message.method === 'ui/resource-teardown' || message.method === 'ping';
      this.post(
        known
          ? { jsonrpc: '2.0', id: message.id, result: {} }
          : { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } },
      );
      return;
    }
    this.handlers.get(message.method)?.(message.params ?? {});
  }

  private post(message: Message): void {
    this.host.postMessage(message, '*');
  }
}
