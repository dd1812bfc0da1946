import { z } from 'zod';
import { intArg, textArg } from './args.js';
import { defineTool } from './define-tool.js';
import {
  ExtrasFields,
  GameOutput,
  toExtrasOutput,
  toGameOutput,
  Warnings,
  withWarnings,
} from './game-output.js';
import { STEAM_USER_ARG_HELP } from './get-wishlist-deals.js';
import { personalizationOutput, Personalization } from './personalization.js';

const STAGES = 4;

export const recommendGamesTool = defineTool({
  name: 'recommend_games',
  title: 'Recommend Steam games',
  description:
    'Recommend Steam games for a plain-language request in Chinese or English, e.g. "推荐一些开放世界RPG游戏，' +
    '100元以内" or "co-op games under $20". Understands budget, free-only, genres/tags, single/multiplayer and ' +
    'platform, and 像《X》/like X; budget and free-only are never violated. steam_user: picks lean to their ' +
    'wishlist and playtime, owned games left out. 用自然语言推荐游戏，严格遵守预算与免费等条件。',
  input: z.object({
    user_query: textArg('user_query', 500, 'The request, in Chinese or English'),
    max_results: intArg('max_results', 1, 20, 5, 'How many games'),
    steam_user: textArg('steam_user', 200, STEAM_USER_ARG_HELP).optional(),
  }),
  output: z.object({
    success: z.literal(true),
    query: z.string(),
    analysis: z.object({
      keywords: z.array(z.string()),
      tags: z.array(z.string()),
      min_price: z.number().nullable(),
      max_price: z.number().nullable(),
      free_only: z.boolean(),
      players: z.string().nullable(),
      platform: z.string().nullable(),
      language: z.string().nullable(),
      deck: z.string().nullable(),
      must_have: z.array(z.string()),
      preferences: z.array(z.string()),
    }),
    total_found: z.number().int(),
    total_evaluated: z.number().int(),
    recommendations_count: z.number().int(),
    recommendations: z.array(
      GameOutput.extend({
        recommendation_score: z.number().min(0).max(100),
        recommendation_reason: z.string(),
        highlights: z.array(z.string()).max(3),
        ...ExtrasFields,
      }),
    ),
    reference_game: z.object({ app_id: z.string(), name: z.string() }).nullable().optional(),
    degraded: z.boolean(),
    degraded_reason: z.string().nullable(),
    timed_out: z.boolean(),
    personalization: Personalization.optional(),
    warnings: Warnings,
  }),
  annotations: { readOnlyHint: true, openWorldHint: true, idempotentHint: false },
  ownDeadline: true, // RECOMMEND_DEADLINE_MS, with the best answer so far when it passes
  async handler(args, { recommender, wallet }, { signal, progress }) {
    const stageIndex = { analyzing: 1, searching: 2, scoring: 3, done: 4 } as const;
    const personal = args.steam_user ? await wallet.tasteProfile(args.steam_user, { signal }) : undefined;
    const result = await recommender.recommend(
      { userQuery: args.user_query, maxResults: args.max_results, taste: personal?.taste },
      { signal, onProgress: (stage, _p, _t, message) => progress(stageIndex[stage], STAGES, message) },
    );
    const n = result.needs;
    return withWarnings(
      {
        success: true as const,
        query: args.user_query,
        analysis: {
          keywords: n.keywords,
          tags: n.tags,
          min_price: n.minPrice,
          max_price: n.maxPrice,
          free_only: n.freeOnly,
          players: n.players,
          platform: n.platform,
          language: n.language,
          deck: n.deck,
          must_have: n.mustHave,
          preferences: n.preferences,
        },
        total_found: result.totalFound,
        total_evaluated: result.totalEvaluated,
        recommendations_count: result.recommendations.length,
        recommendations: result.recommendations.map((r) => ({
          ...toGameOutput(r),
          recommendation_score: r.score,
          recommendation_reason: r.reason,
          highlights: r.highlights.slice(0, 3),
          ...toExtrasOutput(r.extras),
        })),
        ...(result.reference !== undefined
          ? {
              reference_game: result.reference && {
                app_id: result.reference.appId,
                name: result.reference.name,
              },
            }
          : {}),
        degraded: result.degraded,
        degraded_reason: result.degradedReason,
        timed_out: result.timedOut,
        ...(personal ? { personalization: personalizationOutput(personal.taste) } : {}),
      },
      [...result.warnings, ...(personal?.warnings ?? [])],
    );
  },
});
