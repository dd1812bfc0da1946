import type { GameSummary } from '../catalog/types.js';
import { UpstreamError } from '../errors.js';
import type { ChatClient } from '../llm/chat-client.js';
import type { Logger } from '../observability/logger.js';
import { meetsHardConstraints } from './constraints.js';
import { llmFailureReason } from './degraded-reasons.js';
import { extractJsonObject, looseNumber, looseStringList } from './llm-json.js';
import { buildScoringPrompt } from './prompts.js';
import { clampScore, ruleScore, type Scored } from './rule-score.js';
import type { Recommendation, UserNeeds } from './types.js';

export interface RankInput {
  query: string;
  needs: UserNeeds;
  /** Candidates that already passed the constraints. */
  games: GameSummary[];
  tagIds: number[];
  /** Caller's cancel + the deadline. */
  signal: AbortSignal;
  /** The caller's own signal: its abort rejects, a deadline abort degrades. */
  callerSignal: AbortSignal | undefined;
}

export interface RankOutcome {
  ranked: Recommendation[];
  degradedReason: string | null;
  llmCalls: number;
  timedOut: boolean;
}

/** One batched model call scores every candidate; rules fill whatever the model skipped. */
export async function rankCandidates(
  deps: { chat: ChatClient; logger: Logger; currency: string },
  input: RankInput,
): Promise<RankOutcome> {
  const { games, needs } = input;
  const fallback = () => rankByRules(games, needs, input.tagIds);
  if (games.length === 0) return { ranked: [], degradedReason: null, llmCalls: 0, timedOut: false };
  if (!deps.chat.available) {
    const reason = llmFailureReason('scoring', new UpstreamError('LLM_UNAVAILABLE', 'No LLM configured'));
    return { ranked: fallback(), degradedReason: reason, llmCalls: 0, timedOut: false };
  }
  const prompt = buildScoringPrompt(input.query, needs, games, deps.currency);
  try {
    const answer = await deps.chat.complete({
      purpose: 'rank',
      system: prompt.system,
      user: prompt.user,
      json: true,
      maxTokens: prompt.maxTokens,
      signal: input.signal,
    });
    const modelScores = parseScores(answer.text, new Set(games.map((g) => g.appId)));
    if (modelScores.size === 0)
      throw new UpstreamError('LLM_BAD_OUTPUT', 'No usable score in the LLM answer');
    const ranked = games.map((g) =>
      withScore(g, modelScores.get(g.appId) ?? ruleScore(g, needs, input.tagIds)),
    );
    return { ranked: order(ranked, needs), degradedReason: null, llmCalls: 1, timedOut: false };
  } catch (error) {
    input.callerSignal?.throwIfAborted();
    const timedOut = input.signal.aborted;
    deps.logger.info({ stage: 'scoring', timedOut }, 'scoring fell back to rules');
    const reason = llmFailureReason(
      'scoring',
      timedOut ? new UpstreamError('LLM_TIMEOUT', 'deadline') : error,
    );
    return { ranked: fallback(), degradedReason: reason, llmCalls: 1, timedOut };
  }
}

/** Model-free ranking, also used when the deadline leaves no time for the model. */
export function rankByRules(games: GameSummary[], needs: UserNeeds, tagIds: number[]): Recommendation[] {
  return order(
    games.map((g) => withScore(g, ruleScore(g, needs, tagIds))),
    needs,
  );
}

/** Scores by app id; unknown ids, missing scores and empty reasons are dropped. */
export function parseScores(text: string, knownIds: ReadonlySet<string>): Map<string, Scored> {
  const root = extractJsonObject(text);
  const list = Array.isArray(root.scores) ? root.scores : (Object.values(root).find(Array.isArray) ?? []);
  const out = new Map<string, Scored>();
  for (const item of list as unknown[]) {
    if (!item || typeof item !== 'object') continue;
    const entry = item as Record<string, unknown>;
    const id = String(entry.app_id ?? entry.appId ?? entry.id ?? '').trim();
    const score = looseNumber(entry.score);
    const reason = typeof entry.reason === 'string' ? entry.reason.trim() : '';
    if (!knownIds.has(id) || score === null || !reason || out.has(id)) continue;
    out.set(id, { score: clampScore(score), reason, highlights: looseStringList(entry.highlights, 3) });
  }
  return out;
}

function withScore(game: GameSummary, scored: Scored): Recommendation {
  return { ...game, score: scored.score, reason: scored.reason, highlights: scored.highlights.slice(0, 3) };
}

/** By score, then review; constraint violators never leave, whatever the model said. */
function order(ranked: Recommendation[], needs: UserNeeds): Recommendation[] {
  return ranked
    .filter((g) => meetsHardConstraints(g, needs))
    .sort(
      (a, b) =>
        b.score - a.score ||
        (b.reviewPositivePct ?? -1) - (a.reviewPositivePct ?? -1) ||
        (b.reviewCount ?? 0) - (a.reviewCount ?? 0),
    );
}
