import { TERMS } from '../domain/vocabulary.js';

/** A tag as users type it: its Chinese names (store language first) and its English name. */
export interface TagName {
  chinese: readonly string[];
  english: string;
}

/** Chinese words in a vocabulary pattern, e.g. /开放世界|open[\s-]?world/ → ["开放世界"]. */
function chineseWords(pattern: RegExp): string[] {
  // The bundle writes non-ASCII characters as \uXXXX escapes (scripts/build.mjs), also in
  // regular expressions: read them back.
  const source = pattern.source.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
  return source.match(/[\u4e00-\u9fff]{2,}/g) ?? [];
}

/** The tags the recommender understands, from the domain vocabulary: one list for every completion. */
export const TAG_NAMES: readonly TagName[] = TERMS.flatMap((term) =>
  term.tag ? [{ chinese: chineseWords(term.pattern).slice(0, 2), english: term.tag.name }] : [],
).filter((t) => t.chinese.length > 0);

const HAN = /[\u4e00-\u9fff]/;

/**
 * Tag names matching a partly typed one: Chinese names for Chinese (or empty) input, English
 * names for Latin input; names starting with the input before names containing it.
 */
export function matchTagNames(partial: string): string[] {
  const typed = partial.trim().toLowerCase();
  if (typed === '') return TAG_NAMES.map((t) => t.chinese[0]!);
  const chinese = HAN.test(typed);
  const names = TAG_NAMES.flatMap((t) => (chinese ? t.chinese : [t.english]));
  // Shortest first: 「开放」 means 开放世界 before 开放世界生存.
  const starts = names.filter((n) => n.toLowerCase().startsWith(typed)).sort((a, b) => a.length - b.length);
  const contains = names.filter((n) => !starts.includes(n) && n.toLowerCase().includes(typed));
  return [...new Set([...starts, ...contains])];
}
