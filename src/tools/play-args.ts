import { z } from 'zod';
import { DECK_NEEDS } from '../domain/deck.js';
import { CARD_LANGUAGES, LANGUAGE_NEEDS } from '../domain/languages.js';
import type { PlayFilters } from '../domain/play-filters.js';

/** The `language` and `deck` arguments the list tools share (games with unknown data never match). */
export const playArgs = {
  language: z
    .enum(LANGUAGE_NEEDS, {
      error: `language must be one of ${LANGUAGE_NEEDS.join(', ')}. language 只能是 ${LANGUAGE_NEEDS.join('、')}。`,
    })
    .optional()
    .describe('Filter; *_audio: full voice-over'),
  deck: z
    .enum(DECK_NEEDS, {
      error: `deck must be one of ${DECK_NEEDS.join(', ')}. deck 只能是 ${DECK_NEEDS.join('、')}。`,
    })
    .optional()
    .describe('Steam Deck filter'),
};

export function playFilters(args: {
  language?: PlayFilters['language'];
  deck?: PlayFilters['deck'];
}): PlayFilters {
  return { language: args.language ?? null, deck: args.deck ?? null };
}

/** The echoed filters in a list tool's result. */
export const playEcho = {
  language: z.string().nullable(),
  deck: z.string().nullable(),
};

export function playEchoOf(args: { language?: string; deck?: string }) {
  return { language: args.language ?? null, deck: args.deck ?? null };
}

const LanguageSupport = z.object({ interface: z.boolean(), subtitles: z.boolean(), full_audio: z.boolean() });

/** Card fields: languages (null = unknown; a language left out is not supported) and Deck status. */
export const playOutput = {
  languages: z.partialRecord(z.enum(CARD_LANGUAGES), LanguageSupport).nullable(),
  deck: z.enum(['verified', 'playable', 'unsupported', 'unknown']),
};
