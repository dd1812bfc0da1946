import type { GameSummary } from '../catalog/types.js';
import type { UserNeeds } from './types.js';
import { PLAYER_TAGS } from './vocabulary.js';

/** Free games cost 0; a game without a price has none, and never fits a budget. */
export function effectivePrice(game: GameSummary): number | null {
  return game.isFree ? 0 : game.price;
}

/** Budget, free-only and platform: what the user said is never relaxed. */
export function meetsHardConstraints(game: GameSummary, needs: UserNeeds): boolean {
  if (game.type !== 'game') return false;
  const price = effectivePrice(game);
  if (needs.maxPrice !== null && (price === null || price > needs.maxPrice)) return false;
  if (needs.minPrice !== null && (price === null || price < needs.minPrice)) return false;
  if (needs.freeOnly && !game.isFree) return false;
  if (needs.platform && !game.platforms?.[needs.platform]) return false;
  return true;
}

/** Player mode is judged on tags only when the game has tags at all. */
export function meetsPlayers(game: GameSummary, needs: UserNeeds): boolean {
  if (!needs.players || game.tags.length === 0) return true;
  const { pattern } = PLAYER_TAGS[needs.players];
  return game.tags.some((tag) => pattern.test(tag));
}

export interface Filtered {
  games: GameSummary[];
  warnings: string[];
}

/**
 * Candidates that may be scored. The player-mode filter is soft: when it would leave
 * nothing it is dropped with a warning rather than answering with an empty list.
 */
export function applyConstraints(games: GameSummary[], needs: UserNeeds): Filtered {
  const hard = games.filter((g) => meetsHardConstraints(g, needs));
  const withPlayers = hard.filter((g) => meetsPlayers(g, needs));
  if (withPlayers.length > 0 || hard.length === 0 || !needs.players)
    return { games: withPlayers, warnings: [] };
  return {
    games: hard,
    warnings: [
      `没有找到明确标注为${PLAYER_LABEL[needs.players]}的游戏，已放宽该条件 / no candidate is tagged ${needs.players}; that filter was relaxed`,
    ],
  };
}

const PLAYER_LABEL = { single: '单人', multi: '多人', coop: '合作' } as const;
