import type { Logger } from '../observability/logger.js';
import type { SteamClient } from '../steam/client.js';
import type { ReviewTrend as RawTrend } from '../steam/types.js';
import { upstreamLogFields } from '../errors.js';
import type { CallOptions, ExtrasWanted, GameExtras, GameSummary, ReviewTrend } from './types.js';

/** Extra lookups in flight at once for one call (the client's own limit still applies). */
const EXTRAS_CONCURRENCY = 4;
/** A shortlist is small; a longer list would cost one request per game and lookup. */
export const MAX_EXTRAS_GAMES = 24;
/** Below this many reviews in 30 days a trend says nothing. */
const MIN_RECENT_FOR_TREND = 10;
/** Points of difference between recent and all-time that count as a change. */
const TREND_POINTS = 5;

/**
 * Chinese review share, recent trend and live players for a few games: one request per game
 * and lookup (cached by the client), a bounded number at once. A failed lookup leaves its
 * field null instead of failing the call.
 */
export async function fetchExtras(
  steam: SteamClient,
  logger: Logger,
  wanted: readonly ExtrasWanted[],
  o: CallOptions,
): Promise<Map<string, GameExtras>> {
  const result = new Map<string, GameExtras>();
  const jobs: (() => Promise<void>)[] = [];
  for (const w of wanted.slice(0, MAX_EXTRAS_GAMES)) {
    const extras: GameExtras = {};
    result.set(w.appId, extras);
    const job = <T>(load: () => Promise<T>, apply: (value: T | null) => void) =>
      jobs.push(async () => {
        try {
          apply(await load());
        } catch (error) {
          if (o.signal?.aborted) throw error;
          logger.debug({ ...upstreamLogFields(error), appId: w.appId }, 'extra lookup failed');
          apply(null);
        }
      });
    if (w.chineseReviews) {
      job(
        async () => (await steam.appReviews(w.appId, o, 'schinese')).value,
        (r) => {
          extras.reviewSchineseCount = r ? r.count : null;
          extras.reviewSchinesePct = r ? r.positivePct : null;
        },
      );
    }
    if (w.trend) {
      job(
        async () => (await steam.reviewHistogram(w.appId, o)).value,
        (t) => (extras.reviewTrend = t ? summarizeTrend(t) : null),
      );
    }
    if (w.players) {
      job(
        async () => (await steam.currentPlayers(w.appId, o)).value,
        (n) => (extras.currentPlayers = n),
      );
    }
  }
  await runBounded(jobs, EXTRAS_CONCURRENCY);
  return result;
}

/** Steam tags that mark a game people play together: Multiplayer, Co-op, Online Co-Op, MMO. */
const MULTIPLAYER_TAGS = new Set([3859, 1685, 3843, 128]);

export function isMultiplayer(game: Pick<GameSummary, 'tagIds'>): boolean {
  return game.tagIds.some((id) => MULTIPLAYER_TAGS.has(id));
}

/** What a list card shows: Chinese reviews always, live players for multiplayer games (还有人玩吗). */
export function extrasForCard(game: Pick<GameSummary, 'appId' | 'tagIds'>): ExtrasWanted {
  return { appId: game.appId, chineseReviews: true, players: isMultiplayer(game) };
}

export function summarizeTrend(t: RawTrend): ReviewTrend {
  const recentCount = t.recentPositive + t.recentNegative;
  const allTimeCount = t.allPositive + t.allNegative;
  const pct = (up: number, n: number) => (n > 0 ? Math.round((100 * up) / n) : null);
  const recentPositivePct = pct(t.recentPositive, recentCount);
  const allTimePositivePct = pct(t.allPositive, allTimeCount);
  let direction: ReviewTrend['direction'] = null;
  if (recentCount >= MIN_RECENT_FOR_TREND && recentPositivePct !== null && allTimePositivePct !== null) {
    const delta = recentPositivePct - allTimePositivePct;
    direction = delta >= TREND_POINTS ? 'improving' : delta <= -TREND_POINTS ? 'declining' : 'steady';
  }
  return { recentPositivePct, recentCount, allTimePositivePct, allTimeCount, direction };
}

async function runBounded(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}
