import { describe, expect, it } from 'vitest';
import { parseAppReviews } from '../../../src/steam/parse/reviews-and-players.js';
import { expectSteamParseError, sample } from './files.js';

describe('parseAppReviews', () => {
  it.each([
    [
      'appreviews_1145360_hades.json',
      {
        summary: 'Overwhelmingly Positive',
        score: 9,
        count: 152006,
        positivePct: 98,
        totalPositive: 149599,
        totalNegative: 2407,
      },
    ],
    [
      'appreviews_recent_page_with_reviews.json',
      { summary: 'Mixed', score: 5, count: 224, positivePct: 56, totalPositive: 125, totalNegative: 99 },
    ],
    [
      'appreviews_empty_last_page.json',
      { summary: null, score: null, count: 0, positivePct: null, totalPositive: 0, totalNegative: 0 },
    ],
  ])('%s', (file, expected) => {
    expect(parseAppReviews(sample(file))).toEqual(expected);
  });

  it('reads an unknown app (zeros, Chinese label)', () => {
    const body =
      '{"success":1,"query_summary":{"num_reviews":0,"review_score":0,"review_score_desc":"无用户评测","total_positive":0,"total_negative":0,"total_reviews":0},"reviews":[],"cursor":"*"}';
    expect(parseAppReviews(body)).toMatchObject({ summary: '无用户评测', count: 0, positivePct: null });
  });

  it.each([
    '{"success":2,"query_summary":{}}',
    '{"success":true,"query_summary":{}}',
    '{"success":1',
    '{"success":1}',
  ])('rejects %j', (body) => {
    expectSteamParseError(() => parseAppReviews(body));
  });
});
