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

/** Store JSON endpoints: appdetails, storesearch, appreviews, populartags. */

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

/** `/api/appdetails?appids=<one id>` (Steam answers `null` for several without a price filter). */
export function appDetails(games: readonly FakeGame[], query: URLSearchParams): unknown {
  const lang = langOf(query.get('l'));
  const ids = (query.get('appids') ?? '').split(',').filter(Boolean);
  if (ids.length !== 1) return null;
  const [id] = ids as [string];
  const game = byId(games, id);
  return { [id]: game ? { success: true, data: appData(games, game, lang) } : { success: false } };
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
