import { parse } from 'node-html-parser';
import { z } from 'zod';
import type { SearchPage } from '../types.js';
import type { ParseContext } from './context.js';
import { parseError, parseJsonBody } from './json.js';
import { parseSearchRow } from './search-row.js';

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
