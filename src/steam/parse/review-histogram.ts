import { z } from 'zod';
import type { ReviewTrend } from '../types.js';
import { parseError, parseJsonBody } from './json.js';

const bucket = z.object({
  recommendations_up: z.number().catch(0),
  recommendations_down: z.number().catch(0),
});

// Only the counts matter; bucket dates, `weeks`, `past_events` and flags are not read.
const bodySchema = z.object({
  success: z.number(),
  results: z.object({ rollups: z.array(bucket).catch([]), recent: z.array(bucket).catch([]) }).optional(),
});

/**
 * `/appreviewhistogram/<appid>`: `recent` holds daily buckets for the trailing ~30 days, `rollups`
 * the whole history (monthly or weekly). null when Steam has no histogram for the app.
 */
export function parseReviewHistogram(body: string): ReviewTrend | null {
  const raw = parseJsonBody(body, bodySchema, 'appreviewhistogram');
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
