import { z } from 'zod';
import type { Taste } from '../recommend/taste.js';

/** What a personal recommendation was built from, so the answer can say so. */
export const Personalization = z.object({
  built_from: z.string().describe('In words'),
  wishlist_games: z.number().int(),
  owned_games: z.number().int().describe("Needs the server's STEAM_API_KEY"),
  playtime_weighted: z.boolean(),
  taste_tags: z.array(z.object({ name: z.string(), weight: z.number() })),
  owned_excluded: z.boolean(),
});

export function personalizationOutput(taste: Taste): z.input<typeof Personalization> {
  const { wishlistGames, ownedGames, playtimeWeighted } = taste.source;
  const parts = [`${wishlistGames} wishlist games`];
  const zh = [`愿望单 ${wishlistGames} 款`];
  if (ownedGames) {
    parts.push(`${ownedGames} owned games weighted by playtime`);
    zh.push(`已拥有 ${ownedGames} 款（按游戏时长加权）`);
  }
  const names = taste.tags.map((t) => t.name).join('、');
  return {
    built_from:
      `Taste from ${parts.join(' and ')}${names ? `: ${names}` : ''}. ` +
      (ownedGames ? '' : 'Owned games are unknown without a Steam API key on the server. ') +
      `口味来自${zh.join('、')}${names ? `：${names}` : ''}。`,
    wishlist_games: wishlistGames,
    owned_games: ownedGames,
    playtime_weighted: playtimeWeighted,
    taste_tags: taste.tags.map((t) => ({ name: t.name, weight: t.weight })),
    owned_excluded: taste.ownedAppIds.size > 0,
  };
}
