import { z } from 'zod';
import { intArg, priceArg, textArg } from './args.js';
import { defineTool, READ_ONLY_STEAM } from './define-tool.js';
import { playArgs, playEcho, playEchoOf, playFilters } from './play-args.js';
import { GameOutput, toGameOutput, withWarnings, Warnings } from './game-output.js';

export const STEAM_USER_ARG_HELP = 'SteamID64, steamcommunity.com profile URL or custom URL name';

export const getWishlistDealsTool = defineTool({
  name: 'get_wishlist_deals',
  title: 'Deals on a Steam wishlist',
  description:
    "What is on sale in a Steam user's public wishlist, biggest discount first: price, discount, when the discount " +
    'ends, the lowest price of the last 30 days, and totals (items, on sale, total saving). No API key needed; ' +
    'the wishlist must be public. 查询愿望单里正在打折的游戏（需公开愿望单）。',
  input: z.object({
    steam_user: textArg('steam_user', 200, STEAM_USER_ARG_HELP),
    min_discount: intArg('min_discount', 0, 100, 0, 'Minimum discount in percent (0–100)'),
    max_price: priceArg('max_price', 'Highest current price (store currency)'),
    max_results: intArg('max_results', 1, 100, 20, 'How many games'),
    ...playArgs,
  }),
  output: z.object({
    success: z.literal(true),
    steam_user: z.string(),
    region: z.string(),
    currency: z.string(),
    ...playEcho,
    totals: z.object({
      items: z.number().int().describe('Games on the wishlist'),
      priced: z.number().int().describe('Games with a price in this region'),
      on_sale: z.number().int(),
      not_sold: z.number().int().describe('Not sold (or not yet priced) in this region'),
      total_saving: z.number().describe('Saving if every discounted game were bought now (store currency)'),
      matching: z.number().int().describe('Games passing the filters'),
    }),
    games: z.array(
      GameOutput.extend({
        wishlist_priority: z.number().int().describe("The user's own order; 0 = not ranked"),
        discount_ends_at: z.string().nullable().describe('ISO time the discount ends'),
        lowest_price_30d: z.number().nullable().describe('Lowest price of the last 30 days (Steam)'),
        saving: z.number(),
      }),
    ),
    warnings: Warnings,
  }),
  annotations: READ_ONLY_STEAM,
  async handler(args, { wallet }, { signal }) {
    const result = await wallet.wishlistDeals(
      args.steam_user,
      {
        minDiscount: args.min_discount,
        maxPrice: args.max_price,
        maxResults: args.max_results,
        play: playFilters(args),
      },
      { signal },
    );
    const { totals } = result;
    return withWarnings(
      {
        success: true as const,
        steam_user: args.steam_user,
        region: result.region,
        currency: result.currency,
        ...playEchoOf(args),
        totals: {
          items: totals.items,
          priced: totals.priced,
          on_sale: totals.onSale,
          not_sold: totals.notSold,
          total_saving: totals.totalSaving,
          matching: totals.matching,
        },
        games: result.deals.map((deal) => ({
          ...toGameOutput(deal.game),
          wishlist_priority: deal.priority,
          discount_ends_at: deal.discountEndsAt,
          lowest_price_30d: deal.lowestRecentPrice,
          saving: deal.saving,
        })),
      },
      result.warnings,
    );
  },
});
