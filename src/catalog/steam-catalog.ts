import { UserError, UpstreamError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { SteamClient, Fetched } from '../steam/client.js';
import type { StoreQuery } from '../steam/endpoints.js';
import type { SearchRow, StoreItem, Tag } from '../steam/types.js';
import { byDiscountDesc, fitsPrice, isGame, uniqueByApp } from './filters.js';
import { resolveDetails } from './details.js';
import { resolveFilters, tagNamer, type ResolvedFilter } from './tag-vocabulary.js';
import { summaryFromItem, summaryFromRow, type TagNamer } from './to-summary.js';
import type {
  CallOptions,
  DetailsResult,
  GameList,
  GameSummary,
  SearchQuery,
  SteamCatalog,
  TopFilter,
} from './types.js';

const PAGE = 50;
const MAX_SEARCH_PAGES = 4;
const QUERY_PAGE = 100;
/** How many discounted games one call may scan to find the biggest discounts. */
const MAX_DISCOUNT_SCAN = 1_000;
const DISCOUNT_STEPS = [90, 75, 50, 25];

/** Which Steam listing answers each get_top_games filter (see docs/tools.md). */
const TOP_SOURCES: Record<TopFilter, { searchFilter?: string; querySort: number }> = {
  topsellers: { searchFilter: 'topsellers', querySort: 10 },
  popularnew: { searchFilter: 'popularnew', querySort: 20 },
  trendingweek: { querySort: 20 },
};

/** The catalog service over the Steam client: filtering, sorting, paging, enrichment, fallbacks. */
export class SteamCatalogService implements SteamCatalog {
  constructor(
    private readonly steam: SteamClient,
    private readonly logger: Logger,
  ) {}

  get currency(): string {
    return this.steam.currency;
  }

  async searchGames(q: SearchQuery, o: CallOptions = {}): Promise<GameList> {
    const warnings: string[] = [];
    const bounds = { maxPrice: q.maxPrice, minPrice: q.minPrice };
    const keep = (g: GameSummary) => isGame(g) && fitsPrice(g, bounds) && (!q.freeOnly || g.isFree);
    if (!q.keywords?.trim()) {
      const page = await this.queryUntil(
        { sort: 10, tagGroups: q.tagIds?.map((id) => [id]), freeOnly: q.freeOnly },
        keep,
        q.maxResults,
        o,
        warnings,
      );
      return page;
    }
    const rows: SearchRow[] = [];
    let total: number | null = null;
    for (let pageNo = 0; pageNo < MAX_SEARCH_PAGES; pageNo++) {
      const page = this.note(
        await this.steam.searchPage(
          {
            term: q.keywords.trim(),
            tagIds: q.tagIds,
            freeOnly: q.freeOnly,
            start: pageNo * PAGE,
            count: PAGE,
          },
          o,
        ),
        warnings,
      );
      total = page.totalCount;
      rows.push(...page.rows.filter((r) => r.kind === 'app'));
      const fitting = rows.filter((r) => fitsPrice({ price: r.price.isFree ? 0 : r.price.final }, bounds));
      if (fitting.length >= q.maxResults || page.rows.length < PAGE) break;
      if (total !== null && (pageNo + 1) * PAGE >= total) break;
    }
    const games = (
      await this.enrichRows(uniqueByApp(rows.map((r) => ({ ...r, appId: r.id }))), o, warnings)
    ).filter(keep);
    const filtered = q.maxPrice !== undefined || q.minPrice !== undefined || q.freeOnly;
    return {
      games: games.slice(0, q.maxResults),
      totalFound: filtered ? games.length : Math.max(total ?? 0, games.length),
      warnings,
    };
  }

  async discountedGames(
    q: { minDiscount: number; maxPrice?: number; maxResults: number },
    o: CallOptions = {},
  ): Promise<GameList> {
    const minDiscount = Math.max(1, q.minDiscount);
    const keep = (g: GameSummary) =>
      isGame(g) && g.discount >= minDiscount && fitsPrice(g, { maxPrice: q.maxPrice });
    const warnings: string[] = [];
    try {
      // Steam can filter by a minimum discount but not sort by it: scan from the deepest
      // discounts down until enough games qualify, so the result is the true top N.
      const steps = [...DISCOUNT_STEPS.filter((s) => s > minDiscount), minDiscount];
      for (const step of steps) {
        const scanned = await this.scanQuery({ sort: 10, minDiscount: step }, MAX_DISCOUNT_SCAN, o, warnings);
        const games = scanned.items.filter(keep).sort(byDiscountDesc);
        if (scanned.truncated)
          warnings.push(`Only the ${MAX_DISCOUNT_SCAN} best-selling deals were compared.`);
        if (games.length >= q.maxResults || step === minDiscount) {
          return { games: games.slice(0, q.maxResults), totalFound: games.length, warnings };
        }
      }
    } catch (error) {
      if (!isUpstream(error, o)) throw error;
      this.logger.warn({ err: error }, 'store query failed; falling back to search specials');
      warnings.push(
        'Steam Web API unavailable; results come from the store search. Steam API 不可用，已改用商店搜索。',
      );
    }
    const rows = await this.searchRows({ specials: true }, MAX_SEARCH_PAGES, o, warnings);
    const games = (await this.enrichRows(rows, o, warnings)).filter(keep).sort(byDiscountDesc);
    return { games: games.slice(0, q.maxResults), totalFound: games.length, warnings };
  }

  async topGames(q: { filter: TopFilter; maxResults: number }, o: CallOptions = {}): Promise<GameList> {
    const source = TOP_SOURCES[q.filter];
    const warnings: string[] = [];
    const pages = Math.ceil(q.maxResults / PAGE) + 1;
    if (source.searchFilter) {
      try {
        const rows = await this.searchRows({ filter: source.searchFilter }, pages, o, warnings, q.maxResults);
        const games = (await this.enrichRows(rows, o, warnings)).filter(isGame);
        return { games: games.slice(0, q.maxResults), totalFound: games.length, warnings };
      } catch (error) {
        if (!isUpstream(error, o)) throw error;
        this.logger.warn({ err: error }, 'store search failed; falling back to store query');
        warnings.push(
          'Steam store unavailable; ranking comes from the Steam Web API. 商店不可用，已改用 Steam API 排行。',
        );
      }
    }
    return this.queryUntil({ sort: source.querySort }, isGame, q.maxResults, o, warnings);
  }

  async freeGames(q: { tags?: string[]; maxResults: number }, o: CallOptions = {}): Promise<GameList> {
    const warnings: string[] = [];
    const filters = q.tags?.length ? await this.resolveOrFail(q.tags, o, warnings) : [];
    const tagIds = filters.flatMap((f) => (f.kind === 'tag' ? [f.tagId] : []));
    const categoryIds = filters.flatMap((f) => (f.kind === 'category' ? [f.categoryId] : []));
    const tagSet = new Set(tagIds);
    const keep = (g: GameSummary & { categoryIds?: number[] }) =>
      isGame(g) &&
      g.isFree &&
      [...tagSet].every((id) => g.tagIds.includes(id)) &&
      categoryIds.every((id) => g.categoryIds?.includes(id) ?? false);
    try {
      return await this.queryUntil(
        { sort: 10, freeOnly: true, tagGroups: tagIds.map((id) => [id]) },
        keep,
        q.maxResults,
        o,
        warnings,
      );
    } catch (error) {
      if (!isUpstream(error, o)) throw error;
      this.logger.warn({ err: error }, 'store query failed; falling back to search');
      warnings.push(
        'Steam Web API unavailable; results come from the store search. Steam API 不可用，已改用商店搜索。',
      );
    }
    const rows = await this.searchRows({ freeOnly: true, tagIds }, MAX_SEARCH_PAGES, o, warnings);
    const games = (await this.enrichRows(rows, o, warnings)).filter(keep);
    return { games: games.slice(0, q.maxResults), totalFound: games.length, warnings };
  }

  gameDetails(identifier: string, o: CallOptions = {}): Promise<DetailsResult | null> {
    return resolveDetails(this.steam, identifier, () => this.namer(o, []), this.logger, o);
  }

  async resolveTags(names: string[], o: CallOptions = {}): Promise<{ tagId: number; name: string }[]> {
    const resolved = await this.resolve(names, o, []);
    return resolved.flatMap((f) => (f.kind === 'tag' ? [{ tagId: f.tagId, name: f.name }] : []));
  }

  private async resolveOrFail(
    names: string[],
    o: CallOptions,
    warnings: string[],
  ): Promise<ResolvedFilter[]> {
    const resolved = await this.resolve(names, o, warnings);
    const unknown = resolved.filter((f) => f.kind === 'unknown').map((f) => f.input);
    if (unknown.length) {
      throw new UserError(
        `tags: unknown Steam tag(s) ${unknown.map((t) => `"${t}"`).join(', ')}. Use Steam tag, genre or category ` +
          `names in Chinese or English, e.g. 动作 / Action, 角色扮演 / RPG, 策略 / Strategy, 多人 / Multiplayer. ` +
          `未识别的标签：${unknown.join('、')}。`,
      );
    }
    return resolved;
  }

  private async resolve(names: string[], o: CallOptions, warnings: string[]): Promise<ResolvedFilter[]> {
    const [localized, english] = await this.vocabularies(o, warnings);
    return resolveFilters(names, localized, english);
  }

  private async vocabularies(o: CallOptions, warnings: string[]): Promise<[Tag[], Tag[]]> {
    const english = this.steam.tagList('english', o).then((r) => this.note(r, warnings));
    const localized = this.steam.tagList(undefined, o).then((r) => this.note(r, warnings));
    return Promise.all([localized, english]);
  }

  private async namer(o: CallOptions, warnings: string[]): Promise<TagNamer> {
    try {
      return tagNamer(this.note(await this.steam.tagList(undefined, o), warnings));
    } catch (error) {
      if (o.signal?.aborted) throw error;
      warnings.push('Tag names unavailable right now; tags are left out. 暂时无法获取标签名称。');
      return () => [];
    }
  }

  /** Search pages until `enough` games (or `pages` pages), keeping app rows only. */
  private async searchRows(
    params: { filter?: string; specials?: boolean; freeOnly?: boolean; tagIds?: number[] },
    pages: number,
    o: CallOptions,
    warnings: string[],
    enough = Infinity,
  ): Promise<(SearchRow & { appId: string })[]> {
    const rows: (SearchRow & { appId: string })[] = [];
    for (let pageNo = 0; pageNo < pages; pageNo++) {
      const page = this.note(
        await this.steam.searchPage({ ...params, start: pageNo * PAGE, count: PAGE }, o),
        warnings,
      );
      rows.push(...page.rows.filter((r) => r.kind === 'app').map((r) => ({ ...r, appId: r.id })));
      if (page.rows.length < PAGE || uniqueByApp(rows).length >= enough) break;
    }
    return uniqueByApp(rows);
  }

  /** Cards for the rows' apps in batched requests; without them rows still make a list. */
  private async enrichRows(
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
          if (o.signal?.aborted) throw error;
          this.logger.warn({ err: error }, 'enrichment failed');
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
  private async queryUntil(
    query: Omit<StoreQuery, 'start' | 'count'>,
    keep: (g: GameSummary & { categoryIds?: number[] }) => boolean,
    maxResults: number,
    o: CallOptions,
    warnings: string[],
  ): Promise<GameList> {
    const kept: GameSummary[] = [];
    let total = 0;
    const namer = await this.namer(o, warnings);
    for (let start = 0; start < MAX_DISCOUNT_SCAN; start += QUERY_PAGE) {
      const page = this.note(
        await this.steam.storeQuery({ ...query, start, count: QUERY_PAGE }, o),
        warnings,
      );
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
  private async scanQuery(
    query: Omit<StoreQuery, 'start' | 'count'>,
    cap: number,
    o: CallOptions,
    warnings: string[],
  ): Promise<{ items: GameSummary[]; truncated: boolean }> {
    const namer = await this.namer(o, warnings);
    const items: GameSummary[] = [];
    let total = 0;
    for (let start = 0; start < cap; start += QUERY_PAGE) {
      const page = this.note(
        await this.steam.storeQuery({ ...query, start, count: QUERY_PAGE }, o),
        warnings,
      );
      total = page.total;
      items.push(...page.items.map((item) => summaryFromItem(item, this.currency, namer)));
      if (start + QUERY_PAGE >= total || page.items.length === 0) break;
    }
    return { items: uniqueByApp(items), truncated: total > cap };
  }

  private note<T>(fetched: Fetched<T>, warnings: string[]): T {
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

/** Upstream failures (not cancellations) are what host fallbacks are for. */
function isUpstream(error: unknown, o: CallOptions): boolean {
  return error instanceof UpstreamError && !o.signal?.aborted;
}
