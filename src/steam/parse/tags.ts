/** Steam tags: the store's vocabulary (GetTagList, populartags) and one app's weighted tags. */
import { z } from 'zod';
import type { Tag, WeightedTags } from '../types.js';
import { appTypeFromNumber, parseJsonBody } from './shared.js';
import { storeItemSchema } from './store-items.js';

const tagSchema = z.object({ tagid: z.number().int(), name: z.string() });

const tagListSchema = z.object({
  response: z.object({ version_hash: z.string().optional(), tags: z.array(tagSchema).optional() }),
});

function toTag(raw: z.output<typeof tagSchema>): Tag {
  return { tagId: raw.tagid, name: raw.name };
}

/** `/tagdata/populartags/<lang>`: a bare array, most used first. */
export function parsePopularTags(body: string): Tag[] {
  return parseJsonBody(body, z.array(tagSchema), 'populartags').map(toTag);
}

/** `IStoreService/GetTagList`: `tags` is left out when have_version_hash matched. */
export function parseTagList(body: string): Tag[] {
  return (parseJsonBody(body, tagListSchema, 'GetTagList').response.tags ?? []).map(toTag);
}

const tagItemSchema = storeItemSchema
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

const itemTagsSchema = z.object({ response: z.object({ store_items: z.array(tagItemSchema).optional() }) });

/**
 * GetItems with `include_tag_count`: the first app's weighted tags. Without weights (old cards)
 * the `tagids` order stands in, heaviest first. null for unknown or hidden apps.
 */
export function parseItemTags(body: string): WeightedTags | null {
  const items = parseJsonBody(body, itemTagsSchema, 'GetItems tags').response.store_items ?? [];
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
