/**
 * A replay of the old (Python) server's recommend_games call pattern, for the benchmark only:
 *
 * 1. one LLM call analyses the request (the same analysis prompt and parsing as the new design);
 * 2. candidates are gathered with the new design's own searches and filters (gatherCandidates,
 *    applyConstraints), so both designs see the same Steam data and the same games;
 * 3. the first 15 become candidates (the old default; the new design scores up to 30);
 * 4. per candidate, 8 at a time: one appdetails request, then ONE LLM call
 *    ("analyse how well this game fits");
 * 5. sort by score.
 */
import type { SteamCatalog } from '../src/catalog/types.js';
import { Semaphore } from '../src/http/semaphore.js';
import type { ChatClient } from '../src/llm/chat-client.js';
import { extractJsonObject, looseNumber } from '../src/recommend/llm-answer.js';
import { gatherCandidates } from '../src/recommend/candidates.js';
import { applyConstraints } from '../src/recommend/constraints.js';
import { LlmNeedsSchema, mergeNeeds } from '../src/recommend/needs-schema.js';
import { buildAnalysisPrompt } from '../src/recommend/prompts.js';
import { parseRequestByRules } from '../src/recommend/rule-parser.js';
import type { SteamClient } from '../src/steam/client.js';
import type { AppDetails } from '../src/steam/types.js';

/** Marks the per-game prompt so the fake model can answer it. */
export const OLD_GAME_MARKER = 'analyse how well this Steam game fits';

export interface OldDesignDeps {
  catalog: SteamCatalog;
  steam: SteamClient;
  chat: ChatClient;
  currency: string;
  /** Candidates analysed one by one (old default 15). */
  maxCandidates?: number;
  /** Per-game analyses in flight at once (old default 8). */
  concurrency?: number;
}

export interface OldRecommendation {
  appId: string;
  name: string;
  score: number;
  reason: string;
}

export async function oldRecommend(
  deps: OldDesignDeps,
  query: string,
  maxResults: number,
): Promise<OldRecommendation[]> {
  const analysisPrompt = buildAnalysisPrompt(query, deps.currency);
  const analysis = await deps.chat.complete({
    purpose: 'analyze',
    system: analysisPrompt.system,
    user: analysisPrompt.user,
    json: true,
    maxTokens: analysisPrompt.maxTokens,
  });
  const needs = mergeNeeds(
    LlmNeedsSchema.parse(extractJsonObject(analysis.text)),
    parseRequestByRules(query),
  );

  // The same searches and filters as the new design, so both score the same games (the old
  // server's own search is not replayed: the fake store matches keywords against names only).
  const found = await gatherCandidates(deps.catalog, needs, {
    signal: new AbortController().signal,
    query,
    limit: deps.maxCandidates ?? 15,
  });
  const candidates = applyConstraints(found.games, needs).games;

  const limiter = new Semaphore(deps.concurrency ?? 8);
  const scored = await Promise.all(
    candidates.map((game) =>
      limiter.run(async (): Promise<OldRecommendation | null> => {
        const { value: details } = await deps.steam.appDetails(game.appId);
        if (!details) return null;
        const answer = await deps.chat.complete({
          purpose: 'rank',
          system: `You ${OLD_GAME_MARKER} a player's request. Reply with ONE JSON object: {"score":0-100,"reason":"...","highlights":["..."]}`,
          user: `Request: ${query}\nGame:\n${describe(details, deps.currency)}`,
          json: true,
          maxTokens: 300,
        });
        const json = extractJsonObject(answer.text);
        return {
          appId: game.appId,
          name: details.name,
          score: looseNumber(json.score) ?? 0,
          reason: typeof json.reason === 'string' ? json.reason : '',
        };
      }),
    ),
  );
  return scored
    .filter((r): r is OldRecommendation => r !== null)
    .sort((a, b) => b.score - a.score)
    .slice(0, maxResults);
}

/** The game as the old per-game prompt showed it: the appdetails fields, description in full. */
function describe(d: AppDetails, currency: string): string {
  const price = d.isFree ? 'free' : d.price.final === null ? 'no price' : `${d.price.final} ${currency}`;
  return [
    `Name: ${d.name}`,
    `Price: ${price}`,
    `Genres: ${d.genres.join(', ')}`,
    `Categories: ${d.categories.join(', ')}`,
    `Developers: ${d.developers.join(', ')}`,
    `Release date: ${d.releaseDate ?? 'unknown'}`,
    `Metacritic: ${d.metacritic?.score ?? 'none'}`,
    `Recommendations: ${d.recommendations ?? 'unknown'}`,
    `Description: ${d.shortDescription ?? ''}`,
  ].join('\n');
}
