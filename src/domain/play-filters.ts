import type { DeckNeed, DeckStatus } from './deck.js';
import { meetsDeck } from './deck.js';
import type { GameLanguages, LanguageNeed } from './languages.js';
import { describeLanguageNeed, meetsLanguage } from './languages.js';

/** What a player needs to play a game at all: a language and/or a Steam Deck status. */
export interface PlayFilters {
  language?: LanguageNeed | null;
  deck?: DeckNeed | null;
}

export interface PlayFacts {
  languages: GameLanguages | null;
  deck: DeckStatus;
}

export type PlayVerdict = 'match' | 'no_match' | 'unknown';

/** A game whose languages or Deck status are unknown is never a match: it is `unknown`. */
export function playVerdict(game: PlayFacts, filters: PlayFilters): PlayVerdict {
  const checks = [
    filters.language ? meetsLanguage(game.languages, filters.language) : true,
    filters.deck ? meetsDeck(game.deck, filters.deck) : true,
  ];
  if (checks.includes(false)) return 'no_match';
  return checks.includes(null) ? 'unknown' : 'match';
}

export function hasPlayFilters(filters: PlayFilters): boolean {
  return Boolean(filters.language || filters.deck);
}

/** The note a result carries when games were left out because Steam did not say. */
export function unknownPlayWarning(count: number, filters: PlayFilters): string {
  const zhWhat = [
    filters.language ? `语言（${describeLanguageNeed(filters.language, true)}）` : '',
    filters.deck ? 'Steam Deck 兼容性' : '',
  ].filter(Boolean);
  const enWhat = [filters.language ? 'languages' : '', filters.deck ? 'Steam Deck status' : ''].filter(
    Boolean,
  );
  return (
    `${count} 款游戏的${zhWhat.join('和')}未知，未计入结果 / ` +
    `${count} game(s) with unknown ${enWhat.join(' or ')} were not counted as matching`
  );
}
