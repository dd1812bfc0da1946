import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deckFromCategory, meetsDeck } from '../../src/domain/deck.js';
import { languageNeedFrom, languagesFromRows, meetsLanguage } from '../../src/domain/languages.js';
import { playVerdict } from '../../src/domain/play-filters.js';
import { fitsPrice } from '../../src/domain/price.js';
import { parseLanguageSupport } from '../../src/steam/parse/app-details.js';
import { parseGetItems } from '../../src/steam/parse/store-items.js';

const ctx = { storeUrl: 'https://store.steampowered.com', currency: 'CNY' };

describe('languages (FORMATS.md §12)', () => {
  it('reads the recorded supported_languages rows (copied from shared/steam/samples)', () => {
    const body = readFileSync(
      'test/fixtures/steam/getitems_supported_languages_3850550_TRIMMED.json',
      'utf8',
    );
    const [item] = parseGetItems(body, ctx);
    // English (0) with audio; Russian (8) and French (2) are not card languages.
    expect(item?.languages).toEqual({ english: { interface: true, subtitles: true, full_audio: true } });
    expect(item?.deck).toBe('unknown');
  });

  it('treats missing flags as false, skips all-false rows and unknown ids, null when absent', () => {
    expect(
      languagesFromRows([
        { elanguage: 6, supported: true },
        { elanguage: 7 },
        { elanguage: -1, supported: true },
        { supported: true },
      ]),
    ).toEqual({ schinese: { interface: true, subtitles: false, full_audio: false } });
    expect(languagesFromRows(undefined)).toBeNull();
    expect(languagesFromRows([])).toEqual({});
  });

  it('survives a malformed supported_languages list (the card still parses, languages unknown)', () => {
    const body = JSON.stringify({
      response: { store_items: [{ id: 1, appid: 1, success: 1, name: 'X', supported_languages: 'oops' }] },
    });
    expect(parseGetItems(body, ctx)[0]?.languages).toBeNull();
  });

  it.each([
    ['schinese', { schinese: { interface: false, subtitles: true, full_audio: false } }, true],
    ['schinese_audio', { schinese: { interface: true, subtitles: true, full_audio: false } }, false],
    ['schinese_audio', { schinese: { interface: true, subtitles: true, full_audio: true } }, true],
    ['schinese', { english: { interface: true, subtitles: true, full_audio: true } }, false],
    ['tchinese', { tchinese: { interface: true, subtitles: false, full_audio: false } }, true],
    ['schinese', null, null],
  ] as const)('%s on %j → %s', (need, languages, expected) => {
    expect(meetsLanguage(languages, need)).toBe(expected);
  });

  it.each([
    ['Chinese', 'schinese'],
    ['简体中文', 'schinese'],
    ['中文配音', 'schinese_audio'],
    ['Chinese voice', 'schinese_audio'],
    ['繁體中文', 'tchinese'],
    ['english', 'english'],
    ['Japanese', null],
    [null, null],
  ])('language need from %s → %s', (text, need) => {
    expect(languageNeedFrom(text)).toBe(need);
  });

  it('reads appdetails supported_languages HTML: * marks full audio', () => {
    const html =
      '简体中文<strong>*</strong>, 英语<strong>*</strong>, 繁体中文, 日语<br><strong>*</strong>具有完全音频支持的语言';
    expect(parseLanguageSupport(html)).toEqual({
      schinese: { interface: true, subtitles: true, full_audio: true },
      english: { interface: true, subtitles: true, full_audio: true },
      tchinese: { interface: true, subtitles: true, full_audio: false },
    });
    expect(parseLanguageSupport(undefined)).toBeNull();
  });
});

describe('Steam Deck (FORMATS.md §9 platforms.steam_deck_compat_category)', () => {
  it.each([
    [3, 'verified'],
    [2, 'playable'],
    [1, 'unsupported'],
    [0, 'unknown'],
    [7, 'unknown'],
    ['3', 'unknown'],
    [null, 'unknown'],
    [undefined, 'unknown'],
  ])('category %j → %s', (category, status) => {
    expect(deckFromCategory(category)).toBe(status);
  });

  it.each([
    ['verified', 'verified', true],
    ['playable', 'verified', false],
    ['playable', 'playable_or_better', true],
    ['unsupported', 'playable_or_better', false],
    ['unknown', 'playable_or_better', null],
  ] as const)('%s meets %s → %s', (status, need, expected) => {
    expect(meetsDeck(status, need)).toBe(expected);
  });
});

describe('play verdict and price', () => {
  const chinese = { schinese: { interface: true, subtitles: true, full_audio: false } };
  it('a failed check wins over an unknown one; unknown is never a match', () => {
    expect(
      playVerdict({ languages: chinese, deck: 'verified' }, { language: 'schinese', deck: 'verified' }),
    ).toBe('match');
    expect(
      playVerdict({ languages: null, deck: 'unsupported' }, { language: 'schinese', deck: 'verified' }),
    ).toBe('no_match');
    expect(playVerdict({ languages: null, deck: 'verified' }, { language: 'schinese' })).toBe('unknown');
    expect(playVerdict({ languages: null, deck: 'unknown' }, {})).toBe('match');
  });

  it('free fits any budget, no price fits none', () => {
    expect(fitsPrice({ price: null, isFree: true }, { maxPrice: 10 })).toBe(true);
    expect(fitsPrice({ price: null }, { maxPrice: 10 })).toBe(false);
    expect(fitsPrice({ price: 30 }, { maxPrice: 10 })).toBe(false);
    expect(fitsPrice({ price: 30 }, { minPrice: null, maxPrice: null })).toBe(true);
  });
});
