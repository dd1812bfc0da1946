import type { PlayFilters } from '../domain/play-filters.js';
import { hasPlayFilters, playVerdict, unknownPlayWarning } from '../domain/play-filters.js';
import type { GameSummary } from './types.js';

export { fitsPrice, type PriceBounds } from '../domain/price.js';

export function isGame(game: Pick<GameSummary, 'type'>): boolean {
  return game.type === 'game';
}

/** Keeps the first occurrence of each app. */
export function uniqueByApp<T extends { appId: string }>(games: readonly T[]): T[] {
  const seen = new Set<string>();
  return games.filter((g) => (seen.has(g.appId) ? false : (seen.add(g.appId), true)));
}

/** Biggest discount first; ties by review count (more popular first), then name. */
export function byDiscountDesc(a: GameSummary, b: GameSummary): number {
  return (
    b.discount - a.discount ||
    (b.reviewCount ?? 0) - (a.reviewCount ?? 0) ||
    a.name.localeCompare(b.name, 'zh')
  );
}

export interface PlayGate {
  /** A language or Deck filter is set. */
  readonly active: boolean;
  keep(game: Pick<GameSummary, 'appId' | 'languages' | 'deck'>): boolean;
  /** Adds the "unknown data was not counted" note when games were left out for it. */
  report(warnings: string[]): void;
}

/**
 * The language / Steam Deck filter of a list call: a game matches only when its card says so;
 * games whose data is unknown are left out and counted, so the result can say how many.
 */
export function playGate(filters: PlayFilters | undefined): PlayGate {
  const active = filters && hasPlayFilters(filters) ? filters : null;
  const unknown = new Set<string>();
  return {
    active: active !== null,
    keep(game) {
      if (!active) return true;
      const verdict = playVerdict(game, active);
      if (verdict === 'unknown') unknown.add(game.appId);
      return verdict === 'match';
    },
    report(warnings) {
      if (active && unknown.size > 0) warnings.push(unknownPlayWarning(unknown.size, active));
    },
  };
}
