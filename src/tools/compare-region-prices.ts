import { z } from 'zod';
import { PRICED_COUNTRIES } from '../steam/currency.js';
import { textArg } from './args.js';
import { defineTool, READ_ONLY_STEAM } from './define-tool.js';
import { withWarnings, Warnings } from './game-output.js';

const DEFAULT_REGIONS = ['CN', 'HK', 'US', 'JP', 'TR', 'AR'];
const regionHelp =
  `regions: 1–10 two-letter country codes from ${PRICED_COUNTRIES.join(', ')}. ` +
  `regions 必须是 1 到 10 个两位国家/地区代码。`;

const Region = z
  .string({ error: regionHelp })
  .trim()
  .toUpperCase()
  .refine((code) => PRICED_COUNTRIES.includes(code), { error: regionHelp });

export const compareRegionPricesTool = defineTool({
  name: 'compare_region_prices',
  title: 'Steam prices across regions',
  description:
    "One game's Steam price in several store regions, each in its own currency, with discount and whether it is " +
    'sold there. Converted to CNY only with rates the operator configured (their date is shown). Note: buying in ' +
    "another region's store (VPN, gifts, changing country) may break Steam's rules and get purchases revoked. " +
    '比较各区价格（跨区购买可能违反 Steam 规定）。',
  input: z.object({
    game_identifier: textArg('game_identifier', 200, 'Steam AppID or game name (Chinese or English)'),
    regions: z
      .array(Region, { error: regionHelp })
      .min(1, { error: regionHelp })
      .max(10, { error: regionHelp })
      .default(DEFAULT_REGIONS)
      .describe('Store regions as country codes, e.g. ["CN","HK","US","JP","TR","AR"]'),
  }),
  output: z.object({
    success: z.literal(true),
    game_identifier: z.string(),
    app_id: z.string(),
    name: z.string(),
    prices: z.array(
      z.object({
        region: z.string(),
        currency: z.string(),
        status: z.enum(['priced', 'free', 'no_price', 'not_sold', 'error']),
        price: z.number().nullable().describe("In the region's own currency"),
        original_price: z.number().nullable(),
        discount: z.number().int(),
        formatted_price: z.string().nullable(),
        lowest_price_30d: z.number().nullable(),
        price_cny: z.number().nullable().describe('Only when FX rates are configured'),
      }),
    ),
    cheapest_region: z.string().nullable().describe('By converted CNY price; null without rates'),
    fx: z.object({ rates_date: z.string(), source: z.string() }).nullable(),
    note: z.string(),
    warnings: Warnings,
  }),
  annotations: READ_ONLY_STEAM,
  cacheable: true,
  async handler(args, { wallet }, { signal }) {
    const regions = [...new Set(args.regions)];
    const result = await wallet.regionPrices(args.game_identifier, regions, { signal });
    return withWarnings(
      {
        success: true as const,
        game_identifier: args.game_identifier,
        app_id: result.game.appId,
        name: result.game.name,
        prices: result.rows.map((r) => ({
          region: r.region,
          currency: r.currency,
          status: r.status,
          price: r.price,
          original_price: r.originalPrice,
          discount: r.discount,
          formatted_price: r.formattedPrice,
          lowest_price_30d: r.lowestRecentPrice,
          price_cny: r.priceCny,
        })),
        cheapest_region: result.cheapestRegion,
        fx: result.fx ? { rates_date: result.fx.date, source: 'operator-configured FX_RATES_CNY' } : null,
        note:
          (result.fx
            ? `CNY figures use the operator's rates of ${result.fx.date}; real card/exchange costs differ. `
            : 'No conversion rates configured: each price is in its own currency only. ') +
          "Buying in another region's store may break Steam's rules (region restrictions) and purchases can be revoked. " +
          (result.fx ? `人民币换算按 ${result.fx.date} 的汇率。` : '未配置汇率，不做换算。') +
          '跨区购买可能违反 Steam 规定，购买可能被撤销。',
      },
      result.warnings,
    );
  },
});
