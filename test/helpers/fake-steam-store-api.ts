import type { FakeGame, FakePackage } from './fake-steam-games.js';
import { FAKE_CATEGORIES, FAKE_GENRES, FAKE_TAGS, finalCents } from './fake-steam-games.js';
import type { FakeLang } from './fake-steam-format.js';
import {
  capsuleUrl,
  displayName,
  escapeHtml,
  formatCny,
  langOf,
  releaseText,
  reviewLabel,
} from './fake-steam-format.js';
import { matchesTerm } from './fake-steam-search.js';

/** Store JSON endpoints: appdetails, storesearch, featuredcategories, appreviews, populartags. */

function byId(games: readonly FakeGame[], id: string): FakeGame | undefined {
  return games.find((game) => String(game.appId) === id);
}

function priceOverview(game: FakeGame): Record<string, unknown> | undefined {
  const final = finalCents(game);
  if (game.isFree || final === null || game.priceCents === null) return undefined;
  return {
    currency: 'CNY',
    initial: game.priceCents,
    final,
    discount_percent: game.discount,
    initial_formatted: game.discount > 0 ? formatCny(game.priceCents) : '',
    final_formatted: formatCny(final),
  };
}

function languagesHtml(lang: FakeLang): string {
  return lang === 'english'
    ? 'English<strong>*</strong>, Simplified Chinese<strong>*</strong>, Japanese, Traditional Chinese<br><strong>*</strong>languages with full audio support'
    : '简体中文<strong>*</strong>, 英语<strong>*</strong>, 日语, 繁体中文<br><strong>*</strong>具有完全音频支持的语言';
}

function requirementsHtml(lang: FakeLang): Record<string, string> {
  const [min, rec, os, memory] =
    lang === 'english'
      ? ['Minimum:', 'Recommended:', 'OS', 'Memory']
      : ['最低配置:', '推荐配置:', '操作系统', '内存'];
  return {
    minimum: `<strong>${min}</strong><br><ul class="bb_ul"><li><strong>${os} *:</strong> Windows 10 64-bit<br></li><li><strong>${memory}:</strong> 8 GB RAM</li></ul>`,
    recommended: `<strong>${rec}</strong><br><ul class="bb_ul"><li><strong>${os} *:</strong> Windows 11 64-bit<br></li><li><strong>${memory}:</strong> 16 GB RAM</li></ul>`,
  };
}

function appData(games: readonly FakeGame[], game: FakeGame, lang: FakeLang): Record<string, unknown> {
  const name = displayName(game, lang);
  const description = escapeHtml(game.shortDescription);
  const dlc = games.filter((g) => g.type === 'dlc' && g.fullGameAppId === game.appId).map((g) => g.appId);
  const fullGame = game.fullGameAppId === undefined ? undefined : byId(games, String(game.fullGameAppId));
  const overview = priceOverview(game);
  const shot = (i: number): Record<string, unknown> => ({
    id: i,
    path_thumbnail: capsuleUrl('apps', game.appId, `ss_${i}.600x338.jpg`),
    path_full: capsuleUrl('apps', game.appId, `ss_${i}.1920x1080.jpg`),
  });
  return {
    type: game.type,
    name,
    steam_appid: game.appId,
    required_age: game.requiredAge,
    is_free: game.isFree,
    ...(dlc.length > 0 ? { dlc } : {}),
    detailed_description: `<p>${description}</p>`,
    about_the_game: `<p>${description}</p>`,
    short_description: description,
    ...(fullGame ? { fullgame: { appid: String(fullGame.appId), name: displayName(fullGame, lang) } } : {}),
    supported_languages: languagesHtml(lang),
    header_image: capsuleUrl('apps', game.appId, 'header.jpg'),
    capsule_image: capsuleUrl('apps', game.appId, 'capsule_231x87.jpg'),
    website: null,
    pc_requirements: requirementsHtml(lang),
    mac_requirements: game.platforms.mac ? requirementsHtml(lang) : [],
    linux_requirements: [],
    developers: game.developers,
    publishers: game.publishers,
    ...(overview ? { price_overview: overview } : {}),
    packages: [game.appId * 10 + 1],
    platforms: game.platforms,
    ...(game.metacritic
      ? { metacritic: { score: game.metacritic, url: 'https://www.metacritic.com/game/pc/' } }
      : {}),
    categories: game.categories.map((id) => ({
      id,
      description: FAKE_CATEGORIES.get(id)?.[lang] ?? String(id),
    })),
    ...(game.genres.length > 0
      ? { genres: game.genres.map((id) => ({ id, description: FAKE_GENRES.get(id)?.[lang] ?? id })) }
      : {}),
    screenshots: [0, 1, 2, 3, 4, 5].map(shot),
    ...(game.review ? { recommendations: { total: game.review.count } } : {}),
    ...(game.type === 'game' ? { achievements: { total: 40, highlighted: [] } } : {}),
    release_date: { coming_soon: game.comingSoon, date: releaseText(game, lang) },
    content_descriptors: { ids: [], notes: null },
  };
}

