import { z } from 'zod';
import { centsToUnits, int64, parseJsonBody } from './shared.js';

/** What one region's store says about buying an app right now (FORMATS.md §9, §22). */
export type ItemOffer =
  | { appId: string; status: 'unavailable' }
  | { appId: string; status: 'free'; name: string }
  | { appId: string; status: 'no_price'; name: string }
  | {
      appId: string;
      status: 'priced';
      name: string;
      /** Currency units of the requested region (1/100 on the wire for every currency). */
      final: number;
      initial: number;
      discount: number;
      formattedFinal: string | null;
      /** Unix seconds; null when the store gives no end. */
      discountEndsAt: number | null;
      /** The lowest price of the last 30 days (sent with discounts only). */
      lowestRecent: number | null;
    };

const offerItem = z.object({
  id: z.number().optional(),
  appid: z.number().optional(),
  success: z.number(),
  visible: z.boolean().optional(),
  item_type: z.number().optional(),
  name: z.string().optional(),
  is_free: z.boolean().optional(),
  best_purchase_option: z
    .object({
      final_price_in_cents: int64.optional(),
      original_price_in_cents: int64.optional(),
      formatted_final_price: z.string().optional(),
      discount_pct: z.number().optional(),
      active_discounts: z.array(z.object({ discount_end_date: z.number().optional() })).optional(),
      lowest_recent_price_in_cents: int64.optional(),
    })
    .optional(),
});

const schema = z.object({ response: z.object({ store_items: z.array(offerItem).optional() }) });

/**
 * The purchase side of a GetItems answer, one entry per requested app. A hidden or region-locked
 * app answers `success` ≠ 1 with `appid` 0: its id is only in `id`.
 */
export function parseItemOffers(body: string): ItemOffer[] {
  const { response } = parseJsonBody(body, schema, 'GetItems offers');
  return (response.store_items ?? [])
    .filter((item) => (item.item_type ?? 0) === 0)
    .map((item): ItemOffer => {
      const appId = String(item.id || item.appid || 0);
      if (item.success !== 1 || item.visible === false) return { appId, status: 'unavailable' };
      const name = item.name ?? '';
      if (item.is_free === true) return { appId, status: 'free', name };
      const option = item.best_purchase_option;
      if (option?.final_price_in_cents === undefined) return { appId, status: 'no_price', name };
      const final = centsToUnits(option.final_price_in_cents);
      const discount = option.discount_pct ?? 0;
      const ends = (option.active_discounts ?? []).map((d) => d.discount_end_date ?? 0).filter((t) => t > 0);
      return {
        appId,
        status: 'priced',
        name,
        final,
        initial:
          discount > 0 && option.original_price_in_cents !== undefined
            ? centsToUnits(option.original_price_in_cents)
            : final,
        discount,
        formattedFinal: option.formatted_final_price ?? null,
        discountEndsAt: ends.length ? Math.min(...ends) : null,
        lowestRecent:
          option.lowest_recent_price_in_cents === undefined
            ? null
            : centsToUnits(option.lowest_recent_price_in_cents),
      };
    });
}
