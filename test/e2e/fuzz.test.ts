import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, TOOL_NAMES } from '../helpers/mcp-clients.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

/**
 * JSON-RPC fuzzing of POST /messages (a real SSE session) and POST /mcp (with and without a
 * real Streamable session): a seeded PRNG makes every run reproducible (FUZZ_SEED=<n> to
 * replay another), and every answer is checked, not just "the server survived".
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_241_128);
const TOTAL = 3_000;
const CONCURRENCY = 24;
const MAX_BODY = 4_096;
const REQUEST_TIMEOUT_MS = 10_000;
const STACK = /\n\s+at .+\(.*:\d+:\d+\)|node:internal/;
/** A request string this long must not come back (ids excepted: JSON-RPC echoes them). */
const ECHO_LIMIT = 64;
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyz0123456789_-',
  '黑神话悟空艾尔登法环游戏推荐免费折扣',
  '\u0000\u0001\u001f\u007f\u200b\u202e\ufeff\ufffd',
  '😀🎮🕹️👾🇨🇳',
  '"\\/{}[]:,\'`<>&%$#@!',
  '\ud800\udc00\udfff\ud83d',
];

function randomString(r: Rng, max = 40): string {
  const alphabet = [...r.pick(ALPHABETS)];
  let s = '';
  const n = r.int(max + 1);
  for (let i = 0; i < n; i++) s += r.pick(alphabet);
  return s;
}

function randomValue(r: Rng, depth = 0): unknown {
  const kind = r.int(depth > 3 ? 6 : 9);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, r.int(1000)]);
    case 3:
      return String(r.int(10_000_000));
    case 4:
    case 5:
      return r.chance(0.05) ? 'L'.repeat(200 + r.int(800)) + randomString(r, 5) : randomString(r);
    case 6:
    case 7: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--) o[randomString(r, 12)] = randomValue(r, depth + 1);
      return o;
    }
    default:
      return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
  }
}

function nested(r: Rng, depth: number): unknown {
  let v: unknown = randomValue(r, 4);
  for (let i = 0; i < depth; i++) v = r.chance(0.5) ? [v] : { a: v };
  return v;
}

let idCounter = 0;
/** Unique per run, so concurrent requests never share an id within a session. */
function requestId(r: Rng): string | number {
  const n = ++idCounter;
  return r.pick([
    () => n,
    () => -n,
    () => 2 ** 53 - n,
    () => `id-${n}`,
    () => `${randomString(r, 10)}#${n}`,
    () => `${'I'.repeat(300)}#${n}`,
  ])();
}

function toolArgs(r: Rng): unknown {
  return r.pick([
    () => ({ keywords: randomValue(r), max_price: randomValue(r), max_results: randomValue(r) }),
    () => ({ game_identifier: r.pick([randomValue(r), '1245620', 'x'.repeat(500)]) }),
    () => ({ tags: [randomString(r), randomValue(r)], count: randomValue(r) }),
    () => ({ preferences: randomString(r, 300), max_results: '7' }),
    () => randomValue(r, 1),
    () => undefined,
  ])();
}

/** A message the server should accept as JSON-RPC (possibly an odd one). */
function validMessage(r: Rng): Record<string, unknown> {
  const id = requestId(r);
  return r.pick<() => Record<string, unknown>>([
    () => ({ jsonrpc: '2.0', id, method: 'tools/list', ...(r.chance(0.5) ? { params: {} } : {}) }),
    () => ({ jsonrpc: '2.0', id, method: 'ping' }),
    () => ({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: {
        name: r.chance(0.6)
          ? r.pick(TOOL_NAMES)
          : r.chance(0.3)
            ? 'T'.repeat(300 + r.int(500))
            : randomString(r, 30),
        arguments: toolArgs(r),
        ...(r.chance(0.2) ? { _meta: { progressToken: `p-${idCounter}` } } : {}),
      },
    }),
    () => ({
      jsonrpc: '2.0',
      id,
      method: r.pick(['', 'x', 'rpc.discover', 'resources/list', 'prompts/get']),
    }),
    () => ({ jsonrpc: '2.0', id, method: randomString(r, 80), params: randomValue(r, 2) }),
    () => ({ jsonrpc: '2.0', id, method: 'M'.repeat(400 + r.int(400)), params: {} }),
    () => ({ jsonrpc: '2.0', id, method: 'tools/list', params: { cursor: randomString(r, 100) } }),
    () => ({ jsonrpc: '2.0', method: r.pick(['notifications/initialized', 'notifications/x']) }),
    () => ({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: `never-${r.int(1e9)}`, reason: randomString(r) },
    }),
    () => ({ jsonrpc: '2.0', id: `resp-${r.int(1e9)}`, result: randomValue(r, 1) ?? {} }),
    () => ({ jsonrpc: '2.0', id: r.int(1e9), error: { code: -32000, message: randomString(r) } }),
  ])();
}

