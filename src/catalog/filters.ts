import type { GameSummary } from './types.js';

export interface PriceBounds {
  maxPrice?: number;
  minPrice?: number;
}

/** A game without a price yet never fits a budget; a free game (price 0) fits any. */
export function fitsPrice(game: Pick<GameSummary, 'price'>, bounds: PriceBounds): boolean {
  if (bounds.maxPrice === undefined && bounds.minPrice === undefined) return true;
  if (game.price === null) return false;
  if (bounds.maxPrice !== undefined && game.price > bounds.maxPrice) return false;
  if (bounds.minPrice !== undefined && game.price < bounds.minPrice) return false;
  return true;
}

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
