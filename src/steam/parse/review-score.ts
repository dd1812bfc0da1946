/** EUserReviewScore by label, English and Simplified Chinese (the store's wording). */
const SCORE_BY_LABEL: Record<string, number> = {
  'overwhelmingly positive': 9,
  'very positive': 8,
  positive: 7,
  'mostly positive': 6,
  mixed: 5,
  'mostly negative': 4,
  negative: 3,
  'very negative': 2,
  'overwhelmingly negative': 1,
  'no user reviews': 0,
  好评如潮: 9,
  特别好评: 8,
  好评: 7,
  多半好评: 6,
  褒贬不一: 5,
  多半差评: 4,
  差评: 3,
  特别差评: 2,
  差评如潮: 1,
  无用户评测: 0,
};

export function reviewScoreFromLabel(label: string | null): number | null {
  if (label === null) return null;
  return SCORE_BY_LABEL[label.trim().toLowerCase()] ?? null;
}
