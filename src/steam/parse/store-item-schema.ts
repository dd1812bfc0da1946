import { z } from 'zod';
import { int64 } from './money.js';

const named = z.array(z.object({ name: z.string() }));

/** One card of IStoreBrowseService/GetItems and IStoreQueryService/Query (FORMATS.md §9). */
export const storeItemSchema = z.object({
  item_type: z.number().optional(),
  id: z.number().optional(),
  success: z.number(),
  visible: z.boolean().optional(),
  name: z.string().optional(),
  store_url_path: z.string().optional(),
  appid: z.number().optional(),
  type: z.number().optional(),
  is_free: z.boolean().optional(),
  is_coming_soon: z.boolean().optional(),
  is_early_access: z.boolean().optional(),
  tagids: z.array(z.number()).optional(),
  categories: z.record(z.string(), z.array(z.number())).optional(),
  reviews: z
    .object({
      summary_filtered: z
        .object({
          review_count: z.number().optional(),
          percent_positive: z.number().optional(),
          review_score: z.number().optional(),
          review_score_label: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  basic_info: z
    .object({
      short_description: z.string().optional(),
      publishers: named.optional(),
      developers: named.optional(),
    })
    .optional(),
  assets: z.object({ asset_url_format: z.string().optional(), header: z.string().optional() }).optional(),
  release: z
    .object({
      steam_release_date: z.number().optional(),
      is_coming_soon: z.boolean().optional(),
      is_early_access: z.boolean().optional(),
    })
    .optional(),
  platforms: z
    .object({
      windows: z.boolean().optional(),
      mac: z.boolean().optional(),
      steamos_linux: z.boolean().optional(),
      // Parsed leniently: an unexpected value means "unknown", never a failed card.
      steam_deck_compat_category: z.unknown().optional(),
    })
    .optional(),
  supported_languages: z
    .array(
      z.object({
        elanguage: z.number().optional(),
        supported: z.boolean().optional(),
        full_audio: z.boolean().optional(),
        subtitles: z.boolean().optional(),
      }),
    )
    .optional()
    .catch(undefined),
  best_purchase_option: z
    .object({
      final_price_in_cents: int64.optional(),
      original_price_in_cents: int64.optional(),
      discount_pct: z.number().optional(),
    })
    .optional(),
});

export type RawStoreItem = z.output<typeof storeItemSchema>;