/** JSON that is not a JSON-RPC message: wrong types in every field. */
function wrongTyped(r: Rng): unknown {
  const base: Record<string, unknown> = { jsonrpc: '2.0', id: requestId(r), method: 'tools/list' };
  const field = r.pick(['jsonrpc', 'id', 'method', 'params', 'all']);
  const bad = () => r.pick([{ a: 1 }, [1], true, 1.5, null, '', 2, randomString(r)]);
  if (field === 'jsonrpc') base.jsonrpc = r.pick(['1.0', 2, '2', null, ['2.0']]);
  else if (field === 'id') base.id = r.pick([{ x: 1 }, [1], true, 1.25, { id: 'L'.repeat(200) }]);
  else if (field === 'method') base.method = r.pick([1, null, {}, ['tools/list'], true]);
  else if (field === 'params') base.params = r.pick([randomString(r), 42, true, [1, 2], null]);
  else return r.pick([null, 1, 'tools/list', true, {}, [], [[]], { jsonrpc: '2.0' }, bad()]);
  return base;
}

interface FuzzCase {
  kind: string;
  body: string | Buffer;
  /** Send without Content-Length (chunked), so the server must count while reading. */
  chunked?: boolean;
  headers?: Record<string, string>;
  /** Request ids a 2xx answer must answer (SSE stream or /mcp response). */
  ids: Array<string | number>;
}

function body(r: Rng): Omit<FuzzCase, 'headers'> {
  const kind = r.pick([
    'valid',
    'valid',
    'valid',
    'batch',
    'wrong-typed',
    'truncated',
    'garbage',
    'unicode',
    'nested',
    'oversized',
    'primitive',
  ]);
  switch (kind) {
    case 'valid': {
      const m = validMessage(r);
      return { kind, body: JSON.stringify(m), ids: 'method' in m && 'id' in m ? [m.id as string] : [] };
    }
    case 'batch': {
      const n = r.int(6);
      const ms = Array.from({ length: n }, () => (r.chance(0.85) ? validMessage(r) : wrongTyped(r)));
      const ids = ms.flatMap((m) =>
        m && typeof m === 'object' && 'method' in m && 'id' in m ? [(m as { id: string }).id] : [],
      );
      return { kind, body: JSON.stringify(ms), ids };
    }
    case 'wrong-typed':
      return { kind, body: JSON.stringify(wrongTyped(r)), ids: [] };
    case 'truncated': {
      const text = JSON.stringify(validMessage(r));
      return { kind, body: text.slice(0, r.int(text.length)), ids: [] };
    }
    case 'garbage':
      return {
        kind,
        body: Buffer.from(Array.from({ length: r.int(2_000) }, () => r.int(256))),
        ids: [],
      };
    case 'unicode':
      return { kind, body: randomString(r, 1_000), ids: [] };
    case 'nested': {
      const depth = 50 + r.int(1_900);
      const m = { jsonrpc: '2.0', id: requestId(r), method: 'tools/call', params: { name: 'x' } };
      const deep = nested(r, depth);
      const text = r.chance(0.5)
        ? JSON.stringify({ ...m, params: { ...m.params, arguments: { q: deep } } })
        : JSON.stringify(deep);
      return { kind, body: text.length > MAX_BODY ? text.slice(0, MAX_BODY) : text, ids: [] };
    }
    case 'oversized': {
      const m = {
        jsonrpc: '2.0',
        id: requestId(r),
        method: 'tools/list',
        params: { pad: 'P'.repeat(MAX_BODY) },
      };
      return { kind, body: JSON.stringify(m), chunked: r.chance(0.3), ids: [] };
    }
    default:
      return { kind, body: r.pick(['null', '1', '"x"', 'true', '{}', '[]', '', ' ', '[null]']), ids: [] };
  }
}

