import { describe, expect, it } from 'vitest';
import { parseSearchResultsHtml, parseSearchResultsJson } from '../../../src/steam/parse/store-html.js';
import { cnContext, expectSteamParseError, fixture, sample, usdContext } from './files.js';

describe('parseSearchResultsHtml on real samples', () => {
  it('reads the Celeste fragment (RUB, English)', () => {
    const page = parseSearchResultsHtml(
      sample('search_results_html_fragment_celeste_rub_en.html'),
      usdContext('RUB'),
    );
    expect(page.rows).toHaveLength(50);
    expect(page.totalCount).toBe(95);
    const celeste = page.rows[0];
    expect(celeste).toMatchObject({
      kind: 'app',
      id: '504230',
      name: 'Celeste',
      url: 'https://store.steampowered.com/app/504230/Celeste/',
      releaseDate: '25 Jan, 2018',
      tagIds: [3877, 4026, 1756, 3964, 492, 1625, 5379],
      platforms: { windows: true, mac: true, linux: true },
      price: { final: 177, initial: 710, discount: 75, isFree: false, currency: 'RUB' },
      review: { summary: 'Overwhelmingly Positive', positivePct: 97, count: 56563, score: 9 },
    });
    expect(celeste?.capsuleImage).toContain('/apps/504230/capsule_231x87.jpg');
    // "To be announced" row: empty price block and empty review div.
    expect(page.rows[1]).toMatchObject({
      id: '3779560',
      price: { final: null, isFree: false },
      review: { positivePct: null, count: null },
    });
  });

  it('reads the full PEAK page (USD)', () => {
    const page = parseSearchResultsHtml(sample('search_page_full_term_PEAK_usd_en.utf8.html'), usdContext());
    expect(page.rows).toHaveLength(50);
    expect(page.totalCount).toBe(1677);
    expect(page.rows[0]).toMatchObject({ id: '3527290', name: 'PEAK', price: { final: 7.99, discount: 0 } });
    expect(page.rows.filter((row) => row.price.isFree)).toHaveLength(12);
    expect(page.rows.filter((row) => row.price.final === null)).toHaveLength(11);
    for (const row of page.rows.filter((r) => r.price.isFree)) expect(row.price.final).toBe(0);
  });

  it('reads the Korean specials results_html: every row discounted and consistent', () => {
    const page = parseSearchResultsHtml(
      sample('search_results_html_specials_topsellers_kr_koreana.html'),
      usdContext('KRW'),
    );
    expect(page.rows).toHaveLength(25);
    expect(page.totalCount).toBeNull();
    for (const row of page.rows) {
      const { initial, final, discount } = row.price;
      expect(discount).toBeGreaterThan(0);
      expect(final).not.toBeNull();
      expect(initial).toBeGreaterThan(final ?? Infinity);
      expect(Math.abs((100 * ((initial ?? 0) - (final ?? 0))) / (initial ?? 1) - discount)).toBeLessThan(1);
    }
    expect(page.rows[0]).toMatchObject({
      id: '1478500',
      price: { final: 16350, initial: 21800, discount: 25 },
      review: { summary: '매우 긍정적', positivePct: 93, count: 10095 },
    });
  });
});

