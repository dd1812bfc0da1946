import type { FakeGame } from './fake-steam-games.js';

/**
 * The fake Steam's per-game extras, in the real formats (FORMATS.md §13, §17): Simplified
 * Chinese review totals, live player counts and the review histogram. Apps absent from these
 * tables behave like real ones without data: zero Chinese reviews, HTTP 404 + result 42.
 */

/** `[percent positive, count]` of the Simplified Chinese reviews. */
export const CHINESE_REVIEWS: ReadonlyMap<number, readonly [number, number]> = new Map([
  [2358720, [97, 512_345]],
  [1245620, [88, 120_456]],
  [413150, [98, 45_210]],
  [105600, [97, 30_210]],
  [1145360, [96, 8_120]],
  [570, [79, 60_123]],
  [730, [82, 250_000]],
  [1623730, [90, 80_000]],
  [1426210, [96, 40_000]],
  [1086940, [93, 15_000]],
  [504230, [95, 2_100]],
  [367520, [94, 20_000]],
  [1091500, [71, 90_000]],
]);

/** Players in game now; 0 is a real zero. */
export const PLAYER_COUNTS: ReadonlyMap<number, number> = new Map([
  [570, 495_050],
  [730, 1_203_456],
  [1172470, 150_321],
  [238960, 21_000],
  [1203220, 90_210],
  [1623730, 32_100],
  [413150, 61_234],
  [105600, 40_123],
  [1086940, 52_000],
  [1426210, 3_100],
  [2001120, 2_500],
  [2246340, 45_000],
  [582010, 20_000],
  [1284410, 0],
  [1245620, 40_000],
  [2358720, 12_000],
]);

/** `[up, down]` over the last 30 days where the trend differs from all time. */
const RECENT: ReadonlyMap<number, readonly [number, number]> = new Map([
  [1245620, [900, 300]],
  [1091500, [2_000, 40]],
]);

const DAY = 86_400;
const NOW = 1_783_468_800;

/** `/appreviews/<id>?language=schinese`: totals over Chinese reviews only. */
export function chineseAppReviews(appId: string): unknown {
  const [pct, count] = CHINESE_REVIEWS.get(Number(appId)) ?? [0, 0];
  const positive = Math.round((count * pct) / 100);
  return {
    success: 1,
    query_summary: {
      num_reviews: 0,
      review_score: count ? 8 : 0,
      review_score_desc: count ? '特别好评' : '无用户评测',
      total_positive: positive,
      total_negative: count - positive,
      total_reviews: count,
    },
    reviews: [],
    cursor: '*',
  };
}

/** `GetNumberOfCurrentPlayers`: 200 with a count, or 404 with `result: 42` (the real quirk). */
export function currentPlayers(appId: string | null): { status: number; body: unknown } {
  const count = PLAYER_COUNTS.get(Number(appId));
  return count === undefined
    ? { status: 404, body: { response: { result: 42 } } }
    : { status: 200, body: { response: { player_count: count, result: 1 } } };
}

/** `/appreviewhistogram/<id>`: monthly rollups for the history, daily buckets for 30 days. */
export function reviewHistogram(games: readonly FakeGame[], appId: string): unknown {
  const review = games.find((g) => String(g.appId) === appId)?.review;
  if (!review) {
    return {
      success: 1,
      results: { start_date: NOW, end_date: NOW, weeks: [], rollups: [], rollup_type: 'week', recent: [] },
      count_all_reviews: true,
      expand_graph: false,
    };
  }
  const up = Math.round((review.count * review.pct) / 100);
  const half = (n: number) => Math.floor(n / 2);
  const rollups = [
    { date: NOW - 400 * DAY, recommendations_up: half(up), recommendations_down: half(review.count - up) },
    {
      date: NOW - 30 * DAY,
      recommendations_up: up - half(up),
      recommendations_down: review.count - up - half(review.count - up),
    },
  ];
  const [recentUp, recentDown] = RECENT.get(Number(appId)) ?? [
    Math.round(review.pct * 3),
    Math.round((100 - review.pct) * 3),
  ];
  const recent = [
    { date: NOW - DAY, recommendations_up: half(recentUp), recommendations_down: half(recentDown) },
    {
      date: NOW,
      recommendations_up: recentUp - half(recentUp),
      recommendations_down: recentDown - half(recentDown),
    },
  ];
  return {
    success: 1,
    results: { start_date: NOW - 400 * DAY, end_date: NOW, weeks: [], rollups, rollup_type: 'month', recent },
    count_all_reviews: true,
    expand_graph: false,
  };
}
