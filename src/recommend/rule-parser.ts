import { parsePriceBounds, stripPricePhrases } from './price-parser.js';
import type { PlatformName, Players, UserNeeds } from './types.js';
import { findTerms, PLAYER_TERMS, REQUEST_PATTERNS } from '../domain/vocabulary.js';

const FREE = /免费|白嫖|free[\s-]?to[\s-]?play|\bf2p\b|\bfree\b(?![\s-]?roam)/i;
const NOT_FREE = /(?:不要|不想要|不是|不能是|别|非)免费|\bnot free\b|\bno free\b/i;

const PLAYERS: readonly [Players, RegExp][] = [
  ['coop', /双人|两人|二人|合作|co-?op/i],
  ['multi', /多人|联机|网游|multi-?player|\bonline\b|\bpvp\b/i],
  ['single', /单机|单人|single[\s-]?player|\bsolo\b/i],
];
const PLATFORMS: readonly [PlatformName, RegExp][] = [
  ['mac', /\bmac(?:os|book)?\b|苹果|\bosx\b/i],
  ['linux', /\blinux\b/i],
  ['windows', /\bwindows\b|\bwin(?:10|11)\b/i],
];
/** Languages the cards cannot check: recognised (so the request counts as understood), not enforced. */
const OTHER_LANGUAGES = /英文|英语|日文|日语|\bjapanese\b/i;
const PREFERENCES: readonly [string, RegExp][] = [
  ['highly rated', /好评|高分|口碑|评价高|神作|well[\s-]?reviewed|highly[\s-]?rated|\bbest\b/i],
  ['recent', /新游|新出|最新|\bnew releases?\b|\brecent\b/i],
  ['cheap', /便宜|实惠|性价比|\bcheap\b|\bbudget\b/i],
  ['short', /短小|流程短|\bshort\b/i],
  ['good graphics', /画面|画质|\bgraphics\b|\bbeautiful\b/i],
  ['classic', /经典|\bclassic\b/i],
];
const MUST_ZH = /(?:必须|一定要|务必)(?:有|是|支持)?([^，,。;；！!\s]{1,12})/g;
const MUST_EN = /\bmust (?:have|be|support) ([a-z0-9 '-]{1,30}?)(?=[,.;!]|$)/gi;
const EN_STOPWORDS = new Set(
  'a an the some any me my i want need looking for recommend suggest game games please like good fun play to with and or of in on that is are under below less than between free cheap best new'.split(
    ' ',
  ),
);

/** Rule-based request parser: the fallback when no model answers, and the floor of hard constraints. */
export function parseRequestByRules(query: string): UserNeeds {
  const text = query.normalize('NFKC');
  const terms = findTerms(text);
  const genres = terms.filter((t) => t.tag);
  const { minPrice, maxPrice } = parsePriceBounds(text);
  // "免费或30元以内" names a budget: free is then a wish, not a must.
  const freeOnly = FREE.test(text) && !NOT_FREE.test(text) && maxPrice === null;
  const players = PLAYERS.find(([, re]) => re.test(text))?.[0] ?? null;
  const keywords = genres.flatMap((g) => (g.keyword ? [g.keyword] : []));
  if (keywords.length === 0) keywords.push(...fallbackKeywords(text));
  return {
    keywords: unique(keywords),
    tags: unique([
      ...genres.map((g) => g.tag!.name),
      ...(players ? [PLAYER_TERMS[players].tag!.name] : []),
      ...(freeOnly ? ['Free to Play'] : []),
    ]),
    minPrice,
    maxPrice,
    freeOnly,
    players,
    platform: PLATFORMS.find(([, re]) => re.test(text))?.[0] ?? null,
    language: terms.find((t) => t.filter?.language)?.filter?.language ?? null,
    deck: terms.find((t) => t.filter?.deck)?.filter?.deck ?? null,
    mustHave: mustHaves(text),
    preferences: PREFERENCES.filter(([, re]) => re.test(text)).map(([name]) => name),
    userLanguage: detectLanguage(text),
  };
}

function detectLanguage(text: string): 'zh' | 'en' {
  return /[\u3400-\u9fff]/.test(text) ? 'zh' : 'en';
}

/** English queries without a known genre ("games like hollow knight") keep their content words. */
function fallbackKeywords(text: string): string[] {
  if (detectLanguage(text) === 'zh') return [];
  const words = text
    .toLowerCase()
    .replace(/[$¥]?\d+(?:\.\d+)?/g, ' ')
    .split(/[^a-z0-9'-]+/)
    .filter((w) => w.length > 1 && !EN_STOPWORDS.has(w));
  return words.length ? [words.slice(0, 4).join(' ')] : [];
}

function mustHaves(text: string): string[] {
  const found = [...text.matchAll(MUST_ZH), ...text.matchAll(MUST_EN)].map((m) => (m[1] ?? '').trim());
  return unique(found.filter(Boolean));
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Words that carry no criteria ("recommend some games"), longest first so they strip whole. */
const ZH_FILLER = [
  '有没有',
  '有什么',
  '推荐',
  '一些',
  '一款',
  '几款',
  '一个',
  '几个',
  '游戏',
  '适合',
  '想玩',
  '好玩',
  '想要',
  '给我',
  '帮我',
  '来点',
  '求推荐',
  '电脑',
  '类型',
  '什么',
  '可以',
  '一起',
  '的',
  '我',
  '想',
  '找',
  '求',
  '请',
  '款',
  '玩',
  '和',
  '或',
  '上',
  '类',
  '吗',
  '呢',
  '吧',
  '啊',
].sort((a, b) => b.length - a.length);
const EN_FILLER = new Set(
  'a an the some any me i want need looking for recommend recommendation recommendations suggest game games please good fun play to with and or of on that is are can you'.split(
    ' ',
  ),
);

const everywhere = (re: RegExp) => new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
const RECOGNISED: readonly RegExp[] = [
  ...REQUEST_PATTERNS,
  ...PLAYERS.map(([, re]) => re),
  ...PLATFORMS.map(([, re]) => re),
  OTHER_LANGUAGES,
  ...PREFERENCES.map(([, re]) => re),
  FREE,
].map(everywhere);

/**
 * True when the rule parser explained the whole request, so a model analysis could add
 * nothing: every part of it is a recognised budget, genre / tag, player mode, platform,
 * language, free or preference phrase, or a filler word, and it names at least one tag to
 * search. Conservative: negations, "must have" clauses, bare numbers, game titles or any
 * other unexplained word keep the model in the loop.
 */
export function rulesUnderstood(query: string, needs: UserNeeds): boolean {
  if (needs.tags.length === 0 || needs.mustHave.length > 0) return false;
  if (NOT_FREE.test(query.normalize('NFKC'))) return false;
  let text = stripPricePhrases(query);
  for (const re of RECOGNISED) text = text.replace(re, ' ');
  for (const word of ZH_FILLER) text = text.replaceAll(word, ' ');
  const leftover = text.split(/[^\p{L}\p{N}'-]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return leftover.every((word) => EN_FILLER.has(word));
}
