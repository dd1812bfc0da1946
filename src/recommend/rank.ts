import type { GameSummary } from '../catalog/types.js';
import { UpstreamError } from '../errors.js';
import type { ChatClient } from '../llm/chat-client.js';
import type { Logger } from '../observability/logger.js';
import { meetsHardConstraints } from './constraints.js';
import { capChars, extractJsonObject, llmFailureReason, looseNumber, looseStringList } from './llm-answer.js';
import { buildScoringPrompt, REASON_CHARS } from './prompts.js';
import { clampScore, ruleScore, type Scored } from './rule-score.js';
import type { Recommendation, UserNeeds } from './types.js';

/** The model is asked for REASON_CHARS; what it sends beyond a margin is cut, not shown. */
const REASON_MAX_CHARS = REASON_CHARS * 4;
const HIGHLIGHT_MAX_CHARS = 40;

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

/** Above this many candidates the scoring is split in two parallel calls. */
const BATCH_ABOVE = 10;

/** How many scoring calls `count` candidates take: 0, 1, or 2 parallel batches. */
export function scoringCalls(count: number): number {
  return count === 0 ? 0 : count > BATCH_ABOVE ? 2 : 1;
}

/**
 * The model scores every candidate: in one call, or in two parallel batches when there are
 * many (answer length dominates a model's latency). Rules fill whatever the model skipped.
 */
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
  const count = scoringCalls(games.length);
  // Alternate games between the batches so both see strong and weak candidates alike.
  const batches = Array.from({ length: count }, (_, b) => games.filter((_g, i) => i % count === b));
  // A single scoring call may retry once; parallel batches never retry: either way a
  // recommendation, its analysis included, stays within the same small number of LLM calls.
  const maxRetries = count > 1 ? 0 : undefined;
  const settled = await Promise.allSettled(
    batches.map((batch) => scoreBatch(deps, input, batch, maxRetries)),
  );
  const modelScores = new Map<string, Scored>();
  let failure: unknown = null;
  for (const result of settled) {
    if (result.status === 'fulfilled') for (const [id, s] of result.value) modelScores.set(id, s);
    else failure ??= result.reason;
  }
  if (failure === null) {
    const ranked = games.map((g) =>
      withScore(g, modelScores.get(g.appId) ?? ruleScore(g, needs, input.tagIds)),
    );
    return { ranked: order(ranked, needs), degradedReason: null, llmCalls: count, timedOut: false };
  }
  input.callerSignal?.throwIfAborted();
  const timedOut = input.signal.aborted;
  deps.logger.info(
    { stage: 'scoring', timedOut, batches: count, scoredByModel: modelScores.size },
    'scoring fell back to rules',
  );
  const reason = llmFailureReason(
    'scoring',
    timedOut ? new UpstreamError('LLM_TIMEOUT', 'deadline') : failure,
  );
  // A batch that did answer keeps its model scores; the rest are ranked by rules.
  const ranked = games.map((g) =>
    withScore(g, modelScores.get(g.appId) ?? ruleScore(g, needs, input.tagIds)),
  );
  return { ranked: order(ranked, needs), degradedReason: reason, llmCalls: count, timedOut };
}

async function scoreBatch(
  deps: { chat: ChatClient; currency: string },
  input: RankInput,
  games: GameSummary[],
  maxRetries: number | undefined,
): Promise<Map<string, Scored>> {
  const prompt = buildScoringPrompt(input.query, input.needs, games, deps.currency);
  const answer = await deps.chat.complete({
    purpose: 'rank',
    system: prompt.system,
    user: prompt.user,
    json: true,
    maxTokens: prompt.maxTokens,
    ...(maxRetries === undefined ? {} : { maxRetries }),
    signal: input.signal,
  });
  const scores = parseScores(answer.text, new Set(games.map((g) => g.appId)));
  if (scores.size === 0) throw new UpstreamError('LLM_BAD_OUTPUT', 'No usable score in the LLM answer');
  return scores;
}

/** The `limit` best candidates by rule score (the ones worth the model's time), best first. */
export function shortlist(
  games: GameSummary[],
  needs: UserNeeds,
  tagIds: number[],
  limit: number,
): GameSummary[] {
  return games
    .map((game, i) => ({ game, i, score: ruleScore(game, needs, tagIds).score }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map((s) => s.game);
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
    const reason = typeof entry.reason === 'string' ? capChars(entry.reason.trim(), REASON_MAX_CHARS) : '';
    if (!knownIds.has(id) || score === null || !reason || out.has(id)) continue;
    const highlights = looseStringList(entry.highlights, 3, HIGHLIGHT_MAX_CHARS);
    out.set(id, { score: clampScore(score), reason, highlights });
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
