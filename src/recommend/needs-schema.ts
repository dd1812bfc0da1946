import { z } from 'zod';
import { capChars, LIST_ITEM_CHARS, looseNumber, looseStringList } from './llm-answer.js';
import type { DeckNeed } from '../domain/deck.js';
import { languageNeedFrom } from '../domain/languages.js';
import { tagKey } from '../domain/vocabulary.js';
import type { PlatformName, Players, UserNeeds } from './types.js';

const price = z
  .unknown()
  .optional()
  .transform((v) => {
    const n = looseNumber(v);
    return n !== null && n >= 0 ? n : null;
  });
const list = z
  .unknown()
  .optional()
  .transform((v) => looseStringList(v));
const flag = z
  .unknown()
  .optional()
  .transform((v) => v === true || v === 'true' || v === 1);
const text = z
  .unknown()
  .optional()
  .transform((v) =>
    typeof v === 'string' && v.trim() && v !== 'null' ? capChars(v.trim(), LIST_ITEM_CHARS) : null,
  );

const PLAYER_WORDS: Record<string, Players> = {
  single: 'single',
  singleplayer: 'single',
  solo: 'single',
  multi: 'multi',
  multiplayer: 'multi',
  online: 'multi',
  coop: 'coop',
  cooperative: 'coop',
};
const PLATFORM_WORDS: Record<string, PlatformName> = {
  windows: 'windows',
  win: 'windows',
  pc: 'windows',
  mac: 'mac',
  macos: 'mac',
  osx: 'mac',
  linux: 'linux',
};
const word = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/[^a-z]/g, '') : '');

/** Lenient: every field optional, strings for numbers accepted, unknown values → null/[]. */
export const LlmNeedsSchema = z.object({
  keywords: list,
  tags: list,
  minPrice: price,
  maxPrice: price,
  freeOnly: flag,
  players: z
    .unknown()
    .optional()
    .transform((v) => PLAYER_WORDS[word(v)] ?? null),
  platform: z
    .unknown()
    .optional()
    .transform((v) => PLATFORM_WORDS[word(v)] ?? null),
  language: text.transform(languageNeedFrom),
  deck: z
    .unknown()
    .optional()
    .transform((v): DeckNeed | null =>
      v === 'verified' ? 'verified' : v === 'playable_or_better' || v === true ? 'playable_or_better' : null,
    ),
  mustHave: list,
  preferences: list,
  userLanguage: z
    .unknown()
    .optional()
    .transform((v) => (v === 'zh' || v === 'en' ? v : null)),
});

type LlmNeeds = z.infer<typeof LlmNeedsSchema>;

/**
 * The model's reading of the request, with the rule parser as the floor: a budget or
 * free-only the rules found is never dropped, and the stricter budget wins.
 */
export function mergeNeeds(llm: LlmNeeds, rules: UserNeeds): UserNeeds {
  const maxPrice = stricter(llm.maxPrice, rules.maxPrice, Math.min);
  let minPrice = stricter(llm.minPrice, rules.minPrice, Math.max);
  if (minPrice !== null && maxPrice !== null && minPrice > maxPrice) minPrice = null;
  return {
    keywords: union(llm.keywords, rules.keywords).slice(0, 5),
    tags: union(llm.tags, rules.tags, tagKey).slice(0, 10),
    minPrice,
    maxPrice,
    freeOnly: llm.freeOnly || rules.freeOnly,
    players: llm.players ?? rules.players,
    platform: llm.platform ?? rules.platform,
    language: llm.language ?? rules.language,
    deck: stricterDeck(llm.deck, rules.deck),
    mustHave: union(llm.mustHave, rules.mustHave),
    preferences: union(llm.preferences, rules.preferences),
    // The reply language follows the text the user actually wrote.
    userLanguage: rules.userLanguage,
  };
}

function stricter(a: number | null, b: number | null, pick: (x: number, y: number) => number): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return pick(a, b);
}

const plainKey = (v: string) => v.toLowerCase().replace(/[\s_-]+/g, '');

function union(first: string[], second: string[], keyOf = plainKey): string[] {
  const seen = new Set<string>();
  return [...first, ...second].filter((v) => {
    const key = keyOf(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A Deck need the rules found is never dropped; "verified" is the stricter one. */
function stricterDeck(llm: DeckNeed | null, rules: DeckNeed | null): DeckNeed | null {
  return llm === 'verified' || rules === 'verified' ? 'verified' : (llm ?? rules);
}
