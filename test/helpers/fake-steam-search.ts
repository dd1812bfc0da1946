import type { FakeGame, FakePackage } from './fake-steam-games.js';
import { finalCents } from './fake-steam-games.js';
import type { FakeLang } from './fake-steam-format.js';
import {
  capsuleUrl,
  displayName,
  escapeHtml,
  formatCny,
  freeText,
  langOf,
  releaseText,
  reviewClass,
  reviewTooltip,
  slug,
  steamJson,
} from './fake-steam-format.js';

/** A search row's source: an app, or a package shown with its first app's details. */
interface SearchEntry {
  kind: 'app' | 'sub';
  id: number;
  game: FakeGame;
  name: string;
  englishName: string | undefined;
  priceCents: number | null;
  discount: number;
  isFree: boolean;
}

function entries(games: readonly FakeGame[], packages: readonly FakePackage[], term: string): SearchEntry[] {
  const apps: SearchEntry[] = games.map((game) => ({
    kind: 'app',
    id: game.appId,
    game,
    name: game.name,
    englishName: game.englishName,
    priceCents: game.priceCents,
    discount: game.discount,
    isFree: game.isFree,
  }));
  if (term === '') return apps;
  const subs: SearchEntry[] = [];
  for (const pkg of packages) {
    const game = games.find((g) => g.appId === pkg.appIds[0]);
    if (!game) continue;
    subs.push({ ...pkg, kind: 'sub', id: pkg.packageId, game, isFree: false });
  }
  return [...apps, ...subs];
}

export function matchesTerm(item: { name: string; englishName?: string | undefined }, term: string): boolean {
  const needle = term.trim().toLowerCase();
  if (needle === '') return true;
  return item.name.toLowerCase().includes(needle) || (item.englishName ?? '').toLowerCase().includes(needle);
}

function sortKeyed<T>(items: T[], key: (item: T) => number): T[] {
  return [...items].sort((a, b) => key(a) - key(b));
}

/** Filters and orders the catalog like /search/results/ does. */
export function searchCatalog(
  games: readonly FakeGame[],
  packages: readonly FakePackage[],
  query: URLSearchParams,
): { page: SearchEntry[]; total: number; start: number } {
  const term = query.get('term') ?? '';
  let found = entries(games, packages, term).filter((entry) => matchesTerm(entry, term));
  if ((query.get('category1') ?? '').split(',').includes('998')) {
    found = found.filter((entry) => entry.kind === 'sub' || entry.game.type === 'game');
  }
  if (query.get('specials') === '1') found = found.filter((entry) => entry.discount > 0 && !entry.isFree);
  const maxPrice = query.get('maxprice');
  if (maxPrice === 'free') found = found.filter((entry) => entry.isFree);
  else if (maxPrice && Number.isFinite(Number(maxPrice))) {
    found = found.filter((entry) => {
      const cents = finalCents(entry);
      return cents !== null && cents <= Number(maxPrice) * 100;
    });
  }
  const tags = (query.get('tags') ?? '').split(',').filter(Boolean).map(Number);
  if (tags.length > 0) found = found.filter((entry) => tags.every((tag) => entry.game.tagIds.includes(tag)));
  const filter = query.get('filter');
  if (filter === 'popularnew') found = found.filter((entry) => !entry.game.comingSoon);
  if (filter === 'comingsoon') found = found.filter((entry) => entry.game.comingSoon);

  found = sortKeyed(found, (entry) => entry.game.salesRank);
  if (filter === 'popularnew') found = sortKeyed(found, (entry) => entry.game.trendingRank);
  found = sortBy(found, query.get('sort_by'));

  const start = Math.max(0, Number(query.get('start') ?? 0) || 0);
  const count = Math.min(100, Math.max(1, Number(query.get('count') ?? 50) || 50));
  return { page: found.slice(start, start + count), total: found.length, start };
}

