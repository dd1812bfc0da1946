/** Which languages a game supports, as the cards carry them, and the language needs users state. */

export const CARD_LANGUAGES = ['schinese', 'tchinese', 'english'] as const;
export type CardLanguage = (typeof CARD_LANGUAGES)[number];

/** The store page's three columns for one language. */
export interface LanguageSupport {
  interface: boolean;
  subtitles: boolean;
  full_audio: boolean;
}

/** A language left out is not supported; the whole value is null when Steam said nothing. */
export type GameLanguages = Partial<Record<CardLanguage, LanguageSupport>>;

/** ELanguage numbers of the card languages (FORMATS.md §12). */
const ELANGUAGE: Readonly<Record<number, CardLanguage>> = { 0: 'english', 6: 'schinese', 7: 'tchinese' };

export interface RawLanguageRow {
  elanguage?: number;
  supported?: boolean;
  full_audio?: boolean;
  subtitles?: boolean;
}

/** GetItems `supported_languages` rows; a missing flag is false, a row with none true is left out. */
export function languagesFromRows(rows: readonly RawLanguageRow[] | undefined): GameLanguages | null {
  if (!rows) return null;
  const out: GameLanguages = {};
  for (const row of rows) {
    const language = row.elanguage === undefined ? undefined : ELANGUAGE[row.elanguage];
    const support = {
      interface: row.supported === true,
      subtitles: row.subtitles === true,
      full_audio: row.full_audio === true,
    };
    if (!language || !(support.interface || support.subtitles || support.full_audio)) continue;
    out[language] = support;
  }
  return out;
}

const STORE_NAMES: readonly [CardLanguage, RegExp][] = [
  ['schinese', /简体中文|簡體中文|simplified chinese/i],
  ['tchinese', /繁体中文|繁體中文|traditional chinese/i],
  ['english', /^(?:英语|英語|english)$/i],
];

/**
 * appdetails' `supported_languages` names (the HTML list, already split): it lists interface
 * and subtitle languages together, so both count; a trailing `*` marks full audio.
 */
export function languagesFromStoreNames(
  names: readonly string[],
  audio: ReadonlySet<string>,
): GameLanguages | null {
  if (names.length === 0) return null;
  const out: GameLanguages = {};
  for (const name of names) {
    const language = STORE_NAMES.find(([, re]) => re.test(name.trim()))?.[0];
    if (language) out[language] = { interface: true, subtitles: true, full_audio: audio.has(name) };
  }
  return out;
}

export const LANGUAGE_NEEDS = [
  'schinese',
  'schinese_audio',
  'tchinese',
  'tchinese_audio',
  'english',
] as const;
export type LanguageNeed = (typeof LANGUAGE_NEEDS)[number];

function splitNeed(need: LanguageNeed): { language: CardLanguage; audio: boolean } {
  const audio = need.endsWith('_audio');
  return { language: need.replace(/_audio$/, '') as CardLanguage, audio };
}

/** true / false, or null when the game's languages are unknown (never counted as a match). */
export function meetsLanguage(languages: GameLanguages | null, need: LanguageNeed): boolean | null {
  if (languages === null) return null;
  const { language, audio } = splitNeed(need);
  const support = languages[language];
  if (!support) return false;
  return audio ? support.full_audio : support.interface || support.subtitles;
}

/** A language need from free text (the model's `language`, a user's word); null when none is known. */
export function languageNeedFrom(text: string | null | undefined): LanguageNeed | null {
  if (!text) return null;
  const t = text.normalize('NFKC').toLowerCase().trim();
  if ((LANGUAGE_NEEDS as readonly string[]).includes(t)) return t as LanguageNeed;
  const audio = /配音|语音|audio|voice|dub/.test(t);
  if (/繁体|繁體|traditional|tchinese|zh-?tw|zh-?hk/.test(t)) return audio ? 'tchinese_audio' : 'tchinese';
  if (/中文|汉化|简体|chinese|schinese|^zh/.test(t)) return audio ? 'schinese_audio' : 'schinese';
  if (/^(?:english|en|英文|英语)$/.test(t)) return 'english';
  return null;
}

const LABELS: Record<CardLanguage, { zh: string; en: string }> = {
  schinese: { zh: '简体中文', en: 'Simplified Chinese' },
  tchinese: { zh: '繁体中文', en: 'Traditional Chinese' },
  english: { zh: '英文', en: 'English' },
};

/** "简体中文配音" / "supports Simplified Chinese" for reasons and warnings. */
export function describeLanguageNeed(need: LanguageNeed, zh: boolean): string {
  const { language, audio } = splitNeed(need);
  const label = LABELS[language][zh ? 'zh' : 'en'];
  if (zh) return audio ? `${label}配音` : `支持${label}`;
  return audio ? `${label} voice-over` : `supports ${label}`;
}
