import type { DeckNeed } from './deck.js';
import { vocabularyKey } from './keys.js';
import type { LanguageNeed } from './languages.js';

export type Players = 'single' | 'multi' | 'coop';

/**
 * One word (Chinese or English) users type, and what it means on Steam: a tag (real Steam
 * tag id + English name), related tags that also count as meeting it, a store category, an
 * English search keyword, or a play filter (language, Steam Deck).
 */
export interface Term {
  pattern: RegExp;
  tag?: { id: number; name: string };
  related?: readonly number[];
  category?: number;
  keyword?: string;
  filter?: { language?: LanguageNeed; deck?: DeckNeed };
  /** How a reason names the need in Chinese. */
  zh: string;
}

const tag = (
  id: number,
  name: string,
  zh: string,
  pattern: RegExp,
  extra: Omit<Term, 'pattern' | 'tag' | 'zh'> = {},
): Term => ({ pattern, tag: { id, name }, zh, keyword: name.toLowerCase(), ...extra });

/**
 * Compound and filter words, matched first: their text is consumed, so 「心理恐怖」 is not also
 * 「恐怖」 and 「模拟经营」 is not also 「模拟」.
 */
const SPECIFIC: readonly Term[] = [
  {
    pattern: /中文配音|中文语音|国语配音|普通话配音|chinese (?:voice|audio|dub)\w*/i,
    zh: '中文配音',
    filter: { language: 'schinese_audio' },
  },
  {
    pattern: /繁体中文|繁體中文|繁中|traditional chinese/i,
    zh: '繁体中文',
    filter: { language: 'tchinese' },
  },
  { pattern: /中文字幕|简体中文|中文|汉化|简中|\bchinese\b/i, zh: '中文', filter: { language: 'schinese' } },
  { pattern: /deck\s?(?:verified|认证|已验证)/i, zh: 'Steam Deck 已验证', filter: { deck: 'verified' } },
  {
    pattern: /掌机|掌上|steam\s?deck|\bdeck\b|\bhandheld\b/i,
    zh: '掌机',
    filter: { deck: 'playable_or_better' },
  },
  tag(7481, 'Controller', '手柄', /手柄|\bcontrollers?\b|\bgamepad\b/i, { category: 28 }),
  tag(1100689, 'Open World Survival Craft', '开放世界生存', /开放世界生存|open[\s-]?world survival/i, {
    related: [1662, 1695],
    keyword: 'open world survival',
  }),
  tag(1721, 'Psychological Horror', '心理恐怖', /心理恐怖|psychological horror/i, { related: [1667] }),
  tag(87918, 'Farming Sim', '种田', /种田|农场|务农|farming(?:\s?sim(?:ulator)?)?|\bfarm\b/i, {
    related: [4520, 10235],
  }),
  tag(12472, 'Management', '模拟经营', /模拟经营|经营模拟/i, { related: [599, 8945, 4328] }),
  tag(723991, 'Bullet Heaven', '类幸存者', /类幸存者|幸存者like|survivors?[\s-]?like|bullet heaven/i, {
    related: [42804],
    keyword: 'survivors like',
  }),
  tag(32322, 'Deckbuilding', '卡牌构筑', /卡牌构筑|构筑|deck[\s-]?build(?:ing|er)?/i, { related: [1091588] }),
  tag(3841, 'Local Co-Op', '本地合作', /本地合作|本地双人|local co-?op/i, { related: [10816, 7368] }),
  tag(10816, 'Split Screen', '分屏', /分屏|同屏|split[\s-]?screen/i, { category: 24, related: [3841] }),
  tag(7178, 'Party Game', '派对', /派对|聚会|\bparty games?\b/i, { related: [7108] }),
  tag(25959, 'Wuxia', '仙侠', /仙侠|修仙|xianxia/i, { related: [16094, 1684], keyword: 'xianxia' }),
  tag(25959, 'Wuxia', '武侠', /武侠|江湖|wuxia|martial arts/i, { related: [6915] }),
  tag(9, 'Strategy', '三国', /三国|three kingdoms/i, { related: [3987, 4364], keyword: 'three kingdoms' }),
  tag(3799, 'Visual Novel', '视觉小说', /视觉小说|文字冒险|galgame|\bvisual novels?\b|interactive fiction/i, {
    related: [11014, 4486],
  }),
  tag(4947, 'Romance', '恋爱', /恋爱|谈恋爱|\bromance\b|dating sim/i, { related: [9551] }),
  tag(1752, 'Rhythm', '音游', /音游|音乐游戏|节奏|\brhythm\b/i, { related: [1621] }),
  tag(4234, 'Short', '短篇', /短篇|\bshort games?\b/i),
];

