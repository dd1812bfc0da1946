import { z } from 'zod';
import { gameNotFound, intArg, priceArg, textArg } from './args.js';
import { defineTool, READ_ONLY_STEAM } from './define-tool.js';
import { playArgs, playFilters } from './play-args.js';
import {
  ExtrasFields,
  GameOutput,
  toExtrasOutput,
  toGameOutput,
  Warnings,
  withWarnings,
} from './game-output.js';

export const findSimilarGamesTool = defineTool({
  name: 'find_similar_games',
  title: 'Games like a Steam game',
  description:
    "Games like a Steam game (AppID or name), ranked by shared tags (weighted by players' tag votes), then " +
    'reviews; excludes the game, its DLC and editions. 找相似游戏。',
  input: z.object({
    game_identifier: textArg('game_identifier', 200, 'Reference game: Steam AppID or name'),
    max_results: intArg('max_results', 1, 20, 10, 'How many games'),
    max_price: priceArg('max_price', 'Highest current price (store currency)'),
    ...playArgs,
  }),
  output: z.object({
    success: z.literal(true),
    game_identifier: z.string(),
    reference: z.object({ app_id: z.string(), name: z.string(), tags: z.array(z.string()) }),
    total_found: z.number().int(),
    games: z.array(
      GameOutput.extend({
        shared_tags: z.array(z.string()),
        similarity: z.number().describe("0–1: share of the reference's tag weight"),
        ...ExtrasFields,
      }),
    ),
    warnings: Warnings,
  }),
  annotations: READ_ONLY_STEAM,
  cacheable: true,
  async handler(args, { catalog }, { signal }) {
    const found = await catalog.similarGames(
      {
        identifier: args.game_identifier,
        maxResults: args.max_results,
        maxPrice: args.max_price,
        play: playFilters(args),
        withExtras: true,
      },
      { signal },
    );
    if (!found) {
      throw gameNotFound(args.game_identifier);
    }
    return withWarnings(
      {
        success: true as const,
        game_identifier: args.game_identifier,
        reference: { app_id: found.reference.appId, name: found.reference.name, tags: found.reference.tags },
        total_found: found.totalFound,
        games: found.games.map((g) => ({
          ...toGameOutput(g),
          shared_tags: g.sharedTags,
          similarity: g.similarity,
          ...toExtrasOutput(g.extras),
        })),
      },
      found.warnings,
    );
  },
});