type Target = 'sse' | 'mcp-session' | 'mcp-none';

function headersFor(r: Rng, target: Target): Record<string, string> {
  if (target === 'sse') {
    return { 'content-type': r.chance(0.9) ? 'application/json' : r.pick(['text/plain', 'x/y']) };
  }
  const h: Record<string, string> = { ...MCP_HEADERS };
  if (r.chance(0.05)) h.accept = r.pick(['application/json', 'text/event-stream', '*/*', '']);
  if (r.chance(0.05)) h['content-type'] = r.pick(['text/plain', 'application/xml', '']);
  if (r.chance(0.05)) h['mcp-protocol-version'] = r.pick(['2025-06-18', '1999-01-01', 'latest', '']);
  return h;
}

/** Status codes each path really answers (see http-server.ts and the SDK's Streamable transport). */
const EXPECTED: Record<Target, number[]> = {
  // 202 accepted (answers go on the stream), 400 parse/invalid, 413 too large.
  sse: [202, 400, 413],
  // 200 SSE answer, 202 notifications/responses only, 400 invalid, 406 Accept, 413, 415 Content-Type.
  'mcp-session': [200, 202, 400, 406, 413, 415],
  // Only an initialize may open a session (200), else 400; 406/413/415 as above.
  'mcp-none': [200, 400, 406, 413, 415],
};

/** Every string (keys and values) in a JSON value, descending into JSON-looking strings. */
function strings(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 3000) return out;
  if (typeof value === 'string') {
    out.push(value);
    if (/^\s*[[{]/.test(value)) {
      try {
        strings(JSON.parse(value), out, depth + 1);
      } catch {
        // just text
      }
    }
  } else if (Array.isArray(value)) {
    for (const v of value) strings(v, out, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out, depth + 1);
    }
  }
  return out;
}

/** Long pieces of a request that must not be reflected: its long strings, or raw windows. */
function fragments(c: FuzzCase): string[] {
  const text = Buffer.isBuffer(c.body) ? c.body.toString('utf8') : c.body;
  const ids = new Set(c.ids.map(String));
  try {
    const parsed = JSON.parse(text) as unknown;
    const own = (Array.isArray(parsed) ? parsed : [parsed]).flatMap((m) =>
      m && typeof m === 'object' && 'id' in m ? [String((m as { id: unknown }).id)] : [],
    );
    for (const id of own) ids.add(id);
    return strings(parsed)
      .filter((s) => s.length >= ECHO_LIMIT && !ids.has(s))
      .map((s) => s.slice(0, ECHO_LIMIT));
  } catch {
    const out: string[] = [];
    for (let i = 0; i + ECHO_LIMIT <= text.length; i += ECHO_LIMIT) out.push(text.slice(i, i + ECHO_LIMIT));
    return out;
  }
}

/** Parses a Streamable HTTP SSE answer strictly; returns the JSON-RPC messages in it. */
function parseSse(text: string): unknown[] {
  expect(text.endsWith('\n\n'), 'SSE body ends with a blank line').toBe(true);
  const messages: unknown[] = [];
  for (const event of text.slice(0, -2).split('\n\n')) {
    const data: string[] = [];
    for (const line of event.split('\n')) {
      if (line.startsWith(':')) continue;
      const m = /^(event|data|id|retry): ?(.*)$/.exec(line);
      expect(m, `SSE line: ${line.slice(0, 200)}`).not.toBeNull();
      if (m![1] === 'data') data.push(m![2]!);
    }
    if (data.length) messages.push(JSON.parse(data.join('\n')) as unknown);
  }
  return messages;
}