/** Genre and feature words, in the order their tags are listed. */
const GENRES: readonly Term[] = [
  tag(1695, 'Open World', '开放世界', /开放世界|open[\s-]?world/i),
  tag(122, 'RPG', '角色扮演', /角色扮演|\ba?rpgs?\b|\brole[\s-]?playing\b/i),
  tag(19, 'Action', '动作', /动作|\baction\b/i),
  tag(1774, 'Shooter', '射击', /射击|\bshooters?\b|\bfps\b/i, { related: [1663] }),
  tag(9, 'Strategy', '策略', /策略|战略|\bstrategy\b|\brts\b/i),
  tag(599, 'Simulation', '模拟', /模拟|\bsimulat(?:ion|or)s?\b|\bsim\b/i),
  tag(21, 'Adventure', '冒险', /冒险|\badventures?\b/i),
  tag(1664, 'Puzzle', '解谜', /解谜|益智|\bpuzzles?\b/i),
  tag(1667, 'Horror', '恐怖', /恐怖|惊悚|\bhorror\b/i, { related: [1721, 3978] }),
  tag(1662, 'Survival', '生存', /生存|\bsurvival\b/i),
  tag(3810, 'Sandbox', '沙盒', /沙盒|沙盘|\bsandbox\b/i),
  tag(492, 'Indie', '独立', /独立|\bindie\b/i),
  tag(1716, 'Roguelike', '肉鸽', /肉鸽|类\s?rogue|rogue-?(?:like|lite)|\broguelikes?\b/i, {
    related: [3959, 42804, 454187, 1091588],
  }),
  tag(29482, 'Souls-like', '魂类', /魂类|魂系|类魂|souls-?like/i, { keyword: 'soulslike' }),
  tag(699, 'Racing', '赛车', /赛车|竞速|\bracing\b/i),
  tag(701, 'Sports', '体育', /体育|\bsports?\b/i),
  tag(597, 'Casual', '休闲', /休闲|\bcasual\b/i),
  tag(3964, 'Pixel Graphics', '像素', /像素|\bpixel(?:\s?art|\s?graphics)?\b/i, { keyword: 'pixel' }),
  tag(1742, 'Story Rich', '剧情', /剧情|故事|\bstory[\s-]?rich\b|\bstory\b/i),
  tag(3942, 'Sci-fi', '科幻', /科幻|\bsci-?fi\b|\bscience fiction\b/i),
  tag(4085, 'Anime', '二次元', /二次元|动漫|动画|\banime\b/i),
  tag(1666, 'Card Game', '卡牌', /卡牌|\bcard(?:\s?game|-?battler)?s?\b/i, { related: [32322, 791774] }),
  tag(1645, 'Tower Defense', '塔防', /塔防|\btower[\s-]?defen[cs]e\b/i),
  tag(1625, 'Platformer', '平台跳跃', /平台跳跃|平台游戏|横版|\bplatformers?\b/i, { related: [5379] }),
  tag(1743, 'Fighting', '格斗', /格斗|\bfighting\b/i),
  tag(12472, 'Management', '经营', /经营|管理|\bmanagement\b|\btycoon\b/i),
  tag(1643, 'Building', '建造', /建造|\bbuilding\b|\bcity[\s-]?builder\b/i, { related: [4328, 7332] }),
  tag(1677, 'Turn-Based', '回合制', /回合制|\bturn[\s-]?based\b/i),
  tag(1628, 'Metroidvania', '银河恶魔城', /银河恶魔城|类银河|\bmetroidvania\b/i),
  tag(1687, 'Stealth', '潜行', /潜行|\bstealth\b/i),
  tag(1684, 'Fantasy', '奇幻', /奇幻|魔幻|\bfantasy\b/i),
  tag(4726, 'Cute', '可爱', /可爱|\bcute\b/i),
  tag(1654, 'Relaxing', '治愈', /放松|治愈|轻松|\brelaxing\b|\bcozy\b/i, { related: [97376] }),
];

