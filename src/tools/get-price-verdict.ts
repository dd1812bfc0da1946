import { z } from 'zod';
import { textArg } from './args.js';
import { defineTool, READ_ONLY_STEAM } from './define-tool.js';
import { withWarnings, Warnings } from './game-output.js';

const Low = z.object({ price: z.number(), shop: z.string(), date: z.string().nullable() }).nullable();

export const getPriceVerdictTool = defineTool({
  name: 'get_price_verdict',
  title: 'Is this a good Steam price?',
  description:
    "Whether now is a good time to buy a game on Steam: current price and discount, Steam's lowest price of the " +
    'last 30 days and, when the server has an IsThereAnyDeal key, the historical lows. Verdict 史低 / 接近史低 / ' +
    '近期低价 / 建议等待 with the rule used. 这个价格是史低吗？值不值得现在买？',
  input: z.object({
    game_identifier: textArg('game_identifier', 200, 'Steam AppID or game name (Chinese or English)'),
  }),
  output: z.object({
    success: z.literal(true),
    game_identifier: z.string(),
    app_id: z.string(),
    name: z.string(),
    region: z.string(),
    currency: z.string(),
    price: z.number(),
    original_price: z.number(),
    discount: z.number().int(),
    discount_ends_at: z.string().nullable(),
    lowest_price_30d: z.number().nullable().describe("Steam's lowest price of the last 30 days"),
    historical_low: z
      .object({ all_time: Low, steam: Low })
      .nullable()
      .describe('From IsThereAnyDeal; null without ITAD_API_KEY'),
    verdict: z.enum(['史低', '接近史低', '近期低价', '建议等待']),
    verdict_code: z.enum(['historical_low', 'near_historical_low', 'recent_low', 'wait']),
    basis: z.enum(['itad_history', 'steam_30_days']),
    rule: z.string().describe('How the verdict was reached'),
    warnings: Warnings,
  }),
  annotations: READ_ONLY_STEAM,
  cacheable: true,
  async handler(args, { wallet }, { signal }) {
    const r = await wallet.priceVerdict(args.game_identifier, { signal });
    const low = (l: { price: number; shop: string; date: string | null } | null) =>
      l && { price: l.price, shop: l.shop, date: l.date };
    return withWarnings(
      {
        success: true as const,
        game_identifier: args.game_identifier,
        app_id: r.game.appId,
        name: r.game.name,
        region: r.region,
        currency: r.currency,
        price: r.current,
        original_price: r.original,
        discount: r.discount,
        discount_ends_at: r.discountEndsAt,
        lowest_price_30d: r.lowest30d,
        historical_low: r.history && { all_time: low(r.history.allTime), steam: low(r.history.steam) },
        verdict: r.verdict.label as '史低' | '接近史低' | '近期低价' | '建议等待',
        verdict_code: r.verdict.code,
        basis: r.verdict.basis,
        rule: r.verdict.rule,
      },
      r.warnings,
    );
  },
});
