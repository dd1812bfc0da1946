import type { SteamCatalog } from '../catalog/types.js';
import type { Cache } from '../cache.js';
import type { ChatClient } from '../llm/chat-client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { noopMetrics } from '../observability/metrics.js';
import { createRequestAnalyzer, type Analysis } from './analyze-request.js';
import { gatherCandidates, memoizeCatalog, startSearches, type CandidateSet } from './candidates.js';
import { applyConstraints, type Filtered } from './constraints.js';
import { NO_LLM_REASON } from './llm-answer.js';
import {
  rankByRules,
  rankCandidates,
  scoringCalls,
  shortlist,
  type RankInput,
  type RankOutcome,
} from './rank.js';
import { parseRequestByRules } from './rule-parser.js';
import { abortable, createDeadline, DEADLINE_REASON, type Deadline } from './run-bounds.js';
import { shortlistExtras, withShortlistExtras } from './shortlist-extras.js';
import { parseReference, similarList, startSimilar, withoutReference } from './similar-to.js';
import { withoutOwned, withTaste } from './taste.js';
import type {
  ProgressFn,
  ProgressStage,
  RecommendInput,
  RecommendOptions,
  RecommendResult,
  Recommender,
} from './types.js';

export interface RecommenderDeps {
  catalog: SteamCatalog;
  chat: ChatClient;
  logger: Logger;
  metrics?: Metrics;
  /** Store currency the prices (and budgets) are in, e.g. CNY. */
  currency: string;
  /** Overall budget of one recommendation, measured from the call (queueing included). */
  deadlineMs: number;
  now?: () => number;
  /** The model's analyses by normalized query, so a repeated request skips that LLM call. */
  analysisCache: Cache;
  /** Candidates sent to scoring, best rule-scored first (default DEFAULT_MAX_CANDIDATES; at least maxResults). */
  maxCandidates?: number;
}

/** The analysis may use this share of the deadline; search and scoring need the rest. */
const ANALYSIS_SHARE = 0.35;
/** Games collected from the searches before constraints and the shortlist. */
const GATHER_LIMIT = 60;
const DEFAULT_MAX_CANDIDATES = 18;
/** Chinese reviews and player counts may take this share of the time left, at most EXTRAS_MAX_MS. */
const EXTRAS_SHARE = 0.2;
const EXTRAS_MAX_MS = 1_500;

