import type { Logger } from '../observability/logger.js';
import type { SteamClient } from '../steam/client.js';
import type { WeightedTags } from '../steam/types.js';
import { findAppIdByName } from './details.js';
import { fitsPrice, isGame, playGate, uniqueByApp } from './filters.js';
import { distinct, type CatalogPages } from './pages.js';
import { vocabularyKey } from '../domain/keys.js';
import type { CallOptions, GameSummary, SimilarGame, SimilarQuery, SimilarResult } from './types.js';

/** The reference's heaviest tags that select candidates (any of them). */
const QUERY_TAGS = 6;
/** Candidates scanned from the any-of query (best sellers first). */
const SCAN_ANY = 300;
/** Candidates scanned from the query on the two heaviest tags together (niche neighbours). */
const SCAN_CORE = 100;
const MAX_SHARED_NAMES = 5;
/** Names that mark another edition of the same game, not a different game. */
const EDITION = /edition|deluxe|goty|remaster|complete|definitive|bundle|版|合集|典藏/i;

/**
 * Which neighbours the caller's filters allow (games only, budget, language, Steam Deck). The one
 * place list filters join the similarity search; `report` notes games left out as unknown.
 */
export function similarFilter(q: Pick<SimilarQuery, 'maxPrice' | 'play'>): {
  keep: (game: GameSummary) => boolean;
  report: (warnings: string[]) => void;
} {
  const gate = playGate(q.play);
  return {
    keep: (game) => isGame(game) && fitsPrice(game, { maxPrice: q.maxPrice }) && gate.keep(game),
    report: (warnings) => gate.report(warnings),
  };
}

/** The reference game's AppID: the identifier itself when Steam knows it, else a name lookup. */
async function referenceTags(
  steam: SteamClient,
  identifier: string,
  o: CallOptions,
): Promise<WeightedTags | null> {
  const id = identifier.trim();
  if (/^\d{1,10}$/.test(id)) {
    const byId = (await steam.itemTags(id, o)).value;
    if (byId) return byId;
  }
  const appId = await findAppIdByName(steam, id, o);
  return appId ? (await steam.itemTags(appId, o)).value : null;
}

/**
 * Games like the reference: its weighted tags select candidates from the catalog query, which
 * are ranked by the reference's weight of the tags they share, scaled by review quality. The
 * reference itself, its DLC and its other editions are left out.
 */
export async function findSimilarGames(
  steam: SteamClient,
  pages: CatalogPages,
  logger: Logger,
  q: SimilarQuery,
  o: CallOptions,
): Promise<SimilarResult | null> {
  const warnings: string[] = [];
  const reference = await referenceTags(steam, q.identifier, o);
  if (!reference) return null;
  const { value: namer, warnings: namerNotes } = await pages.namer(o);
  warnings.push(...namerNotes);
  const weights = new Map(reference.tags.map((t) => [t.tagId, t.weight]));
  const totalWeight = reference.tags.reduce((sum, t) => sum + t.weight, 0);
  const heaviest = reference.tags.slice(0, QUERY_TAGS).map((t) => t.tagId);
  const referenceInfo = { appId: reference.appId, name: reference.name, tags: namer(heaviest) };
  if (!heaviest.length) {
    warnings.push('The reference game has no tags to compare. 参考游戏没有可比较的标签。');
    return { reference: referenceInfo, games: [], totalFound: 0, warnings };
  }

  const [any, core] = await Promise.all([
    pages.scanQuery({ sort: 10, tagGroups: [heaviest] }, SCAN_ANY, o),
    heaviest.length > 1
      ? pages.scanQuery({ sort: 10, tagGroups: heaviest.slice(0, 2).map((id) => [id]) }, SCAN_CORE, o)
      : Promise.resolve({ items: [], truncated: false, warnings: [] }),
  ]);
  warnings.push(...any.warnings, ...core.warnings);
  const filter = similarFilter(q);
  const sameGame = isSameGame(reference);
  const scored = uniqueByApp([...core.items, ...any.items])
    .filter((g) => !sameGame(g) && filter.keep(g))
    .map((g): SimilarGame => {
      const shared = g.tagIds
        .filter((id) => weights.has(id))
        .sort((a, b) => (weights.get(b) ?? 0) - (weights.get(a) ?? 0));
      const sharedWeight = shared.reduce((sum, id) => sum + (weights.get(id) ?? 0), 0);
      return {
        ...g,
        sharedTags: namer(shared).slice(0, MAX_SHARED_NAMES),
        similarity: totalWeight > 0 ? Math.round((100 * sharedWeight) / totalWeight) / 100 : 0,
      };
    })
    .filter((g) => g.similarity > 0)
    .sort((a, b) => rankScore(b) - rankScore(a) || b.similarity - a.similarity);
  filter.report(warnings);
  logger.debug({ reference: reference.appId, candidates: scored.length }, 'similar games ranked');
  return {
    reference: referenceInfo,
    games: scored.slice(0, q.maxResults),
    totalFound: scored.length,
    warnings: distinct(warnings),
  };
}

/**
 * Shared tag weight first, then reviews: a game nobody reviewed keeps 75 % of its similarity, so
 * a well-loved game sharing nearly as much outranks an unknown one sharing slightly more.
 */
function rankScore(g: SimilarGame): number {
  return g.similarity * (0.75 + 0.25 * (reviewQuality(g) / 100));
}

/** Positive share, discounted for few reviews (a 100 % of 3 reviews is not a 95 % of 50,000). */
export function reviewQuality(g: Pick<GameSummary, 'reviewPositivePct' | 'reviewCount'>): number {
  if (g.reviewPositivePct === null) return 0;
  return g.reviewPositivePct * Math.min(1, Math.log10((g.reviewCount ?? 0) + 1) / 4);
}

function isSameGame(reference: WeightedTags): (g: GameSummary) => boolean {
  const name = vocabularyKey(reference.name);
  return (g) => {
    if (g.appId === reference.appId) return true;
    const other = vocabularyKey(g.name);
    if (!name || !other) return false;
    if (other === name) return true;
    // "Stardew Valley" vs "Stardew Valley Deluxe Edition": same game, another edition.
    return (other.startsWith(name) || name.startsWith(other)) && EDITION.test(`${g.name} ${reference.name}`);
  };
}
