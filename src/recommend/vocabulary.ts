/**
 * Genre / feature words in Chinese and English mapped to Steam's English tag names and
 * English search keywords. `pattern` also matches Steam's localized (schinese) tag names,
 * so the same table serves request parsing and tag matching.
 */
export interface VocabularyEntry {
  tag: string;
  keyword: string;
  pattern: RegExp;
}

const entry = (tag: string, keyword: string, pattern: RegExp): VocabularyEntry => ({ tag, keyword, pattern });

export const GENRES: readonly VocabularyEntry[] = [
  entry('Open World', 'open world', /开放世界|open[\s-]?world/i),
  entry('RPG', 'rpg', /角色扮演|\ba?rpgs?\b|\brole[\s-]?playing\b/i),
  entry('Action', 'action', /动作|\baction\b/i),
  entry('Shooter', 'shooter', /射击|\bshooters?\b|\bfps\b/i),
  entry('Strategy', 'strategy', /策略|战略|\bstrategy\b|\brts\b/i),
  entry('Simulation', 'simulation', /模拟|\bsimulat(?:ion|or)s?\b|\bsim\b/i),
  entry('Adventure', 'adventure', /冒险|\badventures?\b/i),
  entry('Puzzle', 'puzzle', /解谜|益智|\bpuzzles?\b/i),
  entry('Horror', 'horror', /恐怖|惊悚|\bhorror\b/i),
  entry('Survival', 'survival', /生存|\bsurvival\b/i),
  entry('Sandbox', 'sandbox', /沙盒|沙盘|\bsandbox\b/i),
  entry('Indie', 'indie', /独立|\bindie\b/i),
  entry('Roguelike', 'roguelike', /肉鸽|类\s?rogue|rogue-?(?:like|lite)|\broguelikes?\b/i),
  entry('Souls-like', 'soulslike', /魂类|魂系|类魂|souls-?like/i),
  entry('Racing', 'racing', /赛车|竞速|\bracing\b/i),
  entry('Sports', 'sports', /体育|\bsports?\b/i),
  entry('Casual', 'casual', /休闲|\bcasual\b/i),
  entry('Pixel Graphics', 'pixel', /像素|\bpixel(?:\s?art|\s?graphics)?\b/i),
  entry('Story Rich', 'story rich', /剧情|故事|\bstory[\s-]?rich\b|\bstory\b/i),
  entry('Sci-fi', 'sci-fi', /科幻|\bsci-?fi\b|\bscience fiction\b/i),
  entry('Anime', 'anime', /二次元|动漫|动画|\banime\b/i),
  entry('Card Game', 'card game', /卡牌|\bcard(?:\s?game|-?battler)?s?\b|\bdeck-?building\b/i),
  entry('Tower Defense', 'tower defense', /塔防|\btower[\s-]?defen[cs]e\b/i),
  entry('Platformer', 'platformer', /平台跳跃|平台游戏|横版|\bplatformers?\b/i),
  entry('Fighting', 'fighting', /格斗|\bfighting\b/i),
  entry('Management', 'management', /经营|管理|\bmanagement\b|\btycoon\b/i),
  entry('Building', 'building', /建造|\bbuilding\b|\bcity[\s-]?builder\b/i),
  entry('Visual Novel', 'visual novel', /视觉小说|\bvisual novel\b|galgame/i),
  entry('Turn-Based', 'turn-based', /回合制|\bturn[\s-]?based\b/i),
  entry('Metroidvania', 'metroidvania', /银河恶魔城|类银河|\bmetroidvania\b/i),
  entry('Stealth', 'stealth', /潜行|\bstealth\b/i),
  entry('Fantasy', 'fantasy', /奇幻|魔幻|\bfantasy\b/i),
  entry('Cute', 'cute', /可爱|\bcute\b/i),
  entry('Relaxing', 'relaxing', /放松|治愈|轻松|\brelaxing\b|\bcozy\b/i),
];

export const PLAYER_TAGS = {
  coop: { tags: ['Co-op'], pattern: /co-?op|合作/i },
  multi: {
    tags: ['Multiplayer'],
    pattern: /multi-?player|多人|联机|\bonline\b|在线|\bmmo|\bpvp\b|co-?op|合作/i,
  },
  single: { tags: ['Singleplayer'], pattern: /single-?player|单人|单机/i },
} as const;

/** Tags that are not genres but still need matching across languages. */
const FEATURES: readonly VocabularyEntry[] = [
  entry('Free to Play', 'free to play', /免费开玩|免费游玩|free[\s-]?to[\s-]?play/i),
  entry('Co-op', 'co-op', /co-?op|合作/i),
  entry('Multiplayer', 'multiplayer', /multi-?player|多人/i),
  entry('Singleplayer', 'singleplayer', /single-?player|单人/i),
];

/** Canonical English tag for a tag name in either language, or the trimmed name itself. */
export function canonicalTag(name: string): string {
  const trimmed = name.trim();
  return [...FEATURES, ...GENRES].find((g) => g.pattern.test(trimmed))?.tag ?? trimmed;
}

/** Case- and language-insensitive tag comparison key. */
export function tagKey(name: string): string {
  return canonicalTag(name)
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}
