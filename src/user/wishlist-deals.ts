import { playGate } from '../catalog/filters.js';
import type { GameSummary } from '../catalog/types.js';
import type { PlayFilters } from '../domain/play-filters.js';
import { summaryFromItem, type TagNamer } from '../catalog/to-summary.js';
import type { ItemOffer } from '../steam/parse/item-offers.js';
import { roundMoney } from '../steam/parse/shared.js';
import type { RegionItem } from '../steam/user-api.js';
import type { WishlistItem } from '../steam/parse/user.js';

export interface WishlistDeal {
  game: GameSummary;
  /** The user's own order (1 = top); 0 = not ranked. */
  priority: number;
  /** ISO time the discount ends; null = no end given. */
  discountEndsAt: string | null;
  /** The lowest price of the last 30 days, when Steam sends it. */
  lowestRecentPrice: number | null;
  saving: number;
}

export interface WishlistDeals {
  deals: WishlistDeal[];
  totals: {
    items: number;
    priced: number;
    onSale: number;
    notSold: number;
    /** What buying every discounted wishlist game now saves, in the store currency. */
    totalSaving: number;
    matching: number;
  };
  /** Notes for the answer (games left out because their languages / Deck status are unknown). */
  warnings: string[];
}

export interface DealFilter {
  minDiscount: number;
  maxPrice?: number;
  maxResults: number;
  /** Language / Steam Deck: a game matches only when its card says so. */
  play?: PlayFilters;
}

/** Prices a wishlist: filters by discount, price, language and Deck, sorts by discount (then saving), totals it all. */
export function buildWishlistDeals(
  wishlist: readonly WishlistItem[],
  priced: ReadonlyMap<string, RegionItem>,
  filter: DealFilter,
  currency: string,
  nameTags: TagNamer,
): WishlistDeals {
  let onSale = 0;
  let pricedCount = 0;
  let notSold = 0;
  let totalSaving = 0;
  const matching: WishlistDeal[] = [];
  const gate = playGate(filter.play);
  for (const entry of wishlist) {
    const item = priced.get(entry.appId);
    const offer: ItemOffer = item?.offer ?? { appId: entry.appId, status: 'unavailable' };
    if (offer.status === 'unavailable' || offer.status === 'no_price') notSold++;
    if (offer.status !== 'priced' || !item?.card) continue;
    pricedCount++;
    const saving = roundMoney(offer.initial - offer.final);
    if (offer.discount > 0) {
      onSale++;
      totalSaving += saving;
    }
    if (offer.discount < filter.minDiscount) continue;
    if (filter.maxPrice !== undefined && offer.final > filter.maxPrice) continue;
    const game = summaryFromItem(item.card, currency, nameTags);
    if (!gate.keep(game)) continue;
    matching.push({
      game,
      priority: entry.priority,
      discountEndsAt: offer.discountEndsAt ? new Date(offer.discountEndsAt * 1000).toISOString() : null,
      lowestRecentPrice: offer.lowestRecent,
      saving,
    });
  }
  const warnings: string[] = [];
  gate.report(warnings);
  matching.sort(
    (a, b) =>
      b.game.discount - a.game.discount || b.saving - a.saving || a.game.name.localeCompare(b.game.name),
  );
  return {
    deals: matching.slice(0, filter.maxResults),
    totals: {
      items: wishlist.length,
      priced: pricedCount,
      onSale,
      notSold,
      totalSaving: roundMoney(totalSaving),
      matching: matching.length,
    },
    warnings,
  };
}
