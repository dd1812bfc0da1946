import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback IsThereAnyDeal API v2 (FORMATS.md §18; shapes from ITAD's documentation examples in
 * test/fixtures/steam/itad_*.json): lookup by appid, POST historylow and storelow. Countries other
 * than CN answer in USD, as ITAD does for unsupported countries.
 */

export const FAKE_ITAD_KEY = 'fake-itad-key-0123456789';

export interface FakeLows {
  /** Lowest price ever at any shop, in 1/100 of the currency. */
  allTimeCents: number;
  /** Lowest price ever at Steam. */
  steamCents: number;
}

export interface FakeItad {
  url: string;
  requests: { method: string; path: string; key: string | undefined }[];
  count(pathPrefix?: string): number;
  /** Every request fails with this status until reset. */
  failWith(status: number | null): void;
  reset(): void;
  close(): Promise<void>;
}

const uuid = (appId: number) => `018d937f-0000-7000-8000-${String(appId).padStart(12, '0')}`;

export async function startFakeItad(lows: ReadonlyMap<number, FakeLows>): Promise<FakeItad> {
  const requests: FakeItad['requests'] = [];
  let failure: number | null = null;
  const byUuid = new Map([...lows.keys()].map((appId) => [uuid(appId), appId]));

  const server = createServer((req, res) => {
    void handle(req).then(([status, body]) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });

  async function handle(req: IncomingMessage): Promise<[number, unknown]> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = req.headers['itad-api-key'] as string | undefined;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, key });
    if (failure !== null) return [failure, { status_code: failure, reason_phrase: 'Fake failure' }];
    if (key !== FAKE_ITAD_KEY)
      return [403, { status_code: 403, reason_phrase: 'Invalid or expired api key' }];
    const currency = url.searchParams.get('country') === 'CN' ? 'CNY' : 'USD';
    const money = (cents: number) => ({ amount: cents / 100, amountInt: cents, currency });
    if (url.pathname === '/games/lookup/v1') {
      const appId = Number(url.searchParams.get('appid'));
      return lows.has(appId)
        ? [
            200,
            {
              found: true,
              game: { id: uuid(appId), slug: `app-${appId}`, title: `App ${appId}`, type: 'game' },
            },
          ]
        : [200, { found: false }];
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const ids = JSON.parse(Buffer.concat(chunks).toString('utf8')) as string[];
    const known = ids.flatMap((id) => {
      const appId = byUuid.get(id);
      const entry = appId === undefined ? undefined : lows.get(appId);
      return entry ? [{ id, entry }] : [];
    });
    if (req.method === 'POST' && url.pathname === '/games/historylow/v1') {
      return [
        200,
        known.map(({ id, entry }) => ({
          id,
          low: {
            shop: { id: 35, name: 'GamersGate' },
            price: money(entry.allTimeCents),
            regular: money(entry.allTimeCents * 2),
            cut: 50,
            timestamp: '2025-06-27T21:33:36+08:00',
          },
        })),
      ];
    }
    if (req.method === 'POST' && url.pathname === '/games/storelow/v2') {
      return [
        200,
        known.map(({ id, entry }) => ({
          id,
          lows: [
            {
              shop: { id: 61, name: 'Steam' },
              price: money(entry.steamCents),
              regular: money(entry.steamCents * 2),
              cut: 50,
              timestamp: '2025-11-29T02:14:37+01:00',
            },
          ],
        })),
      ];
    }
    return [404, { status_code: 404, reason_phrase: 'Not Found' }];
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    count: (prefix = '') => requests.filter((r) => r.path.startsWith(prefix)).length,
    failWith(status) {
      failure = status;
    },
    reset() {
      requests.length = 0;
      failure = null;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
