/**
 * What the parsers read from the store's HTML: /search/ result pages and rows (with their
 * localized price and review texts), and the HTML inside JSON fields (descriptions, requirements).
 */
import { parse, type HTMLElement } from 'node-html-parser';
import { z } from 'zod';
import type { PriceInfo, ReviewInfo, SearchPage, SearchRow } from '../types.js';
import {
  centsToUnits,
  freePrice,
  noPrice,
  parseError,
  parseJsonBody,
  roundMoney,
  type ParseContext,
} from './shared.js';

// Markers of a search answer; a body without rows and without these is not a search page.
const SEARCH_MARKUP =
  /search_result_row|search_resultsRows|search_result_container|search_pagination|List Items/;

/** The HTML fragment, the full /search/ page, or a bare results_html string. */
export function parseSearchResultsHtml(html: string, ctx: ParseContext): SearchPage {
  const root = parse(html);
  const rows = root.querySelectorAll('a.search_result_row').map((row) => parseSearchRow(row, ctx));
  if (rows.length === 0 && html.trim() !== '' && !SEARCH_MARKUP.test(html)) {
    throw parseError('search results: no result rows or search markup in HTML');
  }
  const pagination = root.querySelector('.search_pagination_left')?.textContent ?? '';
  return { rows, totalCount: lastInteger(pagination) };
}

const envelopeSchema = z.object({
  success: z.number(),
  results_html: z.string(),
  total_count: z
    .union([z.number(), z.string().regex(/^\d+$/)])
    .transform(Number)
    .optional(),
  start: z.number().optional(),
});

/** The `infinite=1` JSON envelope `{success:1,results_html,total_count,start}`. */
export function parseSearchResultsJson(body: string, ctx: ParseContext): SearchPage {
  const envelope = parseJsonBody(body, envelopeSchema, 'search results JSON');
  if (envelope.success !== 1) throw parseError(`search results JSON: success is ${envelope.success}`);
  const page = parseSearchResultsHtml(envelope.results_html, ctx);
  return { rows: page.rows, totalCount: envelope.total_count ?? page.totalCount };
}

/** "showing 1 - 50 of 1,677" / "显示 1 - 50 项结果，共 1677 项" → 1677. */
function lastInteger(text: string): number | null {
  const numbers = text.match(/\d+(?:[,.\u00a0 ]\d{3})*/g);
  const last = numbers?.at(-1);
  return last === undefined ? null : Number(last.replace(/\D/g, ''));
}

/** One `<a class="search_result_row">` (FORMATS.md §1 "One result row"). */
function parseSearchRow(row: HTMLElement, ctx: ParseContext): SearchRow {
  const { kind, id } = rowIdentity(row);
  const title = row.querySelector('.search_name .title') ?? row.querySelector('.title');
  if (!title) throw parseError(`search row ${kind} ${id}: no .title`);
  const released = row.querySelector('.search_released')?.textContent.trim() ?? '';
  return {
    kind,
    id,
    name: title.textContent.trim(),
    url: (row.getAttribute('href') ?? `${ctx.storeUrl}/${kind}/${id}/`).replace(/\?.*$/, ''),
    capsuleImage: row.querySelector('.search_capsule img')?.getAttribute('src') ?? null,
    releaseDate: released === '' ? null : released,
    price: rowPrice(row, ctx.currency),
    review: rowReview(row),
    tagIds: rowTagIds(row),
    platforms: {
      windows: row.querySelector('.platform_img.win') !== null,
      mac: row.querySelector('.platform_img.mac') !== null,
      linux: row.querySelector('.platform_img.linux') !== null,
    },
  };
}

function rowIdentity(row: HTMLElement): { kind: SearchRow['kind']; id: string } {
  // Package rows may also carry data-ds-appid (the apps inside), so check them first.
  const packageId = row.getAttribute('data-ds-packageid');
  if (packageId) return { kind: 'sub', id: packageId.trim() };
  const bundleId = row.getAttribute('data-ds-bundleid');
  if (bundleId) return { kind: 'bundle', id: bundleId.trim() };
  const appId = row.getAttribute('data-ds-appid');
  if (appId && /^\d+$/.test(appId.trim())) return { kind: 'app', id: appId.trim() };
  throw parseError('search row without data-ds-appid / data-ds-packageid / data-ds-bundleid');
}

