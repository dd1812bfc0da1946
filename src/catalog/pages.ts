import { upstreamLogFields } from '../errors.js';
import { DEADLINE_WARNING, deadlinePassed } from '../http/deadline.js';
import type { Logger } from '../observability/logger.js';
import type { Fetched, SteamClient } from '../steam/client.js';
import type { StoreQuery } from '../steam/endpoints.js';
import type { SearchRow, StoreItem, StoreQueryPage } from '../steam/types.js';
import { uniqueByApp } from './filters.js';
import { tagNamer } from '../domain/resolve-filters.js';
import { summaryFromItem, summaryFromRow, type TagNamer } from './to-summary.js';
import type { CallOptions, GameList, GameSummary } from './types.js';

export const PAGE = 50;
export const QUERY_PAGE = 100;
/** The most listing items one call may page through. */
export const MAX_SCAN = 1_000;

/**
 * The paging and enrichment mechanics the catalog operations share: search pages and Query pages
 * until enough games qualify, cards fetched in batches, tag ids named, stale answers noted.
 */
export class CatalogPages {
  constructor(
    private readonly steam: SteamClient,
    private readonly logger: Logger,
    private readonly currency: string,
  ) {}

  async namer(o: CallOptions, warnings: string[]): Promise<TagNamer> {
    try {
      return tagNamer(this.note(await this.steam.tagList(undefined, o), warnings));
    } catch (error) {
      if (o.signal?.aborted && !cutShort(o, warnings, 1)) throw error;
      warnings.push('Tag names unavailable right now; tags are left out. 暂时无法获取标签名称。');
      return () => [];
    }
  }

  /** Search pages until `enough` games (or `pages` pages), keeping app rows only. */
  async searchRows(
    params: { filter?: string; specials?: boolean; freeOnly?: boolean; tagIds?: number[] },
    pages: number,
    o: CallOptions,
    warnings: string[],
    enough = Infinity,
  ): Promise<(SearchRow & { appId: string })[]> {
    const rows: (SearchRow & { appId: string })[] = [];
    for (let pageNo = 0; pageNo < pages; pageNo++) {
      const fetched = await this.steam
        .searchPage({ ...params, start: pageNo * PAGE, count: PAGE }, o)
        .catch((error: unknown) => {
          if (cutShort(o, warnings, rows.length)) return undefined;
          throw error;
        });
      if (!fetched) break;
      const page = this.note(fetched, warnings);
      rows.push(...page.rows.filter((r) => r.kind === 'app').map((r) => ({ ...r, appId: r.id })));
      if (page.rows.length < PAGE || uniqueByApp(rows).length >= enough) break;
    }
    return uniqueByApp(rows);
  }

  /** Cards for the rows' apps in batched requests; without them rows still make a list. */
  async enrichRows(
    rows: readonly (SearchRow & { appId: string })[],
    o: CallOptions,
    warnings: string[],
  ): Promise<GameSummary[]> {
    const [items, namer] = await Promise.all([
      this.steam
        .getItems(
          rows.map((r) => r.appId),
          o,
        )
        .catch((error: unknown) => {
          if (cutShort(o, warnings, rows.length)) return new Map<string, StoreItem>();
          if (o.signal?.aborted) throw error;
          this.logger.warn(upstreamLogFields(error), 'enrichment failed');
          warnings.push(
            'Some details (tags, description, reviews) could not be loaded; the list is still complete. 部分详情加载失败。',
          );
          return new Map<string, StoreItem>();
        }),
      this.namer(o, warnings),
    ]);
    return rows.map((row) => summaryFromRow(row, items.get(row.appId), this.currency, namer));
  }

  /** Query pages until `maxResults` games pass `keep`, or the listing ends. */
  async queryUntil(
    query: Omit<StoreQuery, 'start' | 'count'>,
    keep: (g: GameSummary & { categoryIds?: number[] }) => boolean,
    maxResults: number,
    o: CallOptions,
    warnings: string[],
  ): Promise<GameList> {
    const kept: GameSummary[] = [];
    let total = 0;
    const namer = await this.namer(o, warnings);
    for (let start = 0; start < MAX_SCAN; start += QUERY_PAGE) {
      const fetched = await this.queryPage(query, start, o, warnings, kept.length);
      if (!fetched) break;
      const page = this.note(fetched, warnings);
      total = page.total;
      for (const item of page.items) {
        const game = { ...summaryFromItem(item, this.currency, namer), categoryIds: item.categoryIds };
        if (keep(game)) kept.push(stripCategories(game));
      }
      if (uniqueByApp(kept).length >= maxResults || start + QUERY_PAGE >= total || page.items.length === 0)
        break;
    }
    const games = uniqueByApp(kept);
    return { games: games.slice(0, maxResults), totalFound: Math.max(games.length, total), warnings };
  }

  /** Every Query match up to `cap` items, as summaries. */
  async scanQuery(
    query: Omit<StoreQuery, 'start' | 'count'>,
    cap: number,
    o: CallOptions,
    warnings: string[],
  ): Promise<{ items: GameSummary[]; truncated: boolean }> {
    const namer = await this.namer(o, warnings);
    const items: GameSummary[] = [];
    let total = 0;
    for (let start = 0; start < cap; start += QUERY_PAGE) {
      const fetched = await this.queryPage(query, start, o, warnings, items.length);
      if (!fetched) break;
      const page = this.note(fetched, warnings);
      total = page.total;
      items.push(...page.items.map((item) => summaryFromItem(item, this.currency, namer)));
      if (start + QUERY_PAGE >= total || page.items.length === 0) break;
    }
    return { items: uniqueByApp(items), truncated: total > cap };
  }

  /** One Query page, or undefined when the deadline passed and `have` items can be shown. */
  private queryPage(
    query: Omit<StoreQuery, 'start' | 'count'>,
    start: number,
    o: CallOptions,
    warnings: string[],
    have: number,
  ): Promise<Fetched<StoreQueryPage> | undefined> {
    return this.steam.storeQuery({ ...query, start, count: QUERY_PAGE }, o).catch((error: unknown) => {
      if (cutShort(o, warnings, have)) return undefined;
      throw error;
    });
  }

  note<T>(fetched: Fetched<T>, warnings: string[]): T {
    const message =
      'Steam is unreachable; showing cached data that may be out of date. Steam 暂时不可用，显示的是缓存数据。';
    if (fetched.stale && !warnings.includes(message)) warnings.push(message);
    return fetched.value;
  }
}

function stripCategories(game: GameSummary & { categoryIds?: number[] }): GameSummary {
  const { categoryIds: _ignored, ...rest } = game;
  return rest;
}

/**
 * True when the call's deadline (TOOL_DEADLINE_MS) cut a fetch short and `have` items are
 * already there to show: the answer goes out partial, with a warning saying so.
 */
export function cutShort(o: CallOptions, warnings: string[], have: number): boolean {
  if (!deadlinePassed(o.signal) || have === 0) return false;
  if (!warnings.includes(DEADLINE_WARNING)) warnings.push(DEADLINE_WARNING);
  return true;
}
