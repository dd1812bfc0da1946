import { z } from 'zod';
import { intArg, priceArg } from './args.js';
import { defineTool, READ_ONLY_STEAM } from './define-tool.js';
import { playArgs, playEcho, playEchoOf, playFilters } from './play-args.js';
import { gameListOutput, gameListResult } from './game-output.js';

export const getDiscountedGamesTool = defineTool({
  name: 'get_discounted_games',
  title: 'Steam games on sale',
  description:
    'Games currently on sale on Steam, biggest discount first (sorted over all deals found, not one page). ' +
    '获取 Steam 折扣游戏，按折扣从大到小排序。',
  input: z.object({
    min_discount: intArg('min_discount', 0, 100, 0, 'Percent'),
    max_price: priceArg('max_price', 'Highest discounted price (store currency)'),
    max_results: intArg('max_results', 1, 50, 20, 'How many games'),
    ...playArgs,
  }),
  output: gameListOutput({ min_discount: z.number().int(), max_price: z.number().nullable(), ...playEcho }),
  annotations: READ_ONLY_STEAM,
  cacheable: true,
  async handler(args, { catalog }, { signal }) {
    const list = await catalog.discountedGames(
      {
        minDiscount: args.min_discount,
        maxPrice: args.max_price,
        maxResults: args.max_results,
        play: playFilters(args),
      },
      { signal },
    );
    return gameListResult(
      { min_discount: args.min_discount, max_price: args.max_price ?? null, ...playEchoOf(args) },
      list,
    );
  },
});
