import type { GameSummary } from '../catalog/types.js';
import { capChars } from './llm-answer.js';
import type { UserNeeds } from './types.js';

interface Prompt {
  system: string;
  user: string;
  /** Total characters sent, for logs and size tests. */
  chars: number;
  maxTokens: number;
}

const DESCRIPTION_CHARS = 120;
const TAGS_PER_GAME = 8;
/** Store names and tags are third-party text: bounded so one listing cannot flood a prompt. */
const NAME_CHARS = 100;
const TAG_CHARS = 40;
/** Longest reason asked of the model: answer length dominates its latency. */
export const REASON_CHARS = 40;
/** Markers the fake LLM (and humans reading logs) use to tell the two prompts apart. */
export const ANALYSIS_MARKER = 'turn a Steam game request into search criteria';
export const SCORING_MARKER = 'rank Steam games for a request';

export function buildAnalysisPrompt(query: string, currency: string): Prompt {
  const system = [
    `You ${ANALYSIS_MARKER}. Reply with ONE JSON object and nothing else, with exactly these fields:`,
    '{"keywords":[1-4 English search keywords],"tags":[Steam tag names in English, e.g. "Open World","RPG","Co-op"],',
    '"minPrice":number|null,"maxPrice":number|null,"freeOnly":boolean,"players":"single"|"multi"|"coop"|null,',
    '"platform":"windows"|"mac"|"linux"|null,"language":"schinese"|"schinese_audio"|"tchinese"|"english"|null,"deck":"verified"|"playable_or_better"|null,"mustHave":[other explicit hard requirements],',
    '"preferences":[soft wishes],"userLanguage":"zh"|"en"}',
    `Prices are in ${currency} (the store currency); convert other currencies. Use null or [] for what the user did not say.`,
    'freeOnly only when the user wants free games only.',
  ].join('\n');
  return finish(system, query.trim(), 400);
}

export function buildScoringPrompt(
  query: string,
  needs: UserNeeds,
  games: GameSummary[],
  currency: string,
): Prompt {
  const language = needs.userLanguage === 'zh' ? 'Simplified Chinese' : 'English';
  const system = [
    `You ${SCORING_MARKER}. Score EVERY candidate 0-100 for how well it fits the request`,
    '(genre and tags, stated wishes, review quality, value for money).',
    'Reply with ONE JSON object and nothing else:',
    `{"scores":[{"app_id":"<id>","score":0-100,"reason":"one short sentence in ${language}","highlights":["short point in ${language}"]}]}`,
    `Be brief: each reason at most ${REASON_CHARS} characters, at most 3 highlights of a few words each.`,
  ].join('\n');
  const lines = games.map((g) =>
    [
      g.appId,
      capChars(clean(g.name), NAME_CHARS),
      priceText(g),
      g.tags
        .slice(0, TAGS_PER_GAME)
        .map((tag) => capChars(clean(tag), TAG_CHARS))
        .join(','),
      reviewText(g),
      clean(g.description ?? '').slice(0, DESCRIPTION_CHARS),
    ].join(' | '),
  );
  const user = [
    `Request: ${query.trim()}`,
    `Needs: ${needsText(needs, currency)}`,
    'Candidates (app_id | name | price | tags | reviews | description):',
    ...lines,
  ].join('\n');
  return finish(system, user, Math.min(2000, 150 + 80 * games.length));
}

function finish(system: string, user: string, maxTokens: number): Prompt {
  return { system, user, chars: system.length + user.length, maxTokens };
}

function needsText(needs: UserNeeds, currency: string): string {
  const parts = [
    needs.tags.length ? `tags ${needs.tags.join(', ')}` : '',
    needs.keywords.length ? `keywords ${needs.keywords.join(', ')}` : '',
    needs.freeOnly ? 'free only' : '',
    needs.minPrice !== null ? `min ${needs.minPrice} ${currency}` : '',
    needs.maxPrice !== null ? `max ${needs.maxPrice} ${currency}` : '',
    needs.players ? `players ${needs.players}` : '',
    needs.platform ? `platform ${needs.platform}` : '',
    needs.language ? `language ${needs.language}` : '',
    needs.deck ? `steam deck ${needs.deck}` : '',
    needs.mustHave.length ? `must have ${needs.mustHave.join(', ')}` : '',
    needs.preferences.length ? `prefers ${needs.preferences.join(', ')}` : '',
  ];
  return parts.filter(Boolean).join('; ') || 'none stated';
}

function priceText(game: GameSummary): string {
  if (game.isFree) return 'free';
  if (game.price === null) return 'no price';
  return game.discount > 0
    ? `${game.price} ${game.currency} (-${game.discount}%)`
    : `${game.price} ${game.currency}`;
}

function reviewText(game: GameSummary): string {
  if (game.reviewPositivePct === null) return 'no reviews';
  return `${game.reviewPositivePct}% of ${game.reviewCount ?? '?'}`;
}

/** One line per game: no newlines or column separators from store text. */
function clean(text: string): string {
  return text.replace(/[\s|]+/g, ' ').trim();
}
