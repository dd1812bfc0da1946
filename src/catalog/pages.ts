import { upstreamLogFields } from '../errors.js';
import { DEADLINE_WARNING, deadlinePassed } from '../deadline.js';
import type { Logger } from '../observability/logger.js';
import type { Fetched, SteamClient } from '../steam/client.js';
import type { StoreQuery } from '../steam/endpoints.js';
import type { SearchPage, SearchRow, StoreItem, StoreQueryPage } from '../steam/types.js';
import { uniqueByApp } from './filters.js';
import { tagNamer } from '../domain/resolve-filters.js';
import { summaryFromItem, summaryFromRow, type TagNamer } from './to-summary.js';
import type { CallOptions, GameList, GameSummary } from './types.js';

export const PAGE = 50;
export const QUERY_PAGE = 100;
/** The most listing items one call may page through. */
export const MAX_SCAN = 1_000;

/** What a paging step found, and the notes it owes the answer (stale data, deadline, lost detail). */
export interface Noted<T> {
  value: T;
  warnings: string[];
}

const STALE_WARNING =
  'Steam is unreachable; showing cached data that may be out of date. Steam 暂时不可用，显示的是缓存数据。';

/**
 * The paging and enrichment mechanics the catalog operations share: search pages and Query pages
 * until enough games qualify, cards fetched in batches, tag ids named, stale answers noted. Each
 * returns its warnings with its value; the operation joins them into its answer.
 */
export class CatalogPages {
  constructor(
    private readonly steam: SteamClient,
    private readonly logger: Logger,
    private readonly currency: string,
  ) {}

  async namer(o: CallOptions): Promise<Noted<TagNamer>> {
    try {
      const tags = noted(await this.steam.tagList(undefined, o));
      return { value: tagNamer(tags.value), warnings: tags.warnings };
    } catch (error) {
      const late = cutShort(o, 1);
      if (o.signal?.aborted && !late) throw error;
      const unavailable = 'Tag names unavailable right now; tags are left out. 暂时无法获取标签名称。';
      return { value: () => [], warnings: late ? [DEADLINE_WARNING, unavailable] : [unavailable] };
    }
  }

  /** Search pages until `enough` games (or `pages` pages), keeping app rows only. */
  async searchRows(
    params: { filter?: string; specials?: boolean; freeOnly?: boolean; tagIds?: number[] },
    pages: number,
    o: CallOptions,
    enough = Infinity,
  ): Promise<Noted<(SearchRow & { appId: string })[]>> {
    const rows: (SearchRow & { appId: string })[] = [];
    const warnings: string[] = [];
    for (let pageNo = 0; pageNo < pages; pageNo++) {
      let fetched: Fetched<SearchPage>;
      try {
        fetched = await this.steam.searchPage({ ...params, start: pageNo * PAGE, count: PAGE }, o);
      } catch (error) {
        if (!cutShort(o, rows.length)) throw error;
        warnings.push(DEADLINE_WARNING);
        break;
      }
      const page = noted(fetched);
      warnings.push(...page.warnings);
      rows.push(...page.value.rows.filter((r) => r.kind === 'app').map((r) => ({ ...r, appId: r.id })));
      if (page.value.rows.length < PAGE || uniqueByApp(rows).length >= enough) break;
    }
    return { value: uniqueByApp(rows), warnings: distinct(warnings) };
  }

  /** Cards for the rows' apps in batched requests; without them rows still make a list. */
  async enrichRows(
    rows: readonly (SearchRow & { appId: string })[],
    o: CallOptions,
  ): Promise<Noted<GameSummary[]>> {
    const warnings: string[] = [];
    const [items, namer] = await Promise.all([
      this.steam
        .getItems(
          rows.map((r) => r.appId),
          o,
        )
        .catch((error: unknown) => {
          if (cutShort(o, rows.length)) {
            warnings.push(DEADLINE_WARNING);
            return new Map<string, StoreItem>();
          }
          if (o.signal?.aborted) throw error;
          this.logger.warn(upstreamLogFields(error), 'enrichment failed');
          warnings.push(
            'Some details (tags, description, reviews) could not be loaded; the list is still complete. 部分详情加载失败。',
          );
          return new Map<string, StoreItem>();
        }),
      this.namer(o),
    ]);
    return {
      value: rows.map((row) => summaryFromRow(row, items.get(row.appId), this.currency, namer.value)),
      warnings: distinct([...warnings, ...namer.warnings]),
    };
  }