function checkNoLeak(text: string, c: FuzzCase, where: string): void {
  expect(STACK.test(text), `${where}: stack trace in ${text.slice(0, 500)}`).toBe(false);
  let reflected: string[];
  try {
    reflected = strings(JSON.parse(text) as unknown);
  } catch {
    reflected = [text];
  }
  reflected.push(text);
  for (const f of fragments(c)) {
    const hit = reflected.find((s) => s.includes(f));
    expect(hit, `${where}: echoes ${JSON.stringify(f)} of a ${c.kind} request`).toBeUndefined();
  }
}

/** Reads a GET /sse stream in the background, keeping every message frame. */
async function openSseStream(url: string) {
  const controller = new AbortController();
  const res = await fetch(`${url}/sse`, { signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const frames: string[] = [];
  let buffer = '';
  let ended = false;
  let endpoint!: (id: string) => void;
  const sessionId = new Promise<string>((resolve) => (endpoint = resolve));
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^event: endpoint\ndata: \/messages\?sessionId=(.+)$/.exec(frame)?.[1];
        if (id) endpoint(id);
        else if (frame.startsWith('event: message\n'))
          frames.push(frame.slice('event: message\ndata: '.length));
      }
    }
    ended = true;
  })();
  return {
    sessionId: await sessionId,
    frames,
    get ended() {
      return ended;
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

describe(`JSON-RPC fuzz (seed ${SEED}, ${TOTAL} messages)`, () => {
  let server: ServerProcess;

  beforeAll(async () => {
    console.log(`fuzz seed: ${SEED} (replay with FUZZ_SEED=${SEED})`);
    server = await startServerProcess({
      STEAM_STORE_URL: 'http://127.0.0.1:9',
      STEAM_API_URL: 'http://127.0.0.1:9',
      STEAM_RETRIES: '0',
      STEAM_TIMEOUT_MS: '500',
      RATE_LIMIT_PER_MINUTE: '100000',
      MAX_BODY_BYTES: String(MAX_BODY),
      MAX_SESSIONS: '10000',
      // One client sends every message: per-client budgets are tested in client-budgets.test.ts.
      MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000',
      SESSION_OPEN_PER_MINUTE: '100000',
      MAX_SESSIONS_PER_CLIENT: '10000',
      // The fuzzed SSE session may see its first initialize late.
      SESSION_INIT_TIMEOUT_MS: '600000',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers every message with a tight status, clean JSON or SSE, no traces, no echoes; stays healthy', async () => {
    const r = prng(SEED);
    const url = server.url;
    const sse = await openSseStream(url);

    // A real initialized Streamable session.
    const init = await fetch(`${url}/mcp`, {
      method: 'POST',
      headers: MCP_HEADERS,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'fuzz', version: '1' },
        },
      }),
    });
    await init.text();
    const mcpSession = init.headers.get('mcp-session-id')!;
    expect(mcpSession).toBeTruthy();

    const cases = Array.from({ length: TOTAL }, (_, i) => {
      const target = (['sse', 'mcp-session', 'mcp-none'] as const)[i % 3]!;
      const c: FuzzCase & { target: Target } = { ...body(r), headers: headersFor(r, target), target };
      // Now and then a well-formed initialize, the one message that opens a session.
      if (target === 'mcp-none' && r.chance(0.03)) {
        c.kind = 'initialize';
        c.ids = [`init-${i}`];
        c.body = JSON.stringify({
          jsonrpc: '2.0',
          id: `init-${i}`,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'f', version: '1' },
          },
        });
      }
      return c;
    });

    const sseAccepted = new Set<string>();
    const statuses: Record<string, number> = {};
    let index = 0;
    const worker = async () => {
      while (index < cases.length) {
        const c = cases[index++]!;
        const where = `${c.target} ${c.kind}`;
        const headers = { ...c.headers };
        if (c.target === 'mcp-session') headers['mcp-session-id'] = mcpSession;
        const path = c.target === 'sse' ? `/messages?sessionId=${sse.sessionId}` : '/mcp';
        const payload = Buffer.isBuffer(c.body) ? new Uint8Array(c.body) : c.body;
        const res = await fetch(`${url}${path}`, {
          method: 'POST',
          headers,
          body: c.chunked
            ? new ReadableStream({
                start(controller) {
                  controller.enqueue(new TextEncoder().encode(String(c.body)));
                  controller.close();
                },
              })
            : payload,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          ...(c.chunked ? { duplex: 'half' } : {}),
        } as RequestInit);
        const text = await res.text();
        statuses[`${c.target} ${res.status}`] = (statuses[`${c.target} ${res.status}`] ?? 0) + 1;
        expect(EXPECTED[c.target], `${where}: status ${res.status}: ${text.slice(0, 300)}`).toContain(
          res.status,
        );
        checkNoLeak(text, c, where);
        const type = res.headers.get('content-type') ?? '';
        if (res.status === 200) {
          expect(type, where).toMatch(/^text\/event-stream/);
          const answered = parseSse(text).map((m) => (m as { id?: unknown }).id);
          for (const id of c.ids) expect(answered, `${where}: no answer to ${String(id)}`).toContain(id);
        } else if (text !== '' && !(c.target === 'sse' && res.status === 202)) {
          expect(type, where).toMatch(/^application\/json/);
          const parsed = JSON.parse(text) as { jsonrpc?: string; error?: { code?: unknown } };
          expect(parsed.jsonrpc, where).toBe('2.0');
          expect(typeof parsed.error?.code, where).toBe('number');
        }
        if (res.status === 202 && c.target === 'sse')
          for (const id of c.ids) sseAccepted.add(JSON.stringify(id));
        if (c.kind === 'oversized') expect(res.status, where).toBe(413);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(
      `fuzz: ${TOTAL} requests in ${Math.round(performance.now() - started)} ms;`,
      JSON.stringify(statuses),
    );

    // Raw sockets that promise a body and hang up half-way, or never finish their headers.
    await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) =>
          new Promise<void>((resolve) => {
            const socket = connect(server.port, '127.0.0.1', () => {
              socket.write(
                i % 2
                  ? `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"jsonrpc":`
                  : `POST /messages?sessionId=${sse.sessionId} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le`,
              );
              setTimeout(() => socket.destroy(), 20);
            });
            socket.on('close', () => resolve());
            socket.on('error', () => resolve());
          }),
      ),
    );

    // Every request accepted on /messages got its answer on the stream, each frame clean JSON.
    await expect
      .poll(
        () => {
          const answered = new Set(
            sse.frames.map((f) => JSON.stringify((JSON.parse(f) as { id?: unknown }).id)),
          );
          return [...sseAccepted].filter((id) => !answered.has(id)).slice(0, 5);
        },
        { timeout: 5_000, interval: 100 },
      )
      .toEqual([]);
    for (const frame of sse.frames) {
      expect(STACK.test(frame), frame.slice(0, 300)).toBe(false);
      expect((JSON.parse(frame) as { jsonrpc: string }).jsonrpc).toBe('2.0');
    }

    // The server is alive and healthy, and the fuzzed sessions still work.
    expect(server.proc.exitCode).toBeNull();
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    expect(sse.ended).toBe(false);
    const listed = await fetch(`${url}/messages?sessionId=${sse.sessionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 'final-list', method: 'tools/list' }),
    });
    expect(listed.status).toBe(202);
    await expect
      .poll(() => sse.frames.find((f) => f.includes('"final-list"')), { timeout: 3_000 })
      .toBeDefined();
    const answer = JSON.parse(sse.frames.find((f) => f.includes('"final-list"'))!) as {
      result: { tools: unknown[] };
    };
    expect(answer.result.tools).toHaveLength(TOOL_NAMES.length);
    await sse.close();

    const fresh = await connectClient('streamable', { url });
    expect((await fresh.client.listTools()).tools).toHaveLength(TOOL_NAMES.length);
    await fresh.close();

    // Nothing reached the server's last-resort handlers.
    const failures = server.logs.filter((l) =>
      /"msg":"(uncaught exception|unhandled rejection|request failed)"|"level":60/.test(l),
    );
    expect(failures.slice(0, 3)).toEqual([]);
  }, 60_000);
});
