import { z } from 'zod';
import { parseJsonBody } from './json.js';

export interface WishlistItem {
  appId: string;
  /** 0 = not ranked by the user; 1, 2, … = the user's order. */
  priority: number;
  dateAdded: number | null;
}

const schema = z.object({
  response: z.object({
    items: z
      .array(
        z.object({
          appid: z.number().int().positive(),
          priority: z.number().optional(),
          date_added: z.number().optional(),
        }),
      )
      .optional(),
  }),
});

/**
 * `IWishlistService/GetWishlist` (FORMATS.md §14). Empty, private and unknown all answer
 * `{"response":{}}`: null says "no items key", so the caller can ask the profile which it was.
 * Order is not documented and old lists can repeat an app: de-duplicated, in the user's order.
 */
export function parseWishlist(body: string): WishlistItem[] | null {
  const { response } = parseJsonBody(body, schema, 'GetWishlist');
  if (!response.items) return null;
  const seen = new Set<number>();
  return response.items
    .filter((item) => !seen.has(item.appid) && seen.add(item.appid))
    .map((item) => ({
      appId: String(item.appid),
      priority: item.priority ?? 0,
      dateAdded: item.date_added ?? null,
    }))
    .sort((a, b) => rank(a.priority) - rank(b.priority) || (b.dateAdded ?? 0) - (a.dateAdded ?? 0));
}

const rank = (priority: number) => (priority > 0 ? priority : Number.MAX_SAFE_INTEGER);
