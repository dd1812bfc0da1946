import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANALYSIS_MARKER, SCORING_MARKER } from '../../src/recommend/prompts.js';
import { emptyNeeds } from '../../src/recommend/types.js';

/** The parts of a chat-completions request body the tests look at. */
export interface ChatBody {
  model?: string;
  messages?: { role: string; content: string }[];
  response_format?: { type: string };
  enable_thinking?: boolean;
  max_tokens?: number;
  [key: string]: unknown;
}

export interface RecordedCall {
  path: string;
  body: ChatBody;
  authorization: string | undefined;
  startedAt: number;
  /** When the answer was sent; undefined while pending or if the client went away. */
  endedAt?: number;
}

export interface FakeReply {
  status?: number;
  delayMs?: number;
  /** Goes into choices[0].message.content of a valid completion. */
  content?: string;
  /** Sent verbatim as the body instead of a completion. */
  raw?: string;
  headers?: Record<string, string>;
}

export type Responder = (body: ChatBody, callIndex: number) => FakeReply | Promise<FakeReply>;

export interface FakeLlm {
  /** e.g. http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  calls: RecordedCall[];
  count(): number;
  /** Most requests in flight at once (1 = strictly sequential). */
  maxInFlight(): number;
  setResponder(responder: Responder): void;
  close(): Promise<void>;
}

export async function startFakeLlm(opts: { responder?: Responder } = {}): Promise<FakeLlm> {
  let responder = opts.responder ?? smartResponder;
  const calls: RecordedCall[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as ChatBody;
    const call: RecordedCall = {
      path: req.url ?? '',
      body,
      authorization: req.headers.authorization,
      startedAt: Date.now(),
    };
    calls.push(call);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    if (req.method !== 'POST' || !call.path.endsWith('/chat/completions')) {
      res.writeHead(404).end('{"error":{"message":"not found"}}');
      return;
    }
    const reply = await responder(body, calls.length - 1);
    const send = () => {
      if (res.destroyed) return;
      call.endedAt = Date.now();
      const payload = reply.raw ?? JSON.stringify(completion(body.model, reply.content ?? ''));
      res
        .writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers })
        .end(payload);
    };
    if (!reply.delayMs) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, reply.delayMs);
    timers.add(timer);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    count: () => calls.length,
    maxInFlight: () => maxInFlight,
    setResponder: (r) => {
      responder = r;
    },
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function completion(model: string | undefined, content: string) {
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: model ?? 'fake',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

export const systemOf = (body: ChatBody) => body.messages?.find((m) => m.role === 'system')?.content ?? '';
export const userOf = (body: ChatBody) => body.messages?.find((m) => m.role === 'user')?.content ?? '';
export const isAnalysis = (body: ChatBody) => systemOf(body).includes(ANALYSIS_MARKER);
export const isScoring = (body: ChatBody) => systemOf(body).includes(SCORING_MARKER);

/** App ids listed in a scoring prompt, in prompt order. */
export function candidateIds(body: ChatBody): string[] {
  return [...userOf(body).matchAll(/^(\d+) \| /gm)].map((m) => m[1] ?? '');
}

export interface ScoreEntry {
  app_id: string;
  score: number | string;
  reason: string;
  highlights?: string[];
}

export const scoresContent = (scores: ScoreEntry[]) => JSON.stringify({ scores });

/** A plausible model: a fixed analysis of open-world RPGs, and descending scores in prompt order. */
export const smartResponder: Responder = (body) => {
  if (isAnalysis(body)) {
    return {
      content: JSON.stringify({
        ...emptyNeeds('zh'),
        keywords: ['open world rpg'],
        tags: ['Open World', 'RPG'],
        preferences: ['highly rated'],
      }),
    };
  }
  if (isScoring(body)) {
    const scores = candidateIds(body).map((id, i) => ({
      app_id: id,
      score: Math.max(10, 95 - i * 5),
      reason: '非常符合你对开放世界角色扮演的需求。',
      highlights: ['开放世界', '好评如潮', '性价比高', '多余的第四条'],
    }));
    return { content: scoresContent(scores) };
  }
  return { content: 'OK' };
};

/** Wraps a responder so every answer arrives after `ms`. */
export function fixedLatency(ms: number, responder: Responder = smartResponder): Responder {
  return async (body, index) => ({ ...(await responder(body, index)), delayMs: ms });
}
