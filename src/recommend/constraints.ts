import type { GameSummary } from '../catalog/types.js';
import { playVerdict, unknownPlayWarning } from '../domain/play-filters.js';
import { fitsPrice } from '../domain/price.js';
import { PLAYER_TERMS } from '../domain/vocabulary.js';
import type { UserNeeds } from './types.js';

/** Budget, free-only, platform, language and Steam Deck: what the user said is never relaxed. */
export function meetsHardConstraints(game: GameSummary, needs: UserNeeds): boolean {
  if (game.type !== 'game') return false;
  if (!fitsPrice(game, needs)) return false;
  if (needs.freeOnly && !game.isFree) return false;
  if (needs.platform && !game.platforms?.[needs.platform]) return false;
  // Unknown languages or Deck status never count as meeting the need.
  return playVerdict(game, needs) === 'match';
}

/** Player mode is judged on tags only when the game has tags at all. */
function meetsPlayers(game: GameSummary, needs: UserNeeds): boolean {
  if (!needs.players || (game.tags.length === 0 && game.tagIds.length === 0)) return true;
  const term = PLAYER_TERMS[needs.players];
  const ids = new Set([term.tag!.id, ...(term.related ?? [])]);
  return game.tagIds.some((id) => ids.has(id)) || game.tags.some((tag) => term.pattern.test(tag));
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
  const warnings: string[] = [];
  const unknown = games.filter(
    (g) => g.type === 'game' && fitsPrice(g, needs) && playVerdict(g, needs) === 'unknown',
  ).length;
  if (unknown > 0) warnings.push(unknownPlayWarning(unknown, needs));
  const withPlayers = hard.filter((g) => meetsPlayers(g, needs));
  if (withPlayers.length > 0 || hard.length === 0 || !needs.players) return { games: withPlayers, warnings };
  warnings.push(
    `没有找到明确标注为${PLAYER_LABEL[needs.players]}的游戏，已放宽该条件 / no candidate is tagged ${needs.players}; that filter was relaxed`,
  );
  return { games: hard, warnings };
}

const PLAYER_LABEL = { single: '单人', multi: '多人', coop: '合作' } as const;