function sortBy(found: SearchEntry[], sort: string | null): SearchEntry[] {
  const price = (entry: SearchEntry): number => finalCents(entry) ?? Number.MAX_SAFE_INTEGER;
  const released = (entry: SearchEntry): number =>
    entry.game.releaseDate === null ? 0 : Date.parse(entry.game.releaseDate);
  switch (sort) {
    case 'Price_ASC':
      return sortKeyed(found, price);
    case 'Price_DESC':
      return sortKeyed(found, (entry) => (finalCents(entry) === null ? 1 : -price(entry)));
    case 'Reviews_DESC':
      return sortKeyed(
        found,
        (entry) => -((entry.game.review?.score ?? 0) * 1e9 + (entry.game.review?.count ?? 0)),
      );
    case 'Released_DESC':
      return sortKeyed(found, (entry) => -released(entry));
    case 'Name_ASC':
      return [...found].sort((a, b) => a.name.localeCompare(b.name));
    default:
      return found;
  }
}

function priceBlock(entry: SearchEntry, lang: FakeLang): { outer: number; block: string } {
  const final = finalCents(entry);
  if (entry.isFree) {
    // Real quirk: Counter-Strike 2 showed "Free" with a stale data-price-final.
    const outer = entry.id === 730 ? 1329 : 0;
    return {
      outer,
      block: `<div class="discount_block no_discount search_discount_block">\t<div class="discount_prices">\t\t<div class="discount_final_price free">${freeText(lang)}</div>\t</div></div>`,
    };
  }
  if (final === null || entry.priceCents === null) {
    return { outer: 0, block: '<div class="search_discount_block discount_block"></div>' };
  }
  if (entry.discount === 0) {
    return {
      outer: final,
      block: `<div class="discount_block search_discount_block no_discount" data-price-final="${final}" data-bundlediscount="0" data-discount="0"><div class="discount_prices"><div class="discount_final_price">${formatCny(final)}</div></div></div>`,
    };
  }
  const original = formatCny(entry.priceCents);
  const label =
    lang === 'english'
      ? `${entry.discount}% off. ${original} normally, discounted to ${formatCny(final)}`
      : `${entry.discount}% 折扣。原价 ${original}，折扣价 ${formatCny(final)}`;
  return {
    outer: final,
    block: `<div class="discount_block search_discount_block" data-price-final="${final}" data-bundlediscount="0" data-discount="${entry.discount}" role="link" aria-label="${escapeHtml(label)}"><div class="discount_pct">-${entry.discount}%</div><div class="discount_prices"><div class="discount_original_price">${original}</div><div class="discount_final_price">${formatCny(final)}</div></div></div>`,
  };
}

function renderRow(entry: SearchEntry, storeUrl: string, lang: FakeLang): string {
  const { game } = entry;
  const path = entry.kind === 'app' ? 'app' : 'sub';
  const identity =
    entry.kind === 'app'
      ? `data-ds-appid="${entry.id}" data-ds-itemkey="App_${entry.id}"`
      : `data-ds-packageid="${entry.id}" data-ds-itemkey="Sub_${entry.id}" data-ds-appid="${game.appId}"`;
  const platforms = (['win', 'mac', 'linux'] as const)
    .filter((p) => (p === 'win' ? game.platforms.windows : game.platforms[p]))
    .map((p) => `<span class="platform_img ${p}"></span>`)
    .join('');
  const review =
    entry.kind === 'app' && game.review
      ? `<span class="search_review_summary ${reviewClass(game.review)}" data-tooltip-html="${escapeHtml(reviewTooltip(game.review, lang))}"></span>`
      : '';
  const hover = `{&quot;type&quot;:&quot;${entry.kind}&quot;,&quot;id&quot;:${entry.id},&quot;public&quot;:1,&quot;v6&quot;:1}`;
  const price = priceBlock(entry, lang);
  const name = displayName(entry, lang);
  return `
\t\t\t\t<a href="${storeUrl}/${path}/${entry.id}/${slug(entry.englishName ?? name)}/?snr=1_7_7_151_150_1"
\t\t\t ${identity} data-ds-tagids="${JSON.stringify(game.tagIds)}" onmouseover="GameHover( this, event, 'global_hover', ${hover} );" onmouseout="HideGameHover( this, event, 'global_hover' )" class="search_result_row ds_collapse_flag "
\t\t   data-search-page="1" data-gpnav="item"
\t\t   data-ds-steam-deck-compat-handled="true">
            <div class="search_capsule"><img src="${capsuleUrl(entry.kind === 'app' ? 'apps' : 'subs', entry.id, 'capsule_231x87.jpg')}" ></div>
            <div class="responsive_search_name_combined">
                <div class="search_name ellipsis">
                    <span class="title">${escapeHtml(name)}</span>
                </div>
\t\t\t\t<div class="search_platforms">
\t\t\t\t\t${platforms}\t\t\t\t</div>
                <div class="search_released responsive_secondrow">
                    ${escapeHtml(releaseText(game, lang))}                </div>
                <div class="search_reviewscore responsive_secondrow">
                                            ${review}
                                    </div>


                <div class="search_price_discount_combined responsive_secondrow" data-price-final="${price.outer}">
                    <div class="search_discount_and_price responsive_secondrow">
                        ${price.block}                    </div>
                </div>
            </div>

        </a>
            `;
}