function rowPrice(row: HTMLElement, currency: string | null): PriceInfo {
  const block = row.querySelector('.search_discount_block') ?? row.querySelector('.discount_block');
  const finalElement = block?.querySelector('.discount_final_price');
  const finalText = finalElement?.textContent ?? '';
  if (!block || finalText.trim() === '') return noPrice(currency);
  // Free comes from the text (or its `free` class): data-price-final can hold a stale paid amount (CS2 case).
  const final = parsePriceText(finalText);
  if (final.isFree || finalElement?.classList.contains('free') === true) return freePrice(currency);
  const finalAmount = final.amount ?? centsAttribute(block) ?? centsAttribute(row);
  if (finalAmount === null) return noPrice(currency);
  const discountAttr = Number(block.getAttribute('data-discount'));
  const discount =
    Number.isInteger(discountAttr) && discountAttr > 0
      ? discountAttr
      : (parseDiscountText(block.querySelector('.discount_pct')?.textContent ?? '') ?? 0);
  const originalText = block.querySelector('.discount_original_price')?.textContent ?? '';
  const initial = parsePriceText(originalText).amount ?? finalAmount;
  return { final: finalAmount, initial, discount, isFree: false, currency };
}

function centsAttribute(element: HTMLElement): number | null {
  const raw = element.getAttribute('data-price-final');
  return raw !== undefined && /^\d+$/.test(raw) ? centsToUnits(Number(raw)) : null;
}

/**
 * "97% of the 56,563 user reviews…" / "此游戏的 56,563 篇用户评测中有 97% 为好评。" /
 * "사용자 평가 10,095개 중 93%가…": the percent number, and the largest other integer.
 */
function parseReviewTooltip(tooltip: string): ReviewInfo {
  const [labelPart = '', detail = ''] = tooltip.split(/<br\s*\/?>/i);
  const label = labelPart.trim() === '' ? null : labelPart.trim();
  const percentMatch = /(\d{1,3})\s*%/.exec(detail);
  const positivePct = percentMatch?.[1] === undefined ? null : Number(percentMatch[1]);
  const withoutPercent = percentMatch ? detail.replace(percentMatch[0], ' ') : detail;
  const counts = (withoutPercent.match(/\d[\d,.\u00a0\s]*\d|\d/g) ?? []).map((n) =>
    Number(n.replace(/\D/g, '')),
  );
  const count = counts.length === 0 ? null : Math.max(...counts);
  return { summary: label, positivePct, count, score: reviewScoreFromLabel(label) };
}

function rowReview(row: HTMLElement): ReviewInfo {
  const tooltip = row.querySelector('.search_review_summary')?.getAttribute('data-tooltip-html');
  if (!tooltip) return { summary: null, positivePct: null, count: null, score: null };
  return parseReviewTooltip(tooltip);
}

function rowTagIds(row: HTMLElement): number[] {
  const raw = row.getAttribute('data-ds-tagids');
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((id): id is number => Number.isInteger(id)) : [];
  } catch {
    return [];
  }
}

interface ParsedPriceText {
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

/** EUserReviewScore by label, English and Simplified Chinese (the store's wording). */
const SCORE_BY_LABEL: Record<string, number> = {
  'overwhelmingly positive': 9,
  'very positive': 8,
  positive: 7,
  'mostly positive': 6,
  mixed: 5,
  'mostly negative': 4,
  negative: 3,
  'very negative': 2,
  'overwhelmingly negative': 1,
  'no user reviews': 0,
  好评如潮: 9,
  特别好评: 8,
  好评: 7,
  多半好评: 6,
  褒贬不一: 5,
  多半差评: 4,
  差评: 3,
  特别差评: 2,
  差评如潮: 1,
  无用户评测: 0,
};

function reviewScoreFromLabel(label: string | null): number | null {
  if (label === null) return null;
  return SCORE_BY_LABEL[label.trim().toLowerCase()] ?? null;
}

/** Decodes HTML entities of a text that is escaped but not markup (`&quot;` → `"`). */
export function decodeEntities(text: string): string {
  return parse(text).textContent;
}

/**
 * HTML → plain text keeping one line per `<br>`, list item or paragraph, so requirement
 * blocks stay readable ("Minimum:\nOS: Windows 10\n…").
 */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(li|p|div|h\d)>/gi, '\n');
  return parse(withBreaks)
    .textContent.split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
