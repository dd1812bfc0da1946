import { z } from 'zod';
import type { AppReviewSummary } from '../types.js';
import { parseError, parseJsonBody } from './json.js';

const bodySchema = z.object({
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
  const raw = parseJsonBody(body, bodySchema, 'appreviews');
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
