import type { AppType, Platforms, Requirements } from '../steam/types.js';

/** A game as the tools and the recommender see it. Prices in store currency units. */
export interface GameSummary {
  appId: string;
  name: string;
  type: AppType;
  /** null = no price yet (unreleased / not sold); never counted as free or under a budget. */
  price: number | null;
  originalPrice: number | null;
  discount: number;
  currency: string;
  /** Only when Steam says so. */
  isFree: boolean;
  url: string;
  releaseDate: string | null;
  comingSoon: boolean;
  tagIds: number[];
  /** Localized tag / genre / category names. */
  tags: string[];
  description: string | null;
  headerImage: string | null;
  reviewSummary: string | null;
  reviewPositivePct: number | null;
  reviewCount: number | null;
  platforms: Platforms | null;
}

export interface GameDetails extends GameSummary {
  developers: string[];
  publishers: string[];
  genres: string[];
  categories: string[];
  supportedLanguages: string[];
  metacritic: { score: number; url: string | null } | null;
  screenshots: string[];
  requirements: { pc: Requirements | null; mac: Requirements | null; linux: Requirements | null };
  dlcCount: number;
  achievements: number | null;
  website: string | null;
}

export interface GameList {
  games: GameSummary[];
  /** How many matches Steam reports (before max_results was applied). */
  totalFound: number;
  /** Partial-failure notes (e.g. enrichment failed, stale data served). */
  warnings: string[];
}

export type TopFilter = 'topsellers' | 'popularnew' | 'trendingweek';

export interface SearchQuery {
  keywords?: string;
  /** Steam tag ids that must all match. */
  tagIds?: number[];
  maxPrice?: number;
  minPrice?: number;
  freeOnly?: boolean;
  maxResults: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface DetailsResult {
  details: GameDetails;
  /** How the identifier was resolved: by AppID or by name (with the matched name). */
  resolvedBy: 'app_id' | 'name';
  warnings: string[];
}

/** The service the tools and the recommender call. Implemented over SteamClient. */
export interface SteamCatalog {
  readonly currency: string;
  searchGames(query: SearchQuery, opts?: CallOptions): Promise<GameList>;
  discountedGames(
    q: { minDiscount: number; maxPrice?: number; maxResults: number },
    opts?: CallOptions,
  ): Promise<GameList>;
  topGames(q: { filter: TopFilter; maxResults: number }, opts?: CallOptions): Promise<GameList>;
  freeGames(q: { tags?: string[]; maxResults: number }, opts?: CallOptions): Promise<GameList>;
  /** null when nothing matches the identifier. */
  gameDetails(identifier: string, opts?: CallOptions): Promise<DetailsResult | null>;
  /** Maps tag names (Chinese or English, case-insensitive) to Steam tags; unknown names are left out. */
  resolveTags(names: string[], opts?: CallOptions): Promise<{ tagId: number; name: string }[]>;
  /** Names of games the store suggests for a partly typed name (prompt argument completion). */
  suggestGameNames(term: string, opts?: CallOptions): Promise<string[]>;
}
