import type { DeckStatus } from '../domain/deck.js';
import type { GameLanguages } from '../domain/languages.js';
import type { PlayFilters } from '../domain/play-filters.js';
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
  /** Chinese reviews, recent trend and live players, when fetched (see catalog/extras.ts). */
  extras?: GameExtras;
  /** Simplified/Traditional Chinese and English support; null = Steam did not say. */
  languages: GameLanguages | null;
  deck: DeckStatus;
}

/** Recent reviews (last ~30 days) against all time; `direction` null when too few to tell. */
export interface ReviewTrend {
  recentPositivePct: number | null;
  recentCount: number;
  allTimePositivePct: number | null;
  allTimeCount: number;
  direction: 'improving' | 'declining' | 'steady' | null;
}

/** Per-game data that costs one request each, so it is fetched for shortlists only. */
export interface GameExtras {
  reviewSchinesePct?: number | null;
  reviewSchineseCount?: number | null;
  reviewTrend?: ReviewTrend | null;
  currentPlayers?: number | null;
}

/** Which extras to fetch for one game. */
export interface ExtrasWanted {
  appId: string;
  chineseReviews?: boolean;
  trend?: boolean;
  players?: boolean;
}

/** A game like the reference one: the tags they share, and how much of its tag weight that is. */
export type SimilarGame = GameSummary & { sharedTags: string[]; similarity: number };

export interface SimilarQuery {
  /** AppID or name of the reference game. */
  identifier: string;
  maxResults: number;
  maxPrice?: number;
  play?: PlayFilters;
  /** Fetch each result's Chinese reviews and (multiplayer) live players: one request per game each. */
  withExtras?: boolean;
}

export interface SimilarResult {
  reference: { appId: string; name: string; tags: string[] };
  games: SimilarGame[];
  totalFound: number;
  warnings: string[];
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
  /** Language / Steam Deck needs; games whose data is unknown never match. */
  play?: PlayFilters;
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
    q: { minDiscount: number; maxPrice?: number; maxResults: number; play?: PlayFilters },
    opts?: CallOptions,
  ): Promise<GameList>;
  topGames(q: { filter: TopFilter; maxResults: number }, opts?: CallOptions): Promise<GameList>;
  freeGames(
    q: { tags?: string[]; maxResults: number; play?: PlayFilters },
    opts?: CallOptions,
  ): Promise<GameList>;
  /** null when nothing matches the identifier. */
  gameDetails(identifier: string, opts?: CallOptions): Promise<DetailsResult | null>;
  /** Games like the reference game; null when nothing matches the identifier. */
  similarGames(q: SimilarQuery, opts?: CallOptions): Promise<SimilarResult | null>;
  /** Extras for a shortlist; a game whose lookups failed is absent or has null fields. */
  gameExtras(wanted: readonly ExtrasWanted[], opts?: CallOptions): Promise<Map<string, GameExtras>>;
  /** Maps tag names (Chinese or English, case-insensitive) to Steam tags; unknown names are left out. */
  resolveTags(names: string[], opts?: CallOptions): Promise<{ tagId: number; name: string }[]>;
  /** Names of games the store suggests for a partly typed name (prompt argument completion). */
  suggestGameNames(term: string, opts?: CallOptions): Promise<string[]>;
}
