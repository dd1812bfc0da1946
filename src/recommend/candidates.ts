import type { GameList, GameSummary, SearchQuery, SteamCatalog } from '../catalog/types.js';
import { UpstreamError } from '../errors.js';
import { abortable } from './abortable.js';
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

interface NamedSearch {
  label: string;
  run: () => Promise<GameList>;
}

const PER_SEARCH = 20;
const MAX_KEYWORD_SEARCHES = 3;
const MAX_TAGS_PER_SEARCH = 3;

/** Runs the searches the needs call for in parallel; failed searches become warnings. */
export async function gatherCandidates(
  catalog: SteamCatalog,
  needs: UserNeeds,
  opts: { signal: AbortSignal; limit: number; query: string },
): Promise<CandidateSet> {
  const { signal } = opts;
  const tagIds: number[] = [];
  const filters = {
    ...(needs.maxPrice !== null ? { maxPrice: needs.maxPrice } : {}),
    ...(needs.minPrice !== null ? { minPrice: needs.minPrice } : {}),
    ...(needs.freeOnly ? { freeOnly: true } : {}),
    maxResults: PER_SEARCH,
  } satisfies SearchQuery;
  const search = (q: Partial<SearchQuery>) => () => catalog.searchGames({ ...filters, ...q }, { signal });

  const searches: NamedSearch[] = needs.keywords
    .slice(0, MAX_KEYWORD_SEARCHES)
    .map((keywords) => ({ label: `"${keywords}"`, run: search({ keywords }) }));
  if (needs.tags.length) {
    searches.push({
      label: 'tags',
      run: async () => {
        const tags = await catalog.resolveTags(needs.tags, { signal });
        signal.throwIfAborted();
        tagIds.push(...tags.map((t) => t.tagId));
        if (!tags.length) return { games: [], totalFound: 0, warnings: [] };
        return search({ tagIds: tagIds.slice(0, MAX_TAGS_PER_SEARCH) })();
      },
    });
  }
  if (needs.freeOnly) {
    searches.push({
      label: 'free',
      run: () => catalog.freeGames({ tags: needs.tags, maxResults: PER_SEARCH }, { signal }),
    });
  }
  if (!searches.length) {
    // Nothing recognisable: let Steam match the words, and offer what sells.
    searches.push({ label: 'query', run: search({ keywords: opts.query.trim().slice(0, 100) }) });
    searches.push({
      label: 'top sellers',
      run: () => catalog.topGames({ filter: 'topsellers', maxResults: 30 }, { signal }),
    });
  }

  const settled = await Promise.allSettled(searches.map((s) => abortable(s.run, signal)));
  const lists: GameSummary[][] = [];
  const warnings: string[] = [];
  const errors: unknown[] = [];
  settled.forEach((result, i) => {
    if (result.status === 'fulfilled') {
      lists.push(result.value.games);
      warnings.push(...result.value.warnings);
    } else if (!signal.aborted) {
      errors.push(result.reason);
      warnings.push(
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
    warnings,
    interrupted: signal.aborted,
  };
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
