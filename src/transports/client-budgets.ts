import type { IncomingMessage } from 'node:http';
import type { ServerConfig } from '../config/load.js';
import type { Budget, Limits } from '../limits/limits.js';
import { SessionSlots } from '../limits/session-slots.js';
import { perMinute } from '../limits/token-bucket.js';
import { credentialKey } from './access.js';
import { clientAddress } from './client-address.js';
import { JSONRPC } from './json-rpc-errors.js';
import type { SessionStore } from './sessions.js';

/** Who is calling, as far as budgets and session ownership go. */
export interface ClientIdentity {
  /** The address (TRUST_PROXY_HOPS decides whether X-Forwarded-For counts). */
  address: string;
  /** Hash of the presented credentials: a session answers only these. */
  owner: string;
  /** Budget key: the address, or with a token configured the token hash and the address. */
  key: string;
}

export interface Refusal {
  status: number;
  code: number;
  message: string;
  headers: Record<string, string>;
}

/** The SDK's own limit on a JSON-RPC batch. */
export const MAX_BATCH_MESSAGES = 100;

export function identify(req: IncomingMessage, config: ServerConfig): ClientIdentity {
  const address = clientAddress(req, config.edge.trustProxyHops);
  const owner = credentialKey(req);
  return { address, owner, key: config.authToken ? `${owner}@${address}` : address };
}

/**
 * What one client may cost: JSON-RPC messages a minute (every message, not only tool calls),
 * batch length, sessions opened a minute and sessions open at once. The rates are counted
 * for the whole cluster when `limits` shares them (REDIS_URL).
 */
export class ClientBudgets {
  private readonly messages: Budget;
  private readonly opens: Budget;
  private readonly slots: SessionSlots;

  constructor(
    private readonly config: ServerConfig,
    private readonly sessions: SessionStore,
    limits: Limits,
  ) {
    this.messages = limits.budget('messages', perMinute(config.edge.messagesPerMinute));
    this.opens = limits.budget('session_opens', perMinute(config.edge.sessionOpensPerMinute));
    this.slots = new SessionSlots(limits, config.edge.maxSessionsPerClient);
    sessions.watch(this.slots);
  }

  /** A POST carrying `count` JSON-RPC messages (a GET or DELETE on /mcp counts as one). */
  async admitMessages(client: ClientIdentity, count: number): Promise<Refusal | undefined> {
    if (count > MAX_BATCH_MESSAGES) {
      return {
        status: 400,
        code: JSONRPC.invalidRequest,
        message: `Invalid Request: a batch holds at most ${MAX_BATCH_MESSAGES} messages, this one ${count}. 批量请求最多 ${MAX_BATCH_MESSAGES} 条。`,
        headers: {},
      };
    }
    const verdict = await this.messages.take(client.key, count);
    if (verdict.ok) return undefined;
    return tooMany(
      `at most ${this.config.edge.messagesPerMinute} JSON-RPC messages per minute per client`,
      verdict.retryAfterMs,
    );
  }

  /**
   * GET /sse, or an initialize on /mcp. `holdsSession`: a session will stay open (every /sse, a
   * stateful /mcp), so it takes one of the client's slots across instances.
   */
  async admitSessionOpen(client: ClientIdentity, holdsSession: boolean): Promise<Refusal | undefined> {
    const tooManyOpen = () =>
      tooMany(
        `at most ${this.config.edge.maxSessionsPerClient} open sessions per client; close one first`,
        5_000,
      );
    if (this.sessions.countFor(client.key) >= this.config.edge.maxSessionsPerClient) return tooManyOpen();
    const verdict = await this.opens.take(client.key);
    if (!verdict.ok) {
      return tooMany(
        `at most ${this.config.edge.sessionOpensPerMinute} new sessions per minute per client`,
        verdict.retryAfterMs,
      );
    }
    if (holdsSession && !(await this.slots.claim(client.key))) return tooManyOpen();
    return undefined;
  }
}

function tooMany(rule: string, retryAfterMs: number): Refusal {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return {
    status: 429,
    code: JSONRPC.serverBusy,
    message: `Too many requests: ${rule}; retry in ${seconds} s. 请求过于频繁，请 ${seconds} 秒后重试。`,
    headers: { 'Retry-After': String(seconds) },
  };
}
