import type { Analysis } from './analyze-request.js';
import type { CandidateSet } from './candidates.js';
import type { Filtered } from './constraints.js';
import { DEADLINE_REASON } from './deadline.js';
import { NO_LLM_REASON } from './degraded-reasons.js';
import type { RankOutcome } from './rank.js';
import type { RecommendResult } from './types.js';

export interface ResultParts {
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
export function assembleResult(parts: ResultParts): RecommendResult {
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
