import { stripPricePhrases } from './price-parser.js';
import { FREE, NOT_FREE, OTHER_LANGUAGES, PLATFORMS, PLAYERS, PREFERENCES } from './rule-parser.js';
import type { UserNeeds } from './types.js';
import { REQUEST_PATTERNS } from '../domain/vocabulary.js';

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
