import type { PlayFilters } from '../domain/play-filters.js';
import { UpstreamError, upstreamLogFields, UserError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { SteamClient } from '../steam/client.js';
import type { SearchRow } from '../steam/types.js';
import { byDiscountDesc, fitsPrice, isGame, playGate, uniqueByApp } from './filters.js';
import { resolveDetails } from './details.js';
import { extrasForCard, fetchExtras } from './extras.js';
import { findSimilarGames } from './similar.js';
import { resolveFilters, type ResolvedFilter } from '../domain/resolve-filters.js';
import { DEADLINE_WARNING, deadlinePassed } from '../deadline.js';
import { CatalogPages, cutShort, distinct, MAX_SCAN, noted, PAGE, type Noted } from './pages.js';
import type {
  CallOptions,
  DetailsResult,
  ExtrasWanted,
  GameExtras,
  GameList,
  GameSummary,
  SearchQuery,
  SimilarQuery,
  SimilarResult,
  SteamCatalog,
  TopFilter,
} from './types.js';

const MAX_SEARCH_PAGES = 4;
const DISCOUNT_STEPS = [90, 75, 50, 25];

/** Which Steam listing answers each get_top_games filter (see docs/tools.md). */
const TOP_SOURCES: Record<TopFilter, { searchFilter?: string; querySort: number }> = {
  topsellers: { searchFilter: 'topsellers', querySort: 10 },
  popularnew: { searchFilter: 'popularnew', querySort: 20 },
  trendingweek: { querySort: 20 },
};

/** The catalog service over the Steam client: filtering, sorting, paging, enrichment, fallbacks. */
export class SteamCatalogService implements SteamCatalog {
  private readonly pages: CatalogPages;

  constructor(
    private readonly steam: SteamClient,
    private readonly logger: Logger,
  ) {
    this.pages = new CatalogPages(steam, logger, steam.currency);
  }

  get currency(): string {
    return this.steam.currency;
  }

  async searchGames(q: SearchQuery, o: CallOptions = {}): Promise<GameList> {
    const warnings: string[] = [];
    const bounds = { maxPrice: q.maxPrice, minPrice: q.minPrice };
    const gate = playGate(q.play);
    const keep = (g: GameSummary) =>
      isGame(g) && fitsPrice(g, bounds) && (!q.freeOnly || g.isFree) && gate.keep(g);
    if (!q.keywords?.trim()) {
      const page = await this.pages.queryUntil(
        { sort: 10, tagGroups: q.tagIds?.map((id) => [id]), freeOnly: q.freeOnly },
        keep,
        q.maxResults,
        o,
      );
      gate.report(page.warnings);
      return page;
    }
    const rows: SearchRow[] = [];
    let total: number | null = null;
    for (let pageNo = 0; pageNo < MAX_SEARCH_PAGES; pageNo++) {
      const fetched = await this.steam
        .searchPage(
          {
            term: q.keywords.trim(),
            tagIds: q.tagIds,
            freeOnly: q.freeOnly,
            start: pageNo * PAGE,
            count: PAGE,
          },
          o,
        )
        .catch((error: unknown) => {
          if (!cutShort(o, rows.length)) throw error;
          warnings.push(DEADLINE_WARNING);
          return undefined;
        });
      if (!fetched) break;
      const { value: page, warnings: notes } = noted(fetched);
      warnings.push(...notes);
      total = page.totalCount;
      rows.push(...page.rows.filter((r) => r.kind === 'app'));
      const fitting = rows.filter((r) => fitsPrice({ price: r.price.isFree ? 0 : r.price.final }, bounds));
      if (fitting.length >= q.maxResults || page.rows.length < PAGE) break;
      if (total !== null && (pageNo + 1) * PAGE >= total) break;
    }
    const enriched = await this.pages.enrichRows(uniqueByApp(rows.map((r) => ({ ...r, appId: r.id }))), o);
    warnings.push(...enriched.warnings);
    const games = enriched.value.filter(keep);
    gate.report(warnings);
    const filtered = q.maxPrice !== undefined || q.minPrice !== undefined || q.freeOnly || gate.active;
    return {
      games: games.slice(0, q.maxResults),
      totalFound: filtered ? games.length : Math.max(total ?? 0, games.length),
      warnings: distinct(warnings),
    };
  }

  async discountedGames(
    q: { minDiscount: number; maxPrice?: number; maxResults: number; play?: PlayFilters },
    o: CallOptions = {},
  ): Promise<GameList> {
    const minDiscount = Math.max(1, q.minDiscount);
    const gate = playGate(q.play);
    const keep = (g: GameSummary) =>
      isGame(g) && g.discount >= minDiscount && fitsPrice(g, { maxPrice: q.maxPrice }) && gate.keep(g);
    const warnings: string[] = [];
    try {
      // Steam can filter by a minimum discount but not sort by it: scan from the deepest
      // discounts down until enough games qualify, so the result is the true top N.
      const steps = [...DISCOUNT_STEPS.filter((s) => s > minDiscount), minDiscount];
      for (const step of steps) {
        const scanned = await this.pages.scanQuery({ sort: 10, minDiscount: step }, MAX_SCAN, o);
        warnings.push(...scanned.warnings);
        const games = scanned.items.filter(keep).sort(byDiscountDesc);
        if (scanned.truncated) warnings.push(`Only the ${MAX_SCAN} best-selling deals were compared.`);
        // At the deadline the deals scanned so far are the answer (scanQuery noted it).
        if (games.length >= q.maxResults || step === minDiscount || deadlinePassed(o.signal)) {
          gate.report(warnings);
          return {
            games: games.slice(0, q.maxResults),
            totalFound: games.length,
            warnings: distinct(warnings),
          };
        }
      }
    } catch (error) {
      if (!isUpstream(error, o)) throw error;
      this.logger.warn(upstreamLogFields(error), 'store query failed; falling back to search specials');
      warnings.push(
        'Steam Web API unavailable; results come from the store search. Steam API 不可用，已改用商店搜索。',
      );
    }
    const found = await this.pages.searchSummaries({ specials: true }, MAX_SEARCH_PAGES, o);
    warnings.push(...found.warnings);
    const games = found.value.filter(keep).sort(byDiscountDesc);
    gate.report(warnings);
    return { games: games.slice(0, q.maxResults), totalFound: games.length, warnings: distinct(warnings) };
  }

  async topGames(q: { filter: TopFilter; maxResults: number }, o: CallOptions = {}): Promise<GameList> {
    const source = TOP_SOURCES[q.filter];
    const warnings: string[] = [];
    const pages = Math.ceil(q.maxResults / PAGE) + 1;
    if (source.searchFilter) {
      try {
        const found = await this.pages.searchSummaries(
          { filter: source.searchFilter },
          pages,
          o,
          q.maxResults,
        );
        const games = found.value.filter(isGame);
        return { games: games.slice(0, q.maxResults), totalFound: games.length, warnings: found.warnings };
      } catch (error) {
        if (!isUpstream(error, o)) throw error;
        this.logger.warn(upstreamLogFields(error), 'store search failed; falling back to store query');
        warnings.push(
          'Steam store unavailable; ranking comes from the Steam Web API. 商店不可用，已改用 Steam API 排行。',
        );
      }
    }
    const list = await this.pages.queryUntil({ sort: source.querySort }, isGame, q.maxResults, o);
    return { ...list, warnings: distinct([...warnings, ...list.warnings]) };
  }

  async freeGames(
    q: { tags?: string[]; maxResults: number; play?: PlayFilters },
    o: CallOptions = {},
  ): Promise<GameList> {
    const warnings: string[] = [];
    const resolved = q.tags?.length ? await this.resolveOrFail(q.tags, o) : { value: [], warnings: [] };
    const filters = resolved.value;
    warnings.push(...resolved.warnings);
    const tagIds = filters.flatMap((f) => (f.kind === 'tag' ? [f.tagId] : []));
    const categoryIds = filters.flatMap((f) => (f.kind === 'category' ? [f.categoryId] : []));
    const tagSet = new Set(tagIds);
    const gate = playGate(q.play);
    const keep = (g: GameSummary & { categoryIds?: number[] }) =>
      isGame(g) &&
      gate.keep(g) &&
      g.isFree &&
      [...tagSet].every((id) => g.tagIds.includes(id)) &&
      categoryIds.every((id) => g.categoryIds?.includes(id) ?? false);
    try {
      const list = await this.pages.queryUntil(
        { sort: 10, freeOnly: true, tagGroups: tagIds.map((id) => [id]) },
        keep,
        q.maxResults,
        o,
      );
      gate.report(list.warnings);
      return { ...list, warnings: distinct([...warnings, ...list.warnings]) };
    } catch (error) {
      if (!isUpstream(error, o)) throw error;
      this.logger.warn(upstreamLogFields(error), 'store query failed; falling back to search');
      warnings.push(
        'Steam Web API unavailable; results come from the store search. Steam API 不可用，已改用商店搜索。',
      );
    }
    const found = await this.pages.searchSummaries({ freeOnly: true, tagIds }, MAX_SEARCH_PAGES, o);
    warnings.push(...found.warnings);
    const games = found.value.filter(keep);
    gate.report(warnings);
    return { games: games.slice(0, q.maxResults), totalFound: games.length, warnings: distinct(warnings) };
  }

  async gameDetails(identifier: string, o: CallOptions = {}): Promise<DetailsResult | null> {
    const found = await resolveDetails(
      this.steam,
      identifier,
      async () => (await this.pages.namer(o)).value,
      this.logger,
      o,
    );
    if (!found) return null;
    const wanted = { appId: found.details.appId, chineseReviews: true, trend: true, players: true };
    found.details.extras = (await this.gameExtras([wanted], o)).get(wanted.appId);
    return found;
  }

  /** Games like the reference; `withExtras`: each with its Chinese reviews (and live players when multiplayer). */
  async similarGames(q: SimilarQuery, o: CallOptions = {}): Promise<SimilarResult | null> {
    const result = await findSimilarGames(this.steam, this.pages, this.logger, q, o);
    if (!q.withExtras || !result?.games.length) return result;
    const extras = await this.gameExtras(result.games.map(extrasForCard), o);
    for (const game of result.games) game.extras = extras.get(game.appId);
    return result;
  }

  gameExtras(wanted: readonly ExtrasWanted[], o: CallOptions = {}): Promise<Map<string, GameExtras>> {
    return fetchExtras(this.steam, this.logger, wanted, o);
  }

  async suggestGameNames(term: string, o: CallOptions = {}): Promise<string[]> {
    const { value: items } = await this.steam.storeSearch(term, o);
    return [...new Set(items.filter((i) => i.kind === 'app').map((i) => i.name))];
  }

  async resolveTags(names: string[], o: CallOptions = {}): Promise<{ tagId: number; name: string }[]> {
    const resolved = (await this.resolve(names, o)).value;
    return resolved.flatMap((f) => (f.kind === 'tag' ? [{ tagId: f.tagId, name: f.name }] : []));
  }

  private async resolveOrFail(names: string[], o: CallOptions): Promise<Noted<ResolvedFilter[]>> {
    const resolved = await this.resolve(names, o);
    const unknown = resolved.value.filter((f) => f.kind === 'unknown').map((f) => f.input);
    if (unknown.length) {
      throw new UserError(
        `tags: unknown Steam tag(s) ${unknown.map((t) => `"${t}"`).join(', ')}. Use Steam tag, genre or category ` +
          `names in Chinese or English, e.g. 动作 / Action, 角色扮演 / RPG, 策略 / Strategy, 多人 / Multiplayer. ` +
          `未识别的标签：${unknown.join('、')}。`,
      );
    }
    return resolved;
  }

  /** Tag, genre and category names resolved against Steam's localized and English vocabularies. */
  private async resolve(names: string[], o: CallOptions): Promise<Noted<ResolvedFilter[]>> {
    const [localized, english] = await Promise.all([
      this.steam.tagList(undefined, o).then(noted),
      this.steam.tagList('english', o).then(noted),
    ]);
    return {
      value: resolveFilters(names, localized.value, english.value),
      warnings: distinct([...localized.warnings, ...english.warnings]),
    };
  }
}

/** Upstream failures (not cancellations) are what host fallbacks are for. */
function isUpstream(error: unknown, o: CallOptions): boolean {
  return error instanceof UpstreamError && !o.signal?.aborted;
}
