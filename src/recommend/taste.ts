import type { GameSummary } from '../catalog/types.js';
import type { Analysis } from './analyze-request.js';

/** A player's taste, from their wishlist (and library with playtime when a key is set). */
export interface Taste {
  /** Most weighted first; weight 1 = the strongest tag. */
  tags: { tagId: number; name: string; weight: number }[];
  /** Games the player owns: never recommended. Empty without STEAM_API_KEY. */
  ownedAppIds: ReadonlySet<string>;
  source: { wishlistGames: number; ownedGames: number; playtimeWeighted: boolean };
}

export interface TasteSignal {
  tagIds: readonly number[];
  /** How much this game says about the player (wishlist ≈ 1, long-played games more). */
  weight: number;
}

/** Tags nearly every game has: they say nothing about taste. */
const GENERIC_TAGS = new Set([492, 4182, 21, 597, 19]);
const TOP_TAGS = 6;
/** Taste tags added to a request that names no tags of its own (the searches AND them). */
const SEARCH_TAGS = 2;

/** Wishlist games weigh 1 (the user's top picks 1.5); owned games by hours played, log-scaled. */
export function wishlistWeight(priority: number): number {
  return priority > 0 && priority <= 3 ? 1.5 : 1;
}

export function playtimeWeight(minutes: number): number {
  return minutes <= 0 ? 0.2 : Math.min(4, Math.log2(1 + minutes / 60));
}

/** Tag weights from the games' most-voted tags (earlier tags count more), strongest first. */
export function tasteTags(
  signals: readonly TasteSignal[],
  nameTags: (ids: readonly number[]) => string[],
): Taste['tags'] {
  const totals = new Map<number, number>();
  for (const { tagIds, weight } of signals) {
    tagIds.slice(0, 10).forEach((tagId, i) => {
      if (!GENERIC_TAGS.has(tagId)) totals.set(tagId, (totals.get(tagId) ?? 0) + weight * (1 - i * 0.07));
    });
  }
  const ranked = [...totals].sort((a, b) => b[1] - a[1]);
  const top = ranked[0]?.[1] ?? 1;
  return ranked
    .map(([tagId, total]) => ({
      tagId,
      name: nameTags([tagId])[0] ?? '',
      weight: Math.round((100 * total) / top) / 100,
    }))
    .filter((t) => t.name)
    .slice(0, TOP_TAGS);
}

/**
 * The recommender's one hook: taste tags join the request (searched when the user named no
 * tags, otherwise a preference the scorer reads), so candidates and scores lean to them.
 */
export function withTaste(analysis: Analysis, taste: Taste | undefined): Analysis {
  if (!taste?.tags.length) return analysis;
  const names = taste.tags.map((t) => t.name);
  const needs = analysis.needs;
  const preference = `${needs.userLanguage === 'zh' ? '玩家偏好' : 'player taste'}: ${names.join(', ')}`;
  return {
    ...analysis,
    needs: {
      ...needs,
      tags: needs.tags.length ? needs.tags : names.slice(0, SEARCH_TAGS),
      preferences: [...needs.preferences, preference],
    },
  };
}

/** Owned games never come back as recommendations. */
export function withoutOwned<G extends Pick<GameSummary, 'appId'>>(
  games: G[],
  taste: Taste | undefined,
): G[] {
  return taste?.ownedAppIds.size ? games.filter((g) => !taste.ownedAppIds.has(g.appId)) : games;
}
