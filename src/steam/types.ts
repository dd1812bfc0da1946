import type { DeckStatus } from '../domain/deck.js';
import type { GameLanguages } from '../domain/languages.js';
/** Domain types of the Steam adapter. Prices are in currency units (¥ 12.50 → 12.5), never cents. */

export interface Platforms {
  windows: boolean;
  mac: boolean;
  linux: boolean;
}

/** What a store answer says about price. `final: null` = no price yet (unreleased, not sold). */
export interface PriceInfo {
  final: number | null;
  initial: number | null;
  discount: number;
  isFree: boolean;
  currency: string | null;
}

export interface ReviewInfo {
  /** Localized label, e.g. "特别好评" / "Very Positive". */
  summary: string | null;
  positivePct: number | null;
  count: number | null;
  /** EUserReviewScore 0–9 where known. */
  score: number | null;
}

export type AppType = 'game' | 'dlc' | 'demo' | 'music' | 'software' | 'video' | 'mod' | 'hardware' | 'other';

/** One row of /search/results/ (HTML fragment, full page, or the JSON envelope's results_html). */
export interface SearchRow {
  kind: 'app' | 'sub' | 'bundle';
  /** AppID for apps; package/bundle id otherwise. */
  id: string;
  name: string;
  url: string;
  capsuleImage: string | null;
  releaseDate: string | null;
  price: PriceInfo;
  review: ReviewInfo;
  tagIds: number[];
  platforms: Platforms;
}

export interface SearchPage {
  rows: SearchRow[];
  /** Total matches Steam reports (JSON envelope / pagination text); null when unknown. */
  totalCount: number | null;
}

/** One item of /api/storesearch/. */
export interface StoreSearchItem {
  kind: 'app' | 'sub';
  id: string;
  name: string;
  price: PriceInfo;
  image: string | null;
  platforms: Platforms;
}

/** A card from IStoreBrowseService/GetItems or IStoreQueryService/Query (success == 1 only). */
export interface StoreItem {
  appId: string;
  name: string;
  type: AppType;
  url: string;
  isFree: boolean;
  price: PriceInfo;
  tagIds: number[];
  /** Store category ids (supported player / feature / controller). */
  categoryIds: number[];
  review: ReviewInfo;
  shortDescription: string | null;
  developers: string[];
  publishers: string[];
  headerImage: string | null;
  releaseDate: string | null;
  comingSoon: boolean;
  earlyAccess: boolean;
  platforms: Platforms;
  /** null when the card carries no supported_languages. */
  languages: GameLanguages | null;
  deck: DeckStatus;
}

export interface StoreQueryPage {
  items: StoreItem[];
  total: number;
}

export interface Tag {
  tagId: number;
  name: string;
}

export interface Requirements {
  minimum: string | null;
  recommended: string | null;
}

/** /api/appdetails data, normalized. */
export interface AppDetails {
  appId: string;
  name: string;
  type: AppType;
  isFree: boolean;
  price: PriceInfo;
  shortDescription: string | null;
  headerImage: string | null;
  website: string | null;
  developers: string[];
  publishers: string[];
  genres: string[];
  categories: string[];
  /** Plain text, footnote markers removed. */
  supportedLanguages: string[];
  /** The card languages read from the same list (interface/subtitles together, `*` = audio). */
  languages: GameLanguages | null;
  platforms: Platforms;
  metacritic: { score: number; url: string | null } | null;
  screenshots: string[];
  requirements: { pc: Requirements | null; mac: Requirements | null; linux: Requirements | null };
  dlcCount: number;
  achievements: number | null;
  recommendations: number | null;
  releaseDate: string | null;
  comingSoon: boolean;
  /** For DLC/music: the game it belongs to. */
  fullGame: { appId: string; name: string } | null;
}

export interface AppReviewSummary extends ReviewInfo {
  totalPositive: number;
  totalNegative: number;
}

/** Reviews per day for the last ~30 days against the whole history (`/appreviewhistogram`). */
export interface ReviewTrend {
  recentPositive: number;
  recentNegative: number;
  allPositive: number;
  allNegative: number;
}

/** A reference game's weighted tags (GetItems `tags`, most-voted first). */
export interface WeightedTags {
  appId: string;
  name: string;
  type: AppType;
  tags: { tagId: number; weight: number }[];
}
