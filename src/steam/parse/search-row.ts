import type { HTMLElement } from 'node-html-parser';
import type { PriceInfo, ReviewInfo, SearchRow } from '../types.js';
import type { ParseContext } from './context.js';
import { parseError } from './json.js';
import { centsToUnits, freePrice, noPrice } from './money.js';
import { parseDiscountText, parsePriceText } from './price.js';
import { reviewScoreFromLabel } from './review-score.js';

/** One `<a class="search_result_row">` (FORMATS.md §1 "One result row"). */
export function parseSearchRow(row: HTMLElement, ctx: ParseContext): SearchRow {
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
export function parseReviewTooltip(tooltip: string): ReviewInfo {
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
