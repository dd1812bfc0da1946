/** What players say and do about an app: the review summary, the review trend, players online. */
import { z } from 'zod';
import type { AppReviewSummary, ReviewTrend } from '../types.js';
import { parseError, parseJsonBody } from './shared.js';

const reviewsSchema = z.object({
  success: z.number(),
  query_summary: z.object({
    num_reviews: z.number().optional(),
    review_score: z.number().optional(),
    review_score_desc: z.string().optional(),
    total_positive: z.number().optional(),
    total_negative: z.number().optional(),
    total_reviews: z.number().optional(),
  }),
});

/** `/appreviews/<id>?json=1` first page summary. Unknown apps still answer success 1 with zeros. */
export function parseAppReviews(body: string): AppReviewSummary {
  const raw = parseJsonBody(body, reviewsSchema, 'appreviews');
  if (raw.success !== 1) throw parseError(`appreviews: success is ${raw.success}`);
  const summary = raw.query_summary;
  const totalPositive = summary.total_positive ?? 0;
  const totalNegative = summary.total_negative ?? 0;
  const total = summary.total_reviews ?? totalPositive + totalNegative;
  return {
    summary: summary.review_score_desc ?? null,
    score: summary.review_score ?? null,
    count: total,
    positivePct: total > 0 ? Math.round((100 * totalPositive) / total) : null,
    totalPositive,
    totalNegative,
  };
}

const bucket = z.object({
  recommendations_up: z.number().catch(0),
  recommendations_down: z.number().catch(0),
});

// Only the counts matter; bucket dates, `weeks`, `past_events` and flags are not read.
const histogramSchema = z.object({
  success: z.number(),
  results: z.object({ rollups: z.array(bucket).catch([]), recent: z.array(bucket).catch([]) }).optional(),
});

/**
 * `/appreviewhistogram/<appid>`: `recent` holds daily buckets for the trailing ~30 days, `rollups`
 * the whole history (monthly or weekly). null when Steam has no histogram for the app.
 */
export function parseReviewHistogram(body: string): ReviewTrend | null {
  const raw = parseJsonBody(body, histogramSchema, 'appreviewhistogram');
  if (raw.success !== 1) {
    if (raw.success === 0 || raw.success === 2) return null;
    throw parseError(`appreviewhistogram: success is ${raw.success}`);
  }
  if (!raw.results) return null;
  const sum = (buckets: z.output<typeof bucket>[]) =>
    buckets.reduce(
      (acc, b) => ({ up: acc.up + b.recommendations_up, down: acc.down + b.recommendations_down }),
      { up: 0, down: 0 },
    );
  const recent = sum(raw.results.recent);
  const all = sum(raw.results.rollups);
  return {
    recentPositive: recent.up,
    recentNegative: recent.down,
    allPositive: all.up,
    allNegative: all.down,
  };
}

const playersSchema = z.object({
  response: z.object({ player_count: z.number().optional(), result: z.number().optional() }),
});

/**
 * `ISteamUserStats/GetNumberOfCurrentPlayers/v1`. `result` 42 (no match: unknown, unreleased or
 * without player data) has no `player_count` → null; `player_count: 0` is a real zero.
 */
export function parseCurrentPlayers(body: string): number | null {
  const { response } = parseJsonBody(body, playersSchema, 'GetNumberOfCurrentPlayers');
  if (response.result !== undefined && response.result !== 1) return null;
  const count = response.player_count;
  return count !== undefined && Number.isFinite(count) && count >= 0 ? Math.round(count) : null;
}
