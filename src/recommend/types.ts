import type { GameSummary } from '../catalog/types.js';
import type { DeckNeed } from '../domain/deck.js';
import type { LanguageNeed } from '../domain/languages.js';
import type { Players } from '../domain/vocabulary.js';
import type { Taste } from './taste.js';

export type { Players };
export type PlatformName = 'windows' | 'mac' | 'linux';

/** What the user asked for. Prices are in the store currency. */
export interface UserNeeds {
  /** English search keywords. */
  keywords: string[];
  /** Steam tag / genre names, Chinese or English. */
  tags: string[];
  minPrice: number | null;
  maxPrice: number | null;
  freeOnly: boolean;
  players: Players | null;
  platform: PlatformName | null;
  /** A language the game must support (e.g. schinese, schinese_audio): a hard constraint. */
  language: LanguageNeed | null;
  /** A Steam Deck status the game must have: a hard constraint. */
  deck: DeckNeed | null;
  /** Other hard requirements the user stated as a must. */
  mustHave: string[];
  /** Soft wishes. */
  preferences: string[];
  userLanguage: 'zh' | 'en';
}

export type Recommendation = GameSummary & {
  /** 0–100. */
  score: number;
  reason: string;
  /** At most 3. */
  highlights: string[];
};

export interface RecommendResult {
  query: string;
  needs: UserNeeds;
  totalFound: number;
  totalEvaluated: number;
  recommendations: Recommendation[];
  degraded: boolean;
  degradedReason: string | null;
  warnings: string[];
  timedOut: boolean;
  llmCalls: number;
  /** The game the user asked for games like (「像《X》一样」), when one was found. */
  reference?: { appId: string; name: string } | null;
}

export type ProgressStage = 'analyzing' | 'searching' | 'scoring' | 'done';
export type ProgressFn = (stage: ProgressStage, progress: number, total: number, message: string) => void;

export interface RecommendInput {
  userQuery: string;
  maxResults: number;
  /** A player's taste profile (recommend_games with steam_user). */
  taste?: Taste;
}

export interface RecommendOptions {
  signal?: AbortSignal;
  onProgress?: ProgressFn;
}

export interface Recommender {
  recommend(input: RecommendInput, opts?: RecommendOptions): Promise<RecommendResult>;
}

export function emptyNeeds(userLanguage: 'zh' | 'en'): UserNeeds {
  return {
    keywords: [],
    tags: [],
    minPrice: null,
    maxPrice: null,
    freeOnly: false,
    players: null,
    platform: null,
    language: null,
    deck: null,
    mustHave: [],
    preferences: [],
    userLanguage,
  };
}