  /** A store search listing as summaries: searchRows, then their cards. */
  async searchSummaries(
    params: { filter?: string; specials?: boolean; freeOnly?: boolean; tagIds?: number[] },
    pages: number,
    o: CallOptions,
    enough = Infinity,
  ): Promise<Noted<GameSummary[]>> {
    const rows = await this.searchRows(params, pages, o, enough);
    const games = await this.enrichRows(rows.value, o);
    return { value: games.value, warnings: distinct([...rows.warnings, ...games.warnings]) };
  }

  /** Query pages until `maxResults` games pass `keep`, or the listing ends. */
  async queryUntil(
    query: Omit<StoreQuery, 'start' | 'count'>,
    keep: (g: GameSummary & { categoryIds?: number[] }) => boolean,
    maxResults: number,
    o: CallOptions,
  ): Promise<GameList> {
    const kept: GameSummary[] = [];
    let total = 0;
    const namer = await this.namer(o);
    const warnings = [...namer.warnings];
    const pages = this.queryPages(query, MAX_SCAN, o, () => kept.length);
    for await (const { value: page, warnings: notes } of pages) {
      warnings.push(...notes);
      if (!page) break;
      total = page.total;
      for (const item of page.items) {
        const game = { ...summaryFromItem(item, this.currency, namer.value), categoryIds: item.categoryIds };
        if (keep(game)) kept.push(stripCategories(game));
      }
      if (uniqueByApp(kept).length >= maxResults) break;
    }
    const games = uniqueByApp(kept);
    return {
      games: games.slice(0, maxResults),
      totalFound: Math.max(games.length, total),
      warnings: distinct(warnings),
    };
  }

  /** Every Query match up to `cap` items, as summaries. */
  async scanQuery(
    query: Omit<StoreQuery, 'start' | 'count'>,
    cap: number,
    o: CallOptions,
  ): Promise<{ items: GameSummary[]; truncated: boolean; warnings: string[] }> {
    const namer = await this.namer(o);
    const warnings = [...namer.warnings];
    const items: GameSummary[] = [];
    let total = 0;
    const pages = this.queryPages(query, cap, o, () => items.length);
    for await (const { value: page, warnings: notes } of pages) {
      warnings.push(...notes);
      if (!page) break;
      total = page.total;
      items.push(...page.items.map((item) => summaryFromItem(item, this.currency, namer.value)));
    }
    return { items: uniqueByApp(items), truncated: total > cap, warnings: distinct(warnings) };
  }

  /**
   * Query pages in order until `limit` items were offered or the listing ends. At the deadline
   * the last one is empty (with its warning) once `have()` items can be shown.
   */
  private async *queryPages(
    query: Omit<StoreQuery, 'start' | 'count'>,
    limit: number,
    o: CallOptions,
    have: () => number,
  ): AsyncGenerator<Noted<StoreQueryPage | undefined>> {
    for (let start = 0; start < limit; start += QUERY_PAGE) {
      const fetched = await this.queryPage(query, start, o, have());
      yield fetched;
      const page = fetched.value;
      if (!page || start + QUERY_PAGE >= page.total || page.items.length === 0) return;
    }
  }

  /** One Query page, or none when the deadline passed and `have` items can be shown. */
  private async queryPage(
    query: Omit<StoreQuery, 'start' | 'count'>,
    start: number,
    o: CallOptions,
    have: number,
  ): Promise<Noted<StoreQueryPage | undefined>> {
    try {
      return noted(await this.steam.storeQuery({ ...query, start, count: QUERY_PAGE }, o));
    } catch (error) {
      if (!cutShort(o, have)) throw error;
      return { value: undefined, warnings: [DEADLINE_WARNING] };
    }
  }
}

/** A fetched value with the note it owes when Steam was unreachable and the cache answered. */
export function noted<T>(fetched: Fetched<T>): Noted<T> {
  return { value: fetched.value, warnings: fetched.stale ? [STALE_WARNING] : [] };
}

/** Each warning once, in the order first given (parallel fetches note the same outage). */
export function distinct(warnings: readonly string[]): string[] {
  return [...new Set(warnings)];
}

function stripCategories(game: GameSummary & { categoryIds?: number[] }): GameSummary {
  const { categoryIds: _ignored, ...rest } = game;
  return rest;
}

/**
 * True when the call's deadline (TOOL_DEADLINE_MS) cut a fetch short and `have` items are
 * already there to show: the answer goes out partial, with DEADLINE_WARNING saying so.
 */
export function cutShort(o: CallOptions, have: number): boolean {
  return deadlinePassed(o.signal) && have > 0;
}
