import type {
  CallOptions,
  GameList,
  GameSummary,
  SearchQuery,
  SteamCatalog,
  TopFilter,
} from '../catalog/types.js';
import type { PlayFilters } from '../domain/play-filters.js';
import { UpstreamError } from '../errors.js';
import { abortable } from './run-bounds.js';
import type { UserNeeds } from './types.js';

export interface CandidateSet {
  games: GameSummary[];
  /** Distinct games found before the candidate cap. */
  totalFound: number;
  /** Steam tag ids of the requested tags (used by rule scoring). */
  tagIds: number[];
  warnings: string[];
  /** The signal fired before every search finished; `games` holds what did. */
  interrupted: boolean;
}

/** The catalog calls the candidate search makes. */
type SearchCatalog = Pick<SteamCatalog, 'searchGames' | 'resolveTags' | 'freeGames' | 'topGames'>;

interface PlannedSearch {
  /** Identifies the search, so the same one planned twice runs once. */
  key: string;
  label: string;
  /** `tagIds` receives the resolved ids of the requested tags. */
  run: (tagIds: number[]) => Promise<GameList>;
}

const PER_SEARCH = 20;
const MAX_KEYWORD_SEARCHES = 3;
const MAX_TAGS_PER_SEARCH = 3;
const EMPTY: GameList = { games: [], totalFound: 0, warnings: [] };

/**
 * Joins identical catalog calls within one recommendation: a search started speculatively
 * (before the analysis arrived) is reused by the final search, never sent twice.
 */
export function memoizeCatalog(catalog: SearchCatalog): SearchCatalog {
  const calls = new Map<string, Promise<unknown>>();
  const memo =
    <A, T>(method: string, call: (arg: A, opts?: CallOptions) => Promise<T>) =>
    (arg: A, opts?: CallOptions): Promise<T> => {
      const key = `${method} ${JSON.stringify(arg)}`;
      let pending = calls.get(key) as Promise<T> | undefined;
      if (!pending) {
        pending = call(arg, opts);
        // Awaited later, or deliberately left unused: never an unhandled rejection.
        pending.catch(() => undefined);
        calls.set(key, pending);
      }
      return pending;
    };
  return {
    searchGames: memo('searchGames', (q: SearchQuery, o) => catalog.searchGames(q, o)),
    resolveTags: memo('resolveTags', (names: string[], o) => catalog.resolveTags(names, o)),
    freeGames: memo('freeGames', (q: { tags?: string[]; maxResults: number; play?: PlayFilters }, o) =>
      catalog.freeGames(q, o),
    ),
    topGames: memo('topGames', (q: { filter: TopFilter; maxResults: number }, o) => catalog.topGames(q, o)),
  };
}

/** The searches `needs` call for; empty when it names nothing to search for. */
function planSearches(catalog: SearchCatalog, needs: UserNeeds, signal: AbortSignal): PlannedSearch[] {
  const filters = {
    ...(needs.maxPrice !== null ? { maxPrice: needs.maxPrice } : {}),
    ...(needs.minPrice !== null ? { minPrice: needs.minPrice } : {}),
    ...(needs.freeOnly ? { freeOnly: true } : {}),
    ...playOf(needs),
    maxResults: PER_SEARCH,
  } satisfies SearchQuery;
  const search = (q: Partial<SearchQuery>) => catalog.searchGames({ ...filters, ...q }, { signal });

  const searches: PlannedSearch[] = needs.keywords.slice(0, MAX_KEYWORD_SEARCHES).map((keywords) => ({
    key: JSON.stringify(['keywords', keywords, filters]),
    label: `"${keywords}"`,
    run: () => search({ keywords }),
  }));
  if (needs.tags.length) {
    searches.push({
      key: JSON.stringify(['tags', needs.tags, filters]),
      label: 'tags',
      run: async (tagIds) => {
        const tags = await catalog.resolveTags(needs.tags, { signal });
        signal.throwIfAborted();
        tagIds.push(...tags.map((t) => t.tagId));
        const wanted = tags.slice(0, MAX_TAGS_PER_SEARCH);
        if (!wanted.length) return EMPTY;
        const all = await search({ tagIds: wanted.map((t) => t.tagId) });
        if (all.games.length || wanted.length === 1) return all;
        return relaxTags(wanted, all, (ids) => search({ tagIds: ids }));
      },
    });
  }
  if (needs.freeOnly) {
    searches.push({
      key: JSON.stringify(['free', needs.tags, playOf(needs)]),
      label: 'free',
      run: () =>
        catalog.freeGames({ tags: needs.tags, maxResults: PER_SEARCH, ...playOf(needs) }, { signal }),
    });
  }
  return searches;
}

/**
 * No game has every tag: drop the least important (last) tags. The shorter tag sets are
 * searched at once, and the longest one with results wins. Price filters stay.
 */
