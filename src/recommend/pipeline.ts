import type { SteamCatalog } from '../catalog/types.js';
import type { TtlCache } from '../http/ttl-cache.js';
import type { ChatClient } from '../llm/chat-client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { noopMetrics } from '../observability/metrics.js';
import { abortable } from './abortable.js';
import { createRequestAnalyzer, type Analysis } from './analyze-request.js';
import { NO_LLM_REASON } from './degraded-reasons.js';
import { gatherCandidates } from './candidates.js';
import { applyConstraints } from './constraints.js';
import { createDeadline, DEADLINE_REASON } from './deadline.js';
import { progressReporter } from './progress.js';
import { rankByRules, rankCandidates, type RankOutcome } from './rank.js';
import { parseRequestByRules } from './rule-parser.js';
import type { RecommendInput, RecommendOptions, RecommendResult, Recommender } from './types.js';

export interface RecommenderDeps {
  catalog: SteamCatalog;
  chat: ChatClient;
  logger: Logger;
  metrics?: Metrics;
  /** Store currency the prices (and budgets) are in, e.g. CNY. */
  currency: string;
  /** Overall budget of one recommendation, measured from the call. */
  deadlineMs: number;
  now?: () => number;
  /** Cache of analyses by normalized query; an internal bounded one by default. */
  analysisCache?: TtlCache;
  /** Candidates sent to scoring (default 30). */
  maxCandidates?: number;
}

/** The analysis may use this share of the deadline; search and scoring need the rest. */
const ANALYSIS_SHARE = 0.35;

export function createRecommender(deps: RecommenderDeps): Recommender {
  const analyze = createRequestAnalyzer({
    ...deps,
    metrics: deps.metrics ?? noopMetrics,
    cache: deps.analysisCache,
  });
  const now = deps.now ?? Date.now;

  async function recommend(input: RecommendInput, opts: RecommendOptions = {}): Promise<RecommendResult> {
    const started = now();
    const caller = opts.signal;
    caller?.throwIfAborted();
    const deadline = createDeadline(deps.deadlineMs, caller);
    const { signal } = deadline;
    const remaining = () => Math.max(0, started + deps.deadlineMs - now());
    const progress = progressReporter(opts.onProgress, deps.logger);
    const query = input.userQuery.trim();
    try {
      progress('analyzing', 0, '正在分析需求 / analyzing the request');
      const budgetMs = Math.min(remaining(), deps.deadlineMs * ANALYSIS_SHARE);
      const analysis: Analysis = await abortable(() => analyze(query, { signal, budgetMs }), signal).catch(
        (error: unknown) => {
          caller?.throwIfAborted();
          if (!deadline.expired()) throw error;
          return {
            needs: parseRequestByRules(query),
            source: 'rules',
            degradedReason: null,
            llmCalls: 0,
          } as const;
        },
      );
      const { needs } = analysis;

      progress('searching', 1, '正在搜索 Steam / searching Steam');
      const found = await gatherCandidates(deps.catalog, needs, {
        signal,
        query,
        limit: deps.maxCandidates ?? 30,
      });
      caller?.throwIfAborted();
      const filtered = applyConstraints(found.games, needs);

      progress(
        'scoring',
        2,
        `正在为 ${filtered.games.length} 款游戏评分 / scoring ${filtered.games.length} games`,
      );
      const rank: RankOutcome = deadline.expired()
        ? {
            ranked: rankByRules(filtered.games, needs, found.tagIds),
            degradedReason: null,
            llmCalls: 0,
            timedOut: true,
          }
        : await abortable(
            () =>
              rankCandidates(deps, {
                query,
                needs,
                games: filtered.games,
                tagIds: found.tagIds,
                signal,
                callerSignal: caller,
              }),
            signal,
          ).catch((error: unknown) => {
            caller?.throwIfAborted();
            if (!deadline.expired()) throw error;
            const ranked = rankByRules(filtered.games, needs, found.tagIds);
            return { ranked, degradedReason: null, llmCalls: 1, timedOut: true };
          });

      const timedOut = deadline.expired() || rank.timedOut;
      const reasons = deps.chat.available
        ? [analysis.degradedReason, rank.degradedReason, timedOut ? DEADLINE_REASON : null]
        : [NO_LLM_REASON, timedOut ? DEADLINE_REASON : null];
      const degradedReason = [...new Set(reasons.filter((r): r is string => r !== null))].join('; ') || null;
      const recommendations = rank.ranked.slice(0, input.maxResults);
      const warnings = [...found.warnings, ...filtered.warnings];
      if (recommendations.length === 0)
        warnings.push('没有找到同时满足所有条件的游戏 / no game met every requirement');
      const result: RecommendResult = {
        query,
        needs,
        totalFound: found.totalFound,
        totalEvaluated: filtered.games.length,
        recommendations,
        degraded: degradedReason !== null,
        degradedReason,
        warnings,
        timedOut,
        llmCalls: analysis.llmCalls + rank.llmCalls,
      };
      deps.logger.info(
        {
          ms: now() - started,
          llmCalls: result.llmCalls,
          degraded: result.degraded,
          timedOut,
          evaluated: result.totalEvaluated,
        },
        'recommendation done',
      );
      progress('done', 3, `完成，推荐 ${recommendations.length} 款游戏 / done`);
      return result;
    } finally {
      deadline.dispose();
    }
  }

  return { recommend };
}
