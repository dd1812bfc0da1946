import { z } from 'zod';
import { intArg } from './args.js';
import { defineTool, READ_ONLY_STEAM } from './define-tool.js';
import { GameOutput, toGameOutput, Warnings, withWarnings } from './game-output.js';

const FILTERS = ['topsellers', 'popularnew', 'trendingweek'] as const;
const filterError = `filter_type must be one of ${FILTERS.join(', ')}. filter_type 只能是 ${FILTERS.join(' / ')}。`;

export const getTopGamesTool = defineTool({
  name: 'get_top_games',
  title: 'Steam charts',
  description:
    'Steam charts for the store region: topsellers (热销商品, the Top Sellers list), popularnew (热门新品, ' +
    'popular new releases), trendingweek (新鲜热门, the New & Trending ranking).',
  input: z.object({
    max_results: intArg('max_results', 1, 50, 20, 'How many games'),
    filter_type: z.enum(FILTERS, { error: filterError }).default('topsellers').describe('Chart'),
  }),
  output: z.object({
    success: z.literal(true),
    filter_type: z.enum(FILTERS),
    total_found: z.number().int(),
    games: z.array(GameOutput.extend({ rank: z.number().int().min(1) })),
    warnings: Warnings,
  }),
  annotations: READ_ONLY_STEAM,
  cacheable: true,
  async handler(args, { catalog }, { signal }) {
    const list = await catalog.topGames(
      { filter: args.filter_type, maxResults: args.max_results },
      { signal },
    );
    return withWarnings(
      {
        success: true as const,
        filter_type: args.filter_type,
        total_found: list.totalFound,
        games: list.games.map((g, i) => ({ rank: i + 1, ...toGameOutput(g) })),
      },
      list.warnings,
    );
  },
});
