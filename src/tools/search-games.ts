import { z } from 'zod';
import { intArg, priceArg, textArg } from './args.js';
import { defineTool, READ_ONLY_STEAM } from './define-tool.js';
import { playArgs, playEcho, playEchoOf, playFilters } from './play-args.js';
import { gameListOutput, gameListResult } from './game-output.js';

export const searchGamesTool = defineTool({
  name: 'search_games',
  title: 'Search Steam games',
  description:
    'Search Steam games by keywords (Chinese or English); prices in the store currency (CNY by default). Games ' +
    'only: no DLC, soundtracks or bundles. get_game_details gives full details for an app_id. 按关键词搜索 Steam 游戏。',
  input: z.object({
    keywords: textArg('keywords', 200, 'Search words, e.g. "艾尔登法环", "open world RPG"'),
    max_price: priceArg('max_price', 'Highest current price (store currency)'),
    max_results: intArg('max_results', 1, 50, 10, 'How many games'),
    ...playArgs,
  }),
  output: gameListOutput({ keywords: z.string(), max_price: z.number().nullable(), ...playEcho }),
  annotations: READ_ONLY_STEAM,
  cacheable: true,
  async handler(args, { catalog }, { signal }) {
    const list = await catalog.searchGames(
      {
        keywords: args.keywords,
        maxPrice: args.max_price,
        maxResults: args.max_results,
        play: playFilters(args),
      },
      { signal },
    );
    return gameListResult(
      { keywords: args.keywords, max_price: args.max_price ?? null, ...playEchoOf(args) },
      list,
    );
  },
});