/** `/api/appdetails?appids=` — one id, or several with `filters=price_overview`. */
export function appDetails(games: readonly FakeGame[], query: URLSearchParams): unknown {
  const lang = langOf(query.get('l'));
  const ids = (query.get('appids') ?? '').split(',').filter(Boolean);
  const priceOnly = query.get('filters') === 'price_overview';
  // Steam answers `null` for several appids without the price filter.
  if (ids.length !== 1 && !priceOnly) return null;
  const answer: Record<string, unknown> = {};
  for (const id of ids) {
    const game = byId(games, id);
    if (!game) answer[id] = { success: false };
    else if (priceOnly) {
      const overview = priceOverview(game);
      answer[id] = { success: true, data: overview ? { price_overview: overview } : [] };
    } else answer[id] = { success: true, data: appData(games, game, lang) };
  }
  return answer;
}

/** `/api/storesearch/?term=` — at most 10 apps and packages. */
export function storeSearch(
  games: readonly FakeGame[],
  packages: readonly FakePackage[],
  query: URLSearchParams,
): unknown {
  const lang = langOf(query.get('l'));
  const term = query.get('term') ?? '';
  if (term.trim() === '') return { total: 0, items: [] };
  const apps = [...games]
    .filter((game) => matchesTerm(game, term))
    .sort((a, b) => a.salesRank - b.salesRank)
    .map((game) => {
      const final = finalCents(game);
      return {
        type: 'app',
        name: displayName(game, lang),
        id: game.appId,
        ...(game.isFree || final === null || game.priceCents === null
          ? {}
          : { price: { currency: 'CNY', initial: game.priceCents, final } }),
        tiny_image: capsuleUrl('apps', game.appId, 'capsule_231x87.jpg'),
        metascore: game.metacritic ? String(game.metacritic) : '',
        platforms: game.platforms,
        streamingvideo: false,
      };
    });
  const subs = packages
    .filter((pkg) => matchesTerm(pkg, term))
    .map((pkg) => ({
      type: 'sub',
      name: lang === 'english' ? pkg.englishName : pkg.name,
      id: pkg.packageId,
      price: { currency: 'CNY', initial: pkg.priceCents, final: finalCents(pkg) },
      tiny_image: capsuleUrl('subs', pkg.packageId, 'capsule_231x87.jpg'),
      metascore: 0,
      platforms: { windows: true, mac: false, linux: false },
      streamingvideo: false,
    }));
  const items = [...apps, ...subs].slice(0, 10);
  return { total: items.length, items };
}

