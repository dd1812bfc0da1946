import { z } from 'zod';
import type { WeightedTags } from '../types.js';
import { appTypeFromNumber } from './app-type.js';
import { parseJsonBody } from './json.js';
import { storeItemSchema } from './store-item-schema.js';

const itemSchema = storeItemSchema
  .pick({
    item_type: true,
    id: true,
    success: true,
    visible: true,
    name: true,
    appid: true,
    type: true,
    tagids: true,
  })
  // A malformed tag list only loses the weights, not the item.
  .extend({ tags: z.array(z.object({ tagid: z.number(), weight: z.number().catch(0) })).catch([]) });

const bodySchema = z.object({ response: z.object({ store_items: z.array(itemSchema).optional() }) });

/**
 * GetItems with `include_tag_count`: the first app's weighted tags. Without weights (old cards)
 * the `tagids` order stands in, heaviest first. null for unknown or hidden apps.
 */
export function parseItemTags(body: string): WeightedTags | null {
  const items = parseJsonBody(body, bodySchema, 'GetItems tags').response.store_items ?? [];
  const item = items.find((i) => i.success === 1 && i.visible !== false && (i.item_type ?? 0) === 0);
  if (!item) return null;
  const weighted = item.tags.filter((t) => t.weight > 0);
  const tags = weighted.length
    ? weighted
    : (item.tagids ?? []).map((tagId, i, all) => ({ tagid: tagId, weight: all.length - i }));
  return {
    appId: String(item.appid || item.id || 0),
    name: item.name ?? '',
    type: appTypeFromNumber(item.type),
    tags: tags.map((t) => ({ tagId: t.tagid, weight: t.weight })),
  };
}
