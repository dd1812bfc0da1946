import { z } from 'zod';
import { playOutput } from './play-args.js';
import type { GameDetails, GameExtras, GameList, GameSummary } from '../catalog/types.js';

const Platforms = z.object({ windows: z.boolean(), mac: z.boolean(), linux: z.boolean() });

/** A game as every list tool returns it (snake_case on the wire, as the Python server did). */
export const GameOutput = z.object({
  app_id: z.string(),
  name: z.string(),
  price: z.number().nullable().describe('null: no price yet'),
  original_price: z.number().nullable(),
  discount: z.number().int().min(0).max(100),
  currency: z.string(),
  is_free: z.boolean(),
  url: z.string(),
  release_date: z.string().nullable(),
  tags: z.array(z.string()),
  description: z.string().nullable(),
  header_image: z.string().nullable(),
  review_summary: z.string().nullable(),
  review_positive_pct: z.number().nullable(),
  review_count: z.number().nullable(),
  platforms: Platforms.nullable(),
  ...playOutput,
});
export type GameOutput = z.infer<typeof GameOutput>;

/**
 * Per-game lookups shown where they are fetched: details, recommendations, similar games. The
 * names say what they are (docs/tools.md); no descriptions, to keep tools/list small.
 */
export const ExtrasFields = {
  review_schinese_pct: z.number().nullable().optional(),
  review_schinese_count: z.number().nullable().optional(),
  current_players: z.number().nullable().optional(),
};

const ReviewTrendOutput = z
  .object({
    recent_positive_pct: z.number().nullable(),
    recent_count: z.number(),
    direction: z.enum(['improving', 'declining', 'steady']).nullable(),
  })
  .nullable()
  .describe('Last 30 days; direction vs all time');

/** The extras that were fetched; absent keys were not asked for. */
export function toExtrasOutput(e: GameExtras | undefined) {
  if (!e) return {};
  return {
    ...(e.reviewSchinesePct !== undefined ? { review_schinese_pct: e.reviewSchinesePct } : {}),
    ...(e.reviewSchineseCount !== undefined ? { review_schinese_count: e.reviewSchineseCount } : {}),
    ...(e.currentPlayers !== undefined ? { current_players: e.currentPlayers } : {}),
  };
}

const Requirements = z
  .object({ minimum: z.string().nullable(), recommended: z.string().nullable() })
  .nullable();

export const DetailsOutput = GameOutput.extend({
  type: z.string(),
  developers: z.array(z.string()),
  publishers: z.array(z.string()),
  genres: z.array(z.string()),
  categories: z.array(z.string()),
  supported_languages: z.array(z.string()),
  metacritic: z.object({ score: z.number(), url: z.string().nullable() }).nullable(),
  screenshots: z.array(z.string()).max(5),
  system_requirements: z.object({ pc: Requirements, mac: Requirements, linux: Requirements }),
  dlc_count: z.number().int(),
  achievements: z.number().int().nullable(),
  website: z.string().nullable(),
  ...ExtrasFields,
  review_trend: ReviewTrendOutput.optional(),
});

export const Warnings = z.array(z.string()).optional().describe('Partial failures');

export function toGameOutput(g: GameSummary): GameOutput {
  return {
    app_id: g.appId,
    name: g.name,
    price: g.price,
    original_price: g.originalPrice,
    discount: g.discount,
    currency: g.currency,
    is_free: g.isFree,
    url: g.url,
    release_date: g.releaseDate,
    tags: g.tags,
    description: g.description,
    header_image: g.headerImage,
    review_summary: g.reviewSummary,
    review_positive_pct: g.reviewPositivePct,
    review_count: g.reviewCount,
    platforms: g.platforms,
    languages: g.languages,
    deck: g.deck,
  };
}

export function toDetailsOutput(d: GameDetails): z.input<typeof DetailsOutput> {
  return {
    ...toGameOutput(d),
    type: d.type,
    developers: d.developers,
    publishers: d.publishers,
    genres: d.genres,
    categories: d.categories,
    supported_languages: d.supportedLanguages,
    metacritic: d.metacritic,
    screenshots: d.screenshots.slice(0, 5),
    system_requirements: d.requirements,
    dlc_count: d.dlcCount,
    achievements: d.achievements,
    website: d.website,
    ...toExtrasOutput(d.extras),
    ...(d.extras?.reviewTrend !== undefined ? { review_trend: trendOutput(d.extras.reviewTrend) } : {}),
  };
}

function trendOutput(t: NonNullable<GameExtras['reviewTrend']> | null): z.input<typeof ReviewTrendOutput> {
  if (!t) return null;
  return {
    recent_positive_pct: t.recentPositivePct,
    recent_count: t.recentCount,
    direction: t.direction,
  };
}

/** The output of a list tool: `success`, the echoed filters (`fields`), `total_found`, `games`, `warnings`. */
export function gameListOutput<F extends z.ZodRawShape>(fields: F) {
  return z.object({
    success: z.literal(true),
    ...fields,
    total_found: z.number().int(),
    games: z.array(GameOutput),
    warnings: Warnings,
  });
}

/** Shapes a catalog list into a list tool's result, echoing `fields`. */
export function gameListResult<F extends object>(fields: F, list: GameList) {
  return withWarnings(
    { success: true as const, ...fields, total_found: list.totalFound, games: list.games.map(toGameOutput) },
    list.warnings,
  );
}

/** Adds `warnings` only when there are some, so clean answers stay clean. */
export function withWarnings<T extends object>(
  result: T,
  warnings: readonly string[],
): T & { warnings?: string[] } {
  return warnings.length ? { ...result, warnings: [...new Set(warnings)] } : result;
}
