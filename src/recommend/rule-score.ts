import type { GameSummary } from '../catalog/types.js';
import { effectivePrice } from './constraints.js';
import { withExtras } from './extras-score.js';
import type { UserNeeds } from './types.js';
import { tagKey } from './vocabulary.js';

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
  return { score: clampScore(score), ...describe(game, matchedTags, needs.userLanguage) };
}

export function clampScore(score: number): number {
  return Math.max(0, Math.min(100, Math.round(score)));
}

/** The game's own (localized) tag names that match a requested tag. */
function matchingTags(game: GameSummary, needs: UserNeeds): string[] {
  const wanted = new Set(needs.tags.map(tagKey));
  return game.tags.filter((tag) => wanted.has(tagKey(tag)));
}

function describe(game: GameSummary, matched: string[], lang: 'zh' | 'en'): Omit<Scored, 'score'> {
  const zh = lang === 'zh';
  const parts: string[] = [];
  const highlights = matched.slice(0, 2);
  if (matched.length) parts.push(zh ? `符合「${matched.join('、')}」` : `matches ${matched.join(', ')}`);
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
  const price = effectivePrice(game);
  if (game.isFree) parts.push(zh ? '免费游玩' : 'free to play');
  else if (price !== null) parts.push(`${zh ? '售价' : 'costs'} ${formatPrice(price, game.currency)}`);
  if (game.discount > 0) highlights.push(zh ? `折扣 -${game.discount}%` : `-${game.discount}% off`);
  if (!parts.length) parts.push(zh ? '与搜索条件相关' : 'related to your search');
  const sentence = parts.join(zh ? '；' : '; ');
  return {
    reason: zh ? `${sentence}。` : `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
    highlights: highlights.slice(0, 3),
  };
}

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

function formatPrice(price: number, currency: string): string {
  const symbol = SYMBOLS[currency];
  return symbol ? `${symbol}${price}` : `${price} ${currency}`;
}