function featuredItem(game: FakeGame, lang: FakeLang): Record<string, unknown> {
  const final = finalCents(game);
  const priced = !game.isFree && final !== null && game.priceCents !== null;
  return {
    id: game.appId,
    type: 0,
    name: displayName(game, lang),
    discounted: priced && game.discount > 0,
    discount_percent: priced ? game.discount : 0,
    original_price: priced ? game.priceCents : null,
    final_price: priced ? final : 0,
    currency: 'CNY',
    large_capsule_image: capsuleUrl('apps', game.appId, 'capsule_616x353.jpg'),
    small_capsule_image: capsuleUrl('apps', game.appId, 'capsule_184x69.jpg'),
    windows_available: game.platforms.windows,
    mac_available: game.platforms.mac,
    linux_available: game.platforms.linux,
    streamingvideo_available: false,
    ...(priced && game.discount > 0 ? { discount_expiration: 1767283200 } : {}),
    header_image: capsuleUrl('apps', game.appId, 'header.jpg'),
  };
}

/** `/api/featuredcategories` with the real key layout. */
export function featuredCategories(games: readonly FakeGame[], query: URLSearchParams): unknown {
  const lang = langOf(query.get('l'));
  const zh = lang === 'schinese';
  const bySales = [...games].filter((g) => g.type === 'game').sort((a, b) => a.salesRank - b.salesRank);
  const released = bySales.filter((g) => !g.comingSoon);
  const specials = released.filter((g) => g.discount > 0 && !g.isFree).slice(0, 10);
  const topSellers = released.slice(0, 10);
  const newest = [...released]
    .sort((a, b) => (b.releaseDate ?? '').localeCompare(a.releaseDate ?? ''))
    .slice(0, 30);
  const list = (id: string, name: string, items: FakeGame[]): Record<string, unknown> => ({
    id,
    name,
    items: items.map((g) => featuredItem(g, lang)),
  });
  return {
    '0': { id: 'cat_spotlight', name: zh ? '聚光灯' : 'Spotlights', items: [] },
    specials: list('cat_specials', zh ? '特惠' : 'Specials', specials),
    coming_soon: list(
      'cat_comingsoon',
      zh ? '即将推出' : 'Coming Soon',
      bySales.filter((g) => g.comingSoon),
    ),
    // The real list repeats an entry now and then; keep one duplicate to mirror that.
    top_sellers: list('cat_topsellers', zh ? '热销商品' : 'Top Sellers', [
      ...topSellers.slice(0, 1),
      ...topSellers,
    ]),
    new_releases: list('cat_newreleases', zh ? '新品' : 'New Releases', newest),
    genres: { id: 'genres', name: zh ? '类型' : 'Genres' },
    trailerslideshow: { id: 'trailerslideshow', name: zh ? '预告片' : 'Trailer Slideshow' },
    status: 1,
  };
}

/** `/appreviews/<id>?json=1` summary; unknown apps still succeed with zeros. */
export function appReviews(games: readonly FakeGame[], appId: string, query: URLSearchParams): unknown {
  const lang = langOf(query.get('l') ?? query.get('language'));
  const review = byId(games, appId)?.review ?? null;
  if (!review) {
    return {
      success: 1,
      query_summary: {
        num_reviews: 0,
        review_score: 0,
        review_score_desc: lang === 'english' ? 'No user reviews' : '无用户评测',
        total_positive: 0,
        total_negative: 0,
        total_reviews: 0,
      },
      reviews: [],
      cursor: '*',
    };
  }
  const positive = Math.round((review.count * review.pct) / 100);
  return {
    success: 1,
    query_summary: {
      num_reviews: 0,
      review_score: review.score,
      review_score_desc: reviewLabel(review, lang),
      total_positive: positive,
      total_negative: review.count - positive,
      total_reviews: review.count,
    },
    reviews: [],
    cursor: '*',
  };
}

/** `/tagdata/populartags/<lang>`: bare array, most used first. */
export function popularTags(language: string): unknown {
  const lang = langOf(language);
  return [...FAKE_TAGS].map(([tagid, names]) => ({ tagid, name: names[lang] }));
}