function renderRows(page: SearchEntry[], storeUrl: string, lang: FakeLang): string {
  return `\n<!-- List Items -->\n${page.map((entry) => renderRow(entry, storeUrl, lang)).join('')}\n<!-- End List Items -->\n`;
}

function paginationText(start: number, shown: number, total: number, lang: FakeLang): string {
  const first = shown === 0 ? 0 : start + 1;
  return lang === 'english'
    ? `showing ${first} - ${start + shown} of ${total}`
    : `显示 ${first} - ${start + shown} 项结果，共 ${total} 项`;
}

function renderFragment(result: ReturnType<typeof searchCatalog>, storeUrl: string, lang: FakeLang): string {
  const warning =
    lang === 'english'
      ? `${result.total} results match your search.`
      : `${result.total} 个结果符合您的搜索。`;
  return `
<script type = "text/javascript">
\t$J( function() {
\t\tPopulateTagFacetData( [], [], false );
\t});
</script>

\t\t<div id="search_results_filtered_warning" class="search_results_filtered_warning collapsed important" >
\t\t\t\t\t\t\t<div>${warning}</div>
\t\t</div>
<div id="search_result_container" >
\t<div class="search_rule"></div>
\t\t<div data-panel="{&quot;maintainY&quot;:true}" id="search_resultsRows">
${renderRows(result.page, storeUrl, lang)}
\t\t</div>
\t\t<div class="search_pagination">
            <div class="search_pagination_left">
                ${paginationText(result.start, result.page.length, result.total, lang)}            </div>
            <div class="search_pagination_right"></div>
\t\t</div>
</div>
`;
}

export interface SearchAnswer {
  contentType: string;
  body: string;
}

/** /search/results/: JSON envelope with `infinite=1`, else the HTML fragment. */
export function searchResults(
  games: readonly FakeGame[],
  packages: readonly FakePackage[],
  query: URLSearchParams,
  storeUrl: string,
): SearchAnswer {
  const lang = langOf(query.get('l'));
  const result = searchCatalog(games, packages, query);
  if (query.get('infinite') === '1') {
    const envelope = {
      success: 1,
      results_html: renderRows(result.page, storeUrl, lang),
      total_count: result.total,
      start: result.start,
    };
    return { contentType: 'application/json; charset=utf-8', body: steamJson(envelope) };
  }
  return { contentType: 'text/html; charset=UTF-8', body: renderFragment(result, storeUrl, lang) };
}

/** /search/: the same fragment inside a store page. */
export function searchPage(
  games: readonly FakeGame[],
  packages: readonly FakePackage[],
  query: URLSearchParams,
  storeUrl: string,
): SearchAnswer {
  const lang = langOf(query.get('l'));
  const fragment = renderFragment(searchCatalog(games, packages, query), storeUrl, lang);
  const term = escapeHtml(query.get('term') ?? '');
  const body = `<!DOCTYPE html>
<html class=" responsive DesktopUI" lang="${lang === 'english' ? 'en' : 'zh-cn'}">
<head><meta charset="utf-8"><title>${lang === 'english' ? 'Steam Search' : 'Steam 搜索'}</title></head>
<body class="v6 search_page responsive_page">
<form id="advsearchform"><input type="text" id="term" name="displayterm" value="${term}" maxlength="64"></form>
${fragment}
</body>
</html>
`;
  return { contentType: 'text/html; charset=UTF-8', body };
}