/** Player-mode tags: named in requests through the player words, not as genres. */
export const PLAYER_TERMS: Readonly<Record<Players, Term>> = {
  coop: tag(1685, 'Co-op', '合作', /co-?op|合作|双人/i, { related: [3843, 3841, 4508] }),
  multi: tag(
    3859,
    'Multiplayer',
    '多人',
    /multi-?player|多人|联机|\bonline\b|在线|\bmmo|\bpvp\b|co-?op|合作/i,
    {
      related: [1685, 3843, 128, 1754],
    },
  ),
  single: tag(4182, 'Singleplayer', '单人', /single-?player|单人|单机/i),
};

/** Words that name a tag but are never genres in a request (免费 is a price rule there). */
const FEATURES: readonly Term[] = [
  tag(113, 'Free to Play', '免费', /免费开玩|免费游玩|免费游戏|^免费$|free[\s-]?to[\s-]?play|^f2p$|^free$/i),
  ...Object.values(PLAYER_TERMS),
];

/** Every term, most specific first (the matching order). */
export const TERMS: readonly Term[] = [...SPECIFIC, ...GENRES, ...FEATURES];

/** The request words in `text` that the vocabulary knows, most specific first; each span counts once. */
export function findTerms(text: string): Term[] {
  let rest = text.normalize('NFKC');
  const found: Term[] = [];
  for (const term of [...SPECIFIC, ...GENRES]) {
    const everywhere = new RegExp(term.pattern.source, `${term.pattern.flags.replace('g', '')}g`);
    if (!everywhere.test(rest)) continue;
    found.push(term);
    rest = rest.replace(everywhere, ' ');
  }
  return found;
}

/** Patterns of every request word, for checking whether the rules explained a request. */
export const REQUEST_PATTERNS: readonly RegExp[] = [...SPECIFIC, ...GENRES].map((t) => t.pattern);

const WHOLE = TERMS.map((term) => ({
  term,
  whole: new RegExp(`^(?:${term.pattern.source})$`, term.pattern.flags),
}));
const BY_NAME = new Map(TERMS.filter((t) => t.tag).map((t) => [vocabularyKey(t.tag!.name), t]));

/** The term a tag name (Steam's in either language, or a user's word) stands for, if any. */
export function termForName(name: string): Term | undefined {
  const trimmed = name.normalize('NFKC').trim();
  return (
    BY_NAME.get(vocabularyKey(trimmed)) ??
    WHOLE.find(({ whole }) => whole.test(trimmed))?.term ??
    TERMS.find((t) => t.tag && t.pattern.test(trimmed))
  );
}

/** Canonical English tag for a tag name in either language, or the trimmed name itself. */
export function canonicalTag(name: string): string {
  return termForName(name)?.tag?.name ?? name.trim();
}

/** Case- and language-insensitive tag comparison key. */
export function tagKey(name: string): string {
  return vocabularyKey(canonicalTag(name));
}

/** Steam tag ids that meet a wanted tag name: its own and its related tags. */
export function tagIdsMeeting(name: string): number[] {
  const term = termForName(name);
  return term?.tag ? [term.tag.id, ...(term.related ?? [])] : [];
}
