import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeGame, FakePackage } from './fake-steam-games.js';
import { FAKE_GAMES, FAKE_PACKAGES } from './fake-steam-games.js';
import { steamJson } from './fake-steam-format.js';
import { searchPage, searchResults } from './fake-steam-search.js';
import { chineseAppReviews, currentPlayers, reviewHistogram } from './fake-steam-players.js';
import { BadServiceRequest, getItems, serviceInput, storeQuery, tagList } from './fake-steam-services.js';
import { appDetails, appReviews, popularTags, storeSearch } from './fake-steam-store-api.js';

/**
 * A loopback fake of store.steampowered.com and api.steampowered.com for integration tests:
 * answers are generated in the real formats (Chinese text, CNY) from a small catalog.
 */

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  at: number;
}

export interface FakeFault {
  status?: number;
  /** How many matching requests get the fault (default: all). */
  times?: number;
  retryAfter?: string;
  /** Wait before answering (or before failing, when combined with status/destroy). */
  delayMs?: number;
  body?: string;
  /** Destroy the socket instead of answering. */
  destroy?: boolean;
}

export interface FakeSteam {
  /** Base URL without a trailing slash; use for STEAM_STORE_URL and STEAM_API_URL. */
  url: string;
  requests: FakeRequest[];
  count(pathPrefix?: string): number;
  /** Clears the request log, faults and the fixed latency. */
  reset(): void;
  fail(pathPrefix: string, fault: FakeFault): void;
  /** Fixed latency for every route. */
  delay(ms: number): void;
  games: readonly FakeGame[];
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Extra routes (e.g. fake-steam-users.ts); undefined = not mine, fall through to the store. */
export type FakeRoute = (
  req: { method: string; path: string; query: URLSearchParams; body: string },
  games: readonly FakeGame[],
) => Answer | undefined;

export function json(value: unknown): Answer {
  return { status: 200, contentType: JSON_TYPE, body: steamJson(value) };
}

function notFound(): Answer {
  return {
    status: 404,
    contentType: 'text/html; charset=UTF-8',
    body: '<html><body>404 Not Found</body></html>',
  };
}

function route(
  games: readonly FakeGame[],
  packages: readonly FakePackage[],
  path: string,
  query: URLSearchParams,
  url: string,
): Answer {
  // Match with or without the trailing slash, like Steam.
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/search/results') return { status: 200, ...searchResults(games, packages, query, url) };
  if (p === '/search') return { status: 200, ...searchPage(games, packages, query, url) };
  if (p === '/api/appdetails') return json(appDetails(games, query));
  if (p === '/api/storesearch') return json(storeSearch(games, packages, query));
  const reviews = /^\/appreviews\/(\d+)$/.exec(p);
  if (reviews?.[1] !== undefined && query.get('language') === 'schinese')
    return json(chineseAppReviews(reviews[1]));
  if (reviews?.[1] !== undefined) return json(appReviews(games, reviews[1], query));
  const histogram = /^\/appreviewhistogram\/(\d+)$/.exec(p);
  if (histogram?.[1] !== undefined) return json(reviewHistogram(games, histogram[1]));
  if (p === '/ISteamUserStats/GetNumberOfCurrentPlayers/v1') {
    const players = currentPlayers(query.get('appid'));
    return { ...json(players.body), status: players.status };
  }
  const tags = /^\/tagdata\/populartags\/([a-z]+)$/.exec(p);
  if (tags?.[1] !== undefined) return json(popularTags(tags[1]));
  const service =
    /^\/(IStoreBrowseService\/GetItems|IStoreQueryService\/Query|IStoreService\/GetTagList)\/v0*1$/.exec(p);
  if (service?.[1] !== undefined) {
    try {
      const input = serviceInput(query);
      if (service[1] === 'IStoreBrowseService/GetItems') return json(getItems(games, packages, input));
      if (service[1] === 'IStoreQueryService/Query') return json(storeQuery(games, input));
      return json(tagList(input));
    } catch (error) {
      if (!(error instanceof BadServiceRequest)) throw error;
      return {
        status: 400,
        contentType: 'text/html',
        body: '<html><head><title>Bad Request</title></head></html>',
      };
    }
  }
  return notFound();
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startFakeSteam(
  options: { games?: FakeGame[]; routes?: FakeRoute } = {},
): Promise<FakeSteam> {
  const games = options.games ?? FAKE_GAMES;
  const requests: FakeRequest[] = [];
  let faults: Array<{ prefix: string; fault: FakeFault; left: number }> = [];
  let latencyMs = 0;
  let baseUrl = '';

  function takeFault(path: string): FakeFault | undefined {
    const entry = faults.find((f) => path.startsWith(f.prefix) && f.left > 0);
    if (!entry) return undefined;
    entry.left -= 1;
    return entry.fault;
  }

  function send(res: ServerResponse, answer: Answer, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(answer.status, { 'Content-Type': answer.contentType, 'X-eresult': '1', ...headers });
    res.end(answer.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query: parsed.searchParams,
      at: Date.now(),
    });
    const fault = takeFault(parsed.pathname);
    const wait = latencyMs + (fault?.delayMs ?? 0);
    if (wait > 0) await sleep(wait);
    if (fault?.destroy) {
      req.socket.destroy();
      return;
    }
    if (fault?.status !== undefined) {
      const headers: Record<string, string> = fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {};
      send(
        res,
        { status: fault.status, contentType: 'text/html', body: fault.body ?? `status ${fault.status}` },
        headers,
      );
      return;
    }
    if (fault?.body !== undefined) {
      send(res, { status: 200, contentType: JSON_TYPE, body: fault.body });
      return;
    }
    const extra = options.routes?.(
      {
        method: req.method ?? 'GET',
        path: parsed.pathname,
        query: parsed.searchParams,
        body: await readBody(req),
      },
      games,
    );
    if (extra) {
      send(res, extra);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, { status: 405, contentType: 'text/plain', body: 'method not allowed' });
      return;
    }
    send(res, route(games, FAKE_PACKAGES, parsed.pathname, parsed.searchParams, baseUrl));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, { status: 500, contentType: 'text/plain', body: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    requests,
    count: (pathPrefix = '') => requests.filter((r) => r.path.startsWith(pathPrefix)).length,
    reset() {
      requests.length = 0;
      faults = [];
      latencyMs = 0;
    },
    fail(pathPrefix, fault) {
      faults.push({ prefix: pathPrefix, fault, left: fault.times ?? Infinity });
    },
    delay(ms) {
      latencyMs = ms;
    },
    games,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