async function relaxTags(
  tags: { tagId: number; name: string }[],
  none: GameList,
  search: (tagIds: number[]) => Promise<GameList>,
): Promise<GameList> {
  const prefixes = Array.from({ length: tags.length - 1 }, (_, i) => tags.slice(0, tags.length - 1 - i));
  const settled = await Promise.allSettled(prefixes.map((p) => search(p.map((t) => t.tagId))));
  const index = settled.findIndex((r) => r.status === 'fulfilled' && r.value.games.length > 0);
  const found = settled[index];
  if (!found || found.status !== 'fulfilled') return none;
  const kept = prefixes[index]!.map((t) => t.name);
  const dropped = tags.slice(kept.length).map((t) => t.name);
  return {
    ...found.value,
    warnings: [
      ...found.value.warnings,
      `没有游戏同时带有全部标签，已去掉「${dropped.join('、')}」/ no game has every tag; searched without ${dropped.join(', ')}`,
    ],
  };
}

/**
 * Starts the searches `needs` call for without waiting for them (the rule-parsed needs,
 * while the model analyses the request). Pass the same memoized catalog to gatherCandidates
 * later to collect them.
 */
export function startSearches(catalog: SearchCatalog, needs: UserNeeds, signal: AbortSignal): void {
  for (const search of planSearches(catalog, needs, signal)) {
    if (signal.aborted) return;
    search.run([]).catch(() => undefined);
  }
}

/**
 * Runs the searches the needs (and `also`, e.g. the rule-parsed needs searched speculatively)
 * call for, plus `extra` ones (games like a named game), in parallel; failed searches become warnings.
 */
export async function gatherCandidates(
  catalog: SearchCatalog,
  needs: UserNeeds,
  opts: { signal: AbortSignal; limit: number; query: string; also?: UserNeeds; extra?: PlannedSearch[] },
): Promise<CandidateSet> {
  const { signal } = opts;
  const tagIds: number[] = [];
  const planned = [
    ...planSearches(catalog, needs, signal),
    ...(opts.also ? planSearches(catalog, opts.also, signal) : []),
    ...(opts.extra ?? []),
  ];
  const searches = planned.filter((s, i) => planned.findIndex((o) => o.key === s.key) === i);
  if (!searches.length) {
    // Nothing recognisable: let Steam match the words, and offer what sells.
    const keywords = opts.query.trim().slice(0, 100);
    searches.push({
      key: 'query',
      label: 'query',
      run: () => catalog.searchGames({ keywords, maxResults: PER_SEARCH, ...playOf(needs) }, { signal }),
    });
    searches.push({
      key: 'top sellers',
      label: 'top sellers',
      run: () => catalog.topGames({ filter: 'topsellers', maxResults: 30 }, { signal }),
    });
  }

  const settled = await Promise.allSettled(searches.map((s) => abortable(() => s.run(tagIds), signal)));
  const lists: GameSummary[][] = [];
  const warnings = new Set<string>();
  const errors: unknown[] = [];
  settled.forEach((result, i) => {
    if (result.status === 'fulfilled') {
      lists.push(result.value.games);
      for (const w of result.value.warnings) warnings.add(w);
    } else if (!signal.aborted) {
      errors.push(result.reason);
      warnings.add(
        `搜索 ${searches[i]?.label} 失败 / search ${searches[i]?.label} failed (${codeOf(result.reason)})`,
      );
    }
  });
  if (!signal.aborted && lists.length === 0) throw allFailed(errors);
  const merged = interleaveUnique(lists).filter((g) => g.type === 'game');
  return {
    games: merged.slice(0, opts.limit),
    totalFound: merged.length,
    tagIds: [...new Set(tagIds)],
    warnings: [...warnings],
    interrupted: signal.aborted,
  };
}

/** The language / Deck needs as a catalog filter, so each search returns games that can meet them. */
function playOf(needs: UserNeeds): { play?: PlayFilters } {
  return needs.language || needs.deck ? { play: { language: needs.language, deck: needs.deck } } : {};
}

/** Round-robin over the result lists so every search contributes its best matches. */
function interleaveUnique(lists: GameSummary[][]): GameSummary[] {
  const seen = new Set<string>();
  const out: GameSummary[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) {
    for (const list of lists) {
      const game = list[i];
      if (game && !seen.has(game.appId)) {
        seen.add(game.appId);
        out.push(game);
      }
    }
  }
  return out;
}

function codeOf(error: unknown): string {
  return error instanceof UpstreamError ? error.code : error instanceof Error ? error.name : 'error';
}

function allFailed(errors: unknown[]): Error {
  const first = errors.find((e) => e instanceof UpstreamError);
  if (first instanceof UpstreamError) return first;
  return new UpstreamError('STEAM_UNAVAILABLE', 'Every Steam search for the recommendation failed', {
    cause: errors[0],
  });
}
