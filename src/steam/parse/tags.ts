import { z } from 'zod';
import type { Tag } from '../types.js';
import { parseJsonBody } from './json.js';

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
