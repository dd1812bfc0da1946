/** Price rules shared by the catalog filters and the recommender's hard constraints. */

export interface PriceBounds {
  maxPrice?: number | null;
  minPrice?: number | null;
}

/** Free games cost 0; a game without a price (unreleased, not sold) has none. */
export function effectivePrice(game: { price: number | null; isFree?: boolean }): number | null {
  return game.isFree ? 0 : game.price;
}

/** A game without a price never fits a budget; a free game fits any maximum. */
export function fitsPrice(game: { price: number | null; isFree?: boolean }, bounds: PriceBounds): boolean {
  const max = bounds.maxPrice ?? null;
  const min = bounds.minPrice ?? null;
  if (max === null && min === null) return true;
  const price = effectivePrice(game);
  if (price === null) return false;
  if (max !== null && price > max) return false;
  if (min !== null && price < min) return false;
  return true;
}