describe('parseSearchResultsJson', () => {
  it('reads the real cozy envelope', () => {
    const page = parseSearchResultsJson(sample('search_results_json_cozy_us.json'), usdContext());
    expect(page.totalCount).toBe(1056);
    expect(page.rows.map((row) => row.id)).toEqual(['1055540', '3097300', '2070550', '3376990', '2179170']);
    expect(page.rows[0]).toMatchObject({
      name: 'A Short Hike',
      price: { final: 7.99 },
      review: { positivePct: 99, count: 12280 },
    });
  });

  it('reads the Chinese / CNY fixture', () => {
    const page = parseSearchResultsJson(fixture('search_results_schinese_cn.json'), cnContext);
    expect(page.totalCount).toBe(6);
    const byId = new Map(page.rows.map((row) => [row.id, row]));
    expect(byId.get('2358720')).toMatchObject({
      kind: 'app',
      name: '黑神话：悟空',
      releaseDate: '2024 年 8 月 20 日',
      price: { final: 268, initial: 268, discount: 0, isFree: false, currency: 'CNY' },
      review: { summary: '好评如潮', positivePct: 96, count: 1045281, score: 9 },
    });
    expect(byId.get('1091500')?.price).toEqual({
      final: 104.3,
      initial: 298,
      discount: 65,
      isFree: false,
      currency: 'CNY',
    });
    expect(byId.get('9990001')).toMatchObject({
      name: '天价收藏版 & 典藏包',
      price: { final: 1234.5, initial: 4938, discount: 75 },
      review: { summary: '褒贬不一', score: 5, positivePct: 55, count: 1234 },
    });
    expect(byId.get('570')?.price).toEqual({
      final: 0,
      initial: 0,
      discount: 0,
      isFree: true,
      currency: 'CNY',
    });
    expect(byId.get('3812360')).toMatchObject({
      releaseDate: '即将推出',
      price: { final: null, isFree: false },
    });
    expect(byId.get('1003311')).toMatchObject({
      kind: 'sub',
      url: 'https://store.steampowered.com/sub/1003311/Black_Myth_Wukong_Digital_Deluxe/',
      price: { final: 328 },
    });
  });

  it.each([
    ['truncated JSON', '{"success":1,"results_html":"<a cla'],
    ['success 2', '{"success":2}'],
    ['success 2 with html', '{"success":2,"results_html":"","total_count":0,"start":0}'],
    ['no results_html', '{"success":1,"total_count":3}'],
    ['not an object', '[]'],
  ])('rejects %s with STEAM_PARSE', (_label, body) => {
    expectSteamParseError(() => parseSearchResultsJson(body, cnContext));
  });

  it('returns an empty page for an envelope without rows', () => {
    const body = JSON.stringify({
      success: 1,
      results_html: '\n<!-- List Items -->\n<!-- End List Items -->\n',
      total_count: 0,
      start: 0,
    });
    expect(parseSearchResultsJson(body, cnContext)).toEqual({ rows: [], totalCount: 0 });
  });
});

describe('parseSearchResultsHtml edge cases', () => {
  const row = (attrs: string, block: string): string =>
    `<a class="search_result_row ds_collapse_flag " href="https://store.steampowered.com/app/730/CounterStrike_2/" ${attrs}>` +
    `<div class="search_name ellipsis"><span class="title">Counter-Strike 2</span></div>` +
    `<div class="search_price_discount_combined responsive_secondrow" data-price-final="1329">${block}</div></a>`;

  it('takes free from the text, not from data-price-final (Counter-Strike 2 case)', () => {
    const html = row(
      'data-ds-appid="730"',
      '<div class="discount_block no_discount search_discount_block" data-price-final="1329"><div class="discount_prices"><div class="discount_final_price free">免费开玩</div></div></div>',
    );
    expect(parseSearchResultsHtml(html, cnContext).rows[0]?.price).toMatchObject({ final: 0, isFree: true });
  });

  it('treats an unknown free wording as free through the `free` class', () => {
    const html = row(
      'data-ds-appid="730"',
      '<div class="discount_block no_discount search_discount_block"><div class="discount_prices"><div class="discount_final_price free">免费游玩</div></div></div>',
    );
    expect(parseSearchResultsHtml(html, cnContext).rows[0]?.price.isFree).toBe(true);
  });

  it('reads the Chinese pagination text', () => {
    const html =
      '<div id="search_resultsRows"></div><div class="search_pagination"><div class="search_pagination_left"> 显示 1 - 50 项结果，共 1,677 项 </div></div>';
    expect(parseSearchResultsHtml(html, cnContext)).toEqual({ rows: [], totalCount: 1677 });
  });

  it.each([
    ['an empty body', ''],
    [
      'a results container without rows',
      '<div id="search_result_container"><div id="search_resultsRows"></div></div>',
    ],
  ])('returns an empty page for %s', (_label, html) => {
    expect(parseSearchResultsHtml(html, cnContext).rows).toEqual([]);
  });

  it('rejects a page that is not a search page', () => {
    expectSteamParseError(() => parseSearchResultsHtml('<html><body>Access Denied</body></html>', cnContext));
  });

  it('rejects a row without any id', () => {
    expectSteamParseError(() => parseSearchResultsHtml(row('', ''), cnContext));
  });
});
