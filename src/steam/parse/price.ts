import { roundMoney } from './money.js';

export interface ParsedPriceText {
  amount: number | null;
  isFree: boolean;
}

// "Free", "Free To Play", "免费", "免费开玩", "免費遊玩", "무료", "Бесплатно"…
const FREE_TEXT = /^(free(\s+to\s+play)?|免费(开玩)?|免費(遊玩|開玩)?|무료(\s*플레이)?|бесплатно)$/i;
const NUMBER = /\d[\d.,'\s\u00a0\u202f]*/;

/** A localized display price → currency units. A `-75%` text is a discount, not a price. */
export function parsePriceText(text: string): ParsedPriceText {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (trimmed === '' || trimmed.includes('%')) return { amount: null, isFree: false };
  if (FREE_TEXT.test(trimmed)) return { amount: 0, isFree: true };
  const match = NUMBER.exec(trimmed);
  if (!match) return { amount: null, isFree: false };
  const amount = parseLocalizedNumber(match[0]);
  return { amount: amount === null ? null : roundMoney(amount), isFree: false };
}

/** `-75%` → 75; anything else → null. */
export function parseDiscountText(text: string): number | null {
  const match = /(\d{1,3})\s*%/.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * `1,234.50`, `1.234,56`, `14,99`, `16,350`, `1 234` → number. With both separators the last
 * one is the decimal mark; a lone separator followed by exactly three digits groups thousands.
 */
function parseLocalizedNumber(raw: string): number | null {
  const compact = raw.replace(/['\s\u00a0\u202f]/g, '').replace(/[.,]+$/, '');
  if (compact === '') return null;
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let decimalMark: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalMark = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const occurrences = compact.split(mark).length - 1;
    const digitsAfter = compact.length - compact.lastIndexOf(mark) - 1;
    decimalMark = occurrences === 1 && digitsAfter !== 3 ? mark : null;
  }
  const thousands = decimalMark === '.' ? /,/g : decimalMark === ',' ? /\./g : /[.,]/g;
  const normalized = compact.replace(thousands, '').replace(',', '.');
  const value = Number(normalized);
  return Number.isFinite(value) ? value : null;
}