export function createRecommender(deps: RecommenderDeps): Recommender {
  const analyze = createRequestAnalyzer({
    ...deps,
    metrics: deps.metrics ?? noopMetrics,
    cache: deps.analysisCache,
  });
  const now = deps.now ?? Date.now;

  async function run(input: RecommendInput, opts: RecommendOptions, started: number, deadline: Deadline) {
    const caller = opts.signal;
    const { signal } = deadline;
    const progress = progressReporter(opts.onProgress, deps.logger);
    const query = input.userQuery.trim();
    // A deadline abort degrades to rules; a caller abort (or a real failure) rejects.
    const unlessDeadline =
      <T>(fallback: () => T) =>
      (error: unknown): T => {
        caller?.throwIfAborted();
        if (!deadline.expired()) throw error;
        return fallback();
      };

    progress('analyzing', 0, '正在分析需求 / analyzing the request');
    // The rules' searches start now, while the model analyses the request; the final search
    // joins them and adds only what the model's reading asks for beyond them.
    const rules = parseRequestByRules(query);
    const catalog = memoizeCatalog(deps.catalog);
    startSearches(catalog, rules, signal);
    const reference = parseReference(query);
    const similar = reference ? startSimilar(deps.catalog, reference, { signal }) : Promise.resolve(null);
    const budgetMs = Math.min(
      Math.max(0, started + deps.deadlineMs - now()),
      deps.deadlineMs * ANALYSIS_SHARE,
    );
    const analyzed: Analysis = await abortable(() => analyze(query, { signal, budgetMs }), signal).catch(
      unlessDeadline(() => ({ needs: rules, source: 'rules', degradedReason: null, llmCalls: 0 })),
    );
    const analysis = withTaste(analyzed, input.taste);

    progress('searching', 1, '正在搜索 Steam / searching Steam');
    const found = await gatherCandidates(catalog, analysis.needs, {
      signal,
      query,
      limit: GATHER_LIMIT,
      also: rules,
      extra: reference
        ? [{ key: 'similar', label: 'similar', run: async () => similarList(await similar) }]
        : [],
    });
    caller?.throwIfAborted();
    // A failed neighbour search is already a warning of the gathering.
    const neighbours = await similar.catch(() => null);
    const allowed = applyConstraints(
      withoutOwned(withoutReference(found.games, neighbours), input.taste),
      analysis.needs,
    );
    const cap = Math.max(deps.maxCandidates ?? DEFAULT_MAX_CANDIDATES, input.maxResults);
    const short = shortlist(allowed.games, analysis.needs, found.tagIds, cap);
    const extrasBudgetMs = Math.min(EXTRAS_MAX_MS, (started + deps.deadlineMs - now()) * EXTRAS_SHARE);
    const extras = shortlistExtras(deps.catalog, short, analysis.needs, { signal, budgetMs: extrasBudgetMs });
    // The rules weigh the extras, so they wait for them; the model does not see them, so its
    // scoring runs while they load and the cards get them afterwards.
    const byModel = deps.chat.available && !deadline.expired();
    const filtered = { ...allowed, games: byModel ? short : withShortlistExtras(short, await extras) };

    const count = filtered.games.length;
    progress('scoring', 2, `正在为 ${count} 款游戏评分 / scoring ${count} games`);
    const rankInput: RankInput = {
      query,
      needs: analysis.needs,
      games: filtered.games,
      tagIds: found.tagIds,
      signal,
      callerSignal: caller,
    };
    const byRules = (llmCalls: number): RankOutcome => ({
      ranked: rankByRules(filtered.games, analysis.needs, found.tagIds),
      degradedReason: null,
      llmCalls,
      timedOut: true,
    });
    const rank = deadline.expired()
      ? byRules(0)
      : await abortable(() => rankCandidates(deps, rankInput), signal).catch(
          unlessDeadline(() => byRules(scoringCalls(count))),
        );

    if (byModel) rank.ranked = withShortlistExtras(rank.ranked, await extras);
    const timedOut = deadline.expired() || rank.timedOut;
    const parts = { query, maxResults: input.maxResults, llmAvailable: deps.chat.available };
    const assembled = assembleResult({ ...parts, analysis, found, filtered, rank, timedOut });
    const result = {
      ...assembled,
      reference: neighbours ? { appId: neighbours.reference.appId, name: neighbours.reference.name } : null,
    };
    const { llmCalls, degraded, totalEvaluated } = result;
    deps.logger.info(
      { ms: now() - started, llmCalls, degraded, timedOut, totalEvaluated },
      'recommendation done',
    );
    progress('done', 3, `完成，推荐 ${result.recommendations.length} 款游戏 / done`);
    return result;
  }

  async function recommend(input: RecommendInput, opts: RecommendOptions = {}): Promise<RecommendResult> {
    const started = now();
    opts.signal?.throwIfAborted();
    const deadline = createDeadline(deps.deadlineMs, opts.signal);
    try {
      return await run(input, opts, started, deadline);
    } finally {
      deadline.dispose();
    }
  }

  return { recommend };
}

const STAGES = 3;

/** Reports progress; a throwing listener is logged and never breaks the recommendation. */
function progressReporter(onProgress: ProgressFn | undefined, logger: Logger) {
  return (stage: ProgressStage, step: number, message: string): void => {
    if (!onProgress) return;
    try {
      onProgress(stage, step, STAGES, message);
    } catch (error) {
      logger.warn(
        { stage, err: error instanceof Error ? error.message : String(error) },
        'progress listener threw',
      );
    }
  };
}

interface ResultParts {
  query: string;
  maxResults: number;
  llmAvailable: boolean;
  analysis: Analysis;
  found: CandidateSet;
  filtered: Filtered;
  rank: RankOutcome;
  timedOut: boolean;
}

/** Puts the stages' outcomes together; degraded whenever any stage fell back to rules. */
function assembleResult(parts: ResultParts): RecommendResult {
  const { analysis, found, filtered, rank, timedOut } = parts;
  const reasons = parts.llmAvailable
    ? [analysis.degradedReason, rank.degradedReason, timedOut ? DEADLINE_REASON : null]
    : [NO_LLM_REASON, timedOut ? DEADLINE_REASON : null];
  const degradedReason = [...new Set(reasons.filter((r): r is string => r !== null))].join('; ') || null;
  const recommendations = rank.ranked.slice(0, parts.maxResults);
  const warnings = [...found.warnings, ...filtered.warnings];
  if (recommendations.length === 0)
    warnings.push('没有找到同时满足所有条件的游戏 / no game met every requirement');
  return {
    query: parts.query,
    needs: analysis.needs,
    totalFound: found.totalFound,
    totalEvaluated: filtered.games.length,
    recommendations,
    degraded: degradedReason !== null,
    degradedReason,
    warnings,
    timedOut,
    llmCalls: analysis.llmCalls + rank.llmCalls,
  };
}
