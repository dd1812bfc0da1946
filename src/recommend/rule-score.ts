import type { GameSummary } from '../catalog/types.js';
import { describeDeck } from '../domain/deck.js';
import { describeLanguageNeed, meetsLanguage } from '../domain/languages.js';
import { effectivePrice } from '../domain/price.js';
import { tagIdsMeeting, tagKey, termForName } from '../domain/vocabulary.js';
import { withExtras } from './shortlist-extras.js';
import type { UserNeeds } from './types.js';

export interface Scored {
  score: number;
  reason: string;
  highlights: string[];
}

/** Scores a game without a model, including what the shortlist lookups found (see withExtras). */
export function ruleScore(game: GameSummary, needs: UserNeeds, wantedTagIds: readonly number[]): Scored {
  return withExtras(game, needs, baseScore(game, needs, wantedTagIds));
}

/** Tag overlap, reviews, price fit and keyword match. */
function baseScore(game: GameSummary, needs: UserNeeds, wantedTagIds: readonly number[]): Scored {
  const matchedTags = matchingTags(game, needs);
  const idMatches = game.tagIds.filter((id) => wantedTagIds.includes(id)).length;
  const tagFit = needs.tags.length
    ? Math.min(1, Math.max(matchedTags.length, idMatches) / needs.tags.length)
    : 0.5;
  const pct = game.reviewPositivePct;
  const confidence = Math.min(1, Math.log10((game.reviewCount ?? 0) + 1) / 4);
  const reviewFit = pct === null ? 0.4 : (pct / 100) * (0.6 + 0.4 * confidence);
  const price = effectivePrice(game);
  const priceFit =
    price === null ? 0.3 : needs.preferences.includes('cheap') ? Math.max(0, 1 - price / 300) : 0.8;
  const text = `${game.name} ${game.description ?? ''} ${game.tags.join(' ')}`.toLowerCase();
  const keywordFit = needs.keywords.length
    ? needs.keywords.filter((k) => text.includes(k.toLowerCase())).length / needs.keywords.length
    : 0.5;
  const score = Math.round(100 * (0.4 * tagFit + 0.35 * reviewFit + 0.1 * priceFit + 0.15 * keywordFit));
  return { score: clampScore(score), ...describe(game, matchedTags, needs) };
}

export function clampScore(score: number): number {
  return Math.max(0, Math.min(100, Math.round(score)));
}

/**
 * The requested tags the game meets, named as the game's own (localized) tag when it carries
 * it, else as the vocabulary word (a related tag met it: 「种田」 by Farming Sim or Life Sim).
 */
function matchingTags(game: GameSummary, needs: UserNeeds): string[] {
  const zh = needs.userLanguage === 'zh';
  return needs.tags.flatMap((wanted) => {
    const key = tagKey(wanted);
    const own = game.tags.find((tag) => tagKey(tag) === key);
    if (own) return [own];
    if (!tagIdsMeeting(wanted).some((id) => game.tagIds.includes(id))) return [];
    const term = termForName(wanted);
    return [term ? (zh ? term.zh : (term.tag?.name ?? wanted)) : wanted];
  });
}

/** A reason and ≤ 3 highlights naming each need the game meets: play needs first, then tags. */
function describe(game: GameSummary, matched: string[], needs: UserNeeds): Omit<Scored, 'score'> {
  const zh = needs.userLanguage === 'zh';
  const parts: string[] = [];
  const highlights: string[] = [];
  const unique = [...new Set(matched)];
  if (needs.language && meetsLanguage(game.languages, needs.language)) {
    const said = describeLanguageNeed(needs.language, zh);
    parts.push(said);
    highlights.push(said);
  }
  if (needs.deck && game.deck !== 'unknown') {
    const said = describeDeck(game.deck, zh);
    parts.push(said);
    highlights.push(said);
  }
  if (unique.length) parts.push(zh ? `符合「${unique.join('、')}」` : `matches ${unique.join(', ')}`);
  highlights.push(...unique.slice(0, 2));
  if (game.reviewPositivePct !== null) {
    const count = game.reviewCount ?? 0;
    parts.push(
      zh
        ? `好评率 ${game.reviewPositivePct}%（${count} 条评测）`
        : `${game.reviewPositivePct}% positive of ${count} reviews`,
    );
    highlights.push(
      game.reviewSummary ??
        (zh ? `好评率 ${game.reviewPositivePct}%` : `${game.reviewPositivePct}% positive`),
    );
  }
  parts.push(...pricePart(game, needs, zh));
  if (game.discount > 0) highlights.push(zh ? `折扣 -${game.discount}%` : `-${game.discount}% off`);
  if (!parts.length) parts.push(zh ? '与搜索条件相关' : 'related to your search');
  const sentence = parts.join(zh ? '；' : '; ');
  return {
    reason: zh ? `${sentence}。` : `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
    highlights: highlights.slice(0, 3),
  };
}

/** Free, or the price, said against the budget when the user named one. */
function pricePart(game: GameSummary, needs: UserNeeds, zh: boolean): string[] {
  const price = effectivePrice(game);
  if (game.isFree) return [zh ? '免费游玩' : 'free to play'];
  if (price === null) return [];
  const shown = formatPrice(price, game.currency);
  if (needs.maxPrice !== null) {
    const budget = formatPrice(needs.maxPrice, game.currency);
    return [zh ? `售价 ${shown}，在 ${budget} 预算内` : `costs ${shown}, within your ${budget} budget`];
  }
  return [`${zh ? '售价' : 'costs'} ${shown}`];
}

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

function formatPrice(price: number, currency: string): string {
  const symbol = SYMBOLS[currency];
  return symbol ? `${symbol}${price}` : `${price} ${currency}`;
}
