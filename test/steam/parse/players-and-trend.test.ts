import { describe, expect, it } from 'vitest';
import { summarizeTrend } from '../../../src/catalog/extras.js';
import { parseCurrentPlayers, parseReviewHistogram } from '../../../src/steam/parse/reviews-and-players.js';
import { parseItemTags } from '../../../src/steam/parse/tags.js';
import { expectSteamParseError, fixture } from './files.js';

describe('parseCurrentPlayers (GetNumberOfCurrentPlayers, FORMATS.md §13)', () => {
  it('reads the recorded count', () => {
    expect(parseCurrentPlayers(fixture('getnumberofcurrentplayers_570_ok.json'))).toBe(495050);
  });

  it('result 42 (the body of the real 404, also possible with HTTP 200) is no count, not zero', () => {
    expect(parseCurrentPlayers(fixture('getnumberofcurrentplayers_unknown_app_http404.json'))).toBeNull();
  });

  it('keeps a real zero and rejects what is not the format', () => {
    expect(parseCurrentPlayers('{"response":{"player_count":0,"result":1}}')).toBe(0);
    expect(parseCurrentPlayers('{"response":{"player_count":-3,"result":1}}')).toBeNull();
    expectSteamParseError(() => parseCurrentPlayers('<html>busy</html>'));
    expectSteamParseError(() => parseCurrentPlayers('{"players":1}'));
  });
});

describe('parseReviewHistogram (appreviewhistogram, FORMATS.md §17)', () => {
  it('sums the recent daily buckets and the whole history (TF2, trimmed recording)', () => {
    expect(parseReviewHistogram(fixture('appreviewhistogram_440_month_english_TRIMMED.json'))).toEqual({
      recentPositive: 207 + 224 + 420 + 312 + 267,
      recentNegative: 12 + 13 + 11 + 23 + 8,
      allPositive: 52 + 688 + 1312 + 6688 + 7102 + 1950,
      allNegative: 1 + 22 + 47 + 499 + 421 + 125,
    });
  });

  it('reads a brand-new game (one bucket) and a game with review-bomb events', () => {
    expect(parseReviewHistogram(fixture('appreviewhistogram_4773260_week_tiny_english.json'))).toEqual({
      recentPositive: 1,
      recentNegative: 0,
      allPositive: 1,
      allNegative: 0,
    });
    const cyberpunk = parseReviewHistogram(
      fixture('appreviewhistogram_1091500_past_events_english_TRIMMED.json'),
    );
    expect(cyberpunk?.allPositive).toBeGreaterThan(cyberpunk?.recentPositive ?? Infinity);
  });

  it('is defensive where no sample exists: no results, odd buckets, failure', () => {
    expect(parseReviewHistogram('{"success":1}')).toBeNull();
    expect(parseReviewHistogram('{"success":2}')).toBeNull();
    expect(
      parseReviewHistogram(
        '{"success":1,"results":{"rollups":[{"recommendations_up":"x","recommendations_down":2}],"recent":"?"}}',
      ),
    ).toEqual({ recentPositive: 0, recentNegative: 0, allPositive: 0, allNegative: 2 });
    expectSteamParseError(() => parseReviewHistogram('not json'));
  });

  it('summarizes the trend only when 30 days hold enough reviews', () => {
    const trend = summarizeTrend({
      recentPositive: 90,
      recentNegative: 30,
      allPositive: 930,
      allNegative: 70,
    });
    expect(trend).toEqual({
      recentPositivePct: 75,
      recentCount: 120,
      allTimePositivePct: 93,
      allTimeCount: 1000,
      direction: 'declining',
    });
    expect(
      summarizeTrend({ recentPositive: 3, recentNegative: 0, allPositive: 50, allNegative: 50 }).direction,
    ).toBeNull();
    expect(
      summarizeTrend({ recentPositive: 98, recentNegative: 2, allPositive: 80, allNegative: 20 }).direction,
    ).toBe('improving');
  });
});

describe('parseItemTags (GetItems include_tag_count)', () => {
  it('reads weighted tags of the first visible app, and falls back to tagids order', () => {
    const body = JSON.stringify({
      response: {
        store_items: [
          { item_type: 0, id: 5, success: 15, visible: false, appid: 0 },
          {
            item_type: 0,
            id: 413150,
            appid: 413150,
            success: 1,
            visible: true,
            name: 'Stardew Valley',
            type: 0,
            tagids: [599, 492],
            tags: [
              { tagid: 599, weight: 900 },
              { tagid: 492, weight: 700 },
            ],
          },
        ],
      },
    });
    expect(parseItemTags(body)).toEqual({
      appId: '413150',
      name: 'Stardew Valley',
      type: 'game',
      tags: [
        { tagId: 599, weight: 900 },
        { tagId: 492, weight: 700 },
      ],
    });
    const noWeights = '{"response":{"store_items":[{"id":7,"appid":7,"success":1,"tagids":[3,1,2]}]}}';
    expect(parseItemTags(noWeights)?.tags).toEqual([
      { tagId: 3, weight: 3 },
      { tagId: 1, weight: 2 },
      { tagId: 2, weight: 1 },
    ]);
    expect(parseItemTags('{"response":{}}')).toBeNull();
  });
});
