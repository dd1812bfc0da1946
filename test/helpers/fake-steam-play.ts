/**
 * The fake Steam's play data: languages (GetItems supported_languages, FORMATS.md §12) and Steam
 * Deck categories (§9), plus games for the gamer vocabulary (种田, 武侠, 恐怖 with and without
 * Chinese …). Type-only imports: fake-steam-games.ts imports this file.
 */
import type { FakeGame, TagNames } from './fake-steam-games.js';

/** text = interface + subtitles; full = with voice-over; absent = not supported. */
export type FakeSupport = 'text' | 'full';
export interface FakePlay {
  /** null = the card carries no supported_languages (unknown). */
  languages: { schinese?: FakeSupport; tchinese?: FakeSupport; english?: FakeSupport } | null;
  /** ESteamDeckCompatibilityCategory: 0 unknown, 1 unsupported, 2 playable, 3 verified. */
  deck: 0 | 1 | 2 | 3;
}

/** Tags the vocabulary needs beyond the base list (real Steam ids). */
export const PLAY_TAGS: readonly [number, TagNames][] = [
  [87918, { schinese: '农场模拟', english: 'Farming Sim' }],
  [1667, { schinese: '恐怖', english: 'Horror' }],
  [1721, { schinese: '心理恐怖', english: 'Psychological Horror' }],
  [3799, { schinese: '视觉小说', english: 'Visual Novel' }],
  [4947, { schinese: '恋爱', english: 'Romance' }],
  [25959, { schinese: '武侠', english: 'Wuxia' }],
  [1628, { schinese: '类银河战士恶魔城', english: 'Metroidvania' }],
  [723991, { schinese: '类幸存者', english: 'Bullet Heaven' }],
  [32322, { schinese: '卡牌构建', english: 'Deckbuilding' }],
  [1752, { schinese: '节奏', english: 'Rhythm' }],
  [699, { schinese: '竞速', english: 'Racing' }],
  [701, { schinese: '体育', english: 'Sports' }],
  [1645, { schinese: '塔防', english: 'Tower Defense' }],
  [4085, { schinese: '动漫', english: 'Anime' }],
  [7178, { schinese: '派对游戏', english: 'Party Game' }],
  [10816, { schinese: '分屏', english: 'Split Screen' }],
  [4234, { schinese: '短篇', english: 'Short' }],
  [1100689, { schinese: '开放世界生存制作', english: 'Open World Survival Craft' }],
  [12472, { schinese: '管理', english: 'Management' }],
  [3987, { schinese: '历史', english: 'Historical' }],
];

export interface PlayGameSpec {
  appId: number;
  name: string;
  englishName: string;
  priceCents: number | null;
  isFree?: boolean;
  tagIds: number[];
  categories?: number[];
  review: [pct: number, count: number];
  play: FakePlay;
  salesRank: number;
}

const text = { schinese: 'text', english: 'full' } as const;
const spec = (s: Omit<PlayGameSpec, 'salesRank'>, i: number): PlayGameSpec => ({ ...s, salesRank: 300 + i });

const SPECS: Omit<PlayGameSpec, 'salesRank'>[] = [
  {
    appId: 4200001,
    name: '回声之屋',
    englishName: 'Echo House',
    priceCents: 3600,
    tagIds: [1667, 1721, 492, 4182],
    review: [91, 8200],
    play: { languages: { schinese: 'full', english: 'full' }, deck: 3 },
  },
  {
    appId: 4200002,
    name: 'Dark Cellar',
    englishName: 'Dark Cellar',
    priceCents: 2800,
    tagIds: [1667, 492, 1662],
    review: [88, 5100],
    play: { languages: { english: 'full' }, deck: 2 },
  },
  {
    appId: 4200003,
    name: 'Night Ward',
    englishName: 'Night Ward',
    priceCents: 2200,
    tagIds: [1667, 1721, 492],
    review: [86, 2300],
    play: { languages: null, deck: 0 },
  },
  {
    appId: 4200004,
    name: '稻香村物语',
    englishName: 'Rice Village Story',
    priceCents: 3800,
    tagIds: [87918, 599, 1654, 492, 4182],
    review: [95, 12000],
    play: { languages: text, deck: 3 },
  },
  {
    appId: 4200005,
    name: '牧场小镇',
    englishName: 'Ranch Town',
    priceCents: 5800,
    tagIds: [87918, 599, 1685, 3859, 597],
    categories: [2, 1, 9, 38],
    review: [90, 6400],
    play: { languages: { schinese: 'full', english: 'full' }, deck: 2 },
  },
  {
    appId: 4200006,
    name: '樱花之约',
    englishName: 'Sakura Promise',
    priceCents: 2500,
    tagIds: [3799, 4947, 4085, 1742],
    review: [93, 4300],
    play: { languages: { schinese: 'full', english: 'text' }, deck: 3 },
  },
  {
    appId: 4200007,
    name: '江湖行',
    englishName: 'Jianghu Journey',
    priceCents: 6800,
    tagIds: [25959, 122, 1695, 19],
    review: [89, 21000],
    play: { languages: { schinese: 'full' }, deck: 2 },
  },
  {
    appId: 4200008,
    name: '三国群雄传',
    englishName: 'Three Kingdoms Heroes',
    priceCents: 4800,
    tagIds: [9, 3987, 4182],
    review: [84, 9100],
    play: { languages: { schinese: 'full', tchinese: 'full' }, deck: 1 },
  },
  {
    appId: 4200009,
    name: '月影城',
    englishName: 'Moonshadow Castle',
    priceCents: 4200,
    tagIds: [1628, 1625, 19, 492],
    categories: [2, 22, 28],
    review: [94, 15000],
    play: { languages: text, deck: 3 },
  },
  {
    appId: 4200010,
    name: '幸存者之夜',
    englishName: 'Night Survivors',
    priceCents: 1800,
    tagIds: [723991, 1716, 19, 492],
    review: [96, 40000],
    play: { languages: text, deck: 3 },
  },
  {
    appId: 4200011,
    name: '尖塔牌局',
    englishName: 'Spire Cards',
    priceCents: 4500,
    tagIds: [32322, 1666, 1716, 9],
    review: [95, 30000],
    play: { languages: text, deck: 3 },
  },
  {
    appId: 4200012,
    name: '节拍大师',
    englishName: 'Beat Master',
    priceCents: 3000,
    tagIds: [1752, 597, 4085],
    review: [92, 7000],
    play: { languages: text, deck: 2 },
  },
  {
    appId: 4200013,
    name: '极速狂飙',
    englishName: 'Speed Rush',
    priceCents: 8800,
    tagIds: [699, 701, 3859],
    categories: [1, 36, 28],
    review: [82, 11000],
    play: { languages: text, deck: 2 },
  },
  {
    appId: 4200014,
    name: '绿茵足球',
    englishName: 'Green Pitch',
    priceCents: null,
    isFree: true,
    tagIds: [701, 113, 3859, 1685],
    categories: [1, 9, 38],
    review: [78, 26000],
    play: { languages: { schinese: 'full', english: 'full' }, deck: 1 },
  },
  {
    appId: 4200015,
    name: '要塞守卫',
    englishName: 'Fortress Guard',
    priceCents: 1500,
    tagIds: [1645, 9, 597],
    review: [90, 5200],
    play: { languages: text, deck: 3 },
  },
  {
    appId: 4200016,
    name: '派对大乱斗',
    englishName: 'Party Brawl',
    priceCents: 4000,
    tagIds: [7178, 10816, 3841, 1685, 3859],
    categories: [1, 9, 39, 24, 28],
    review: [91, 9900],
    play: { languages: text, deck: 3 },
  },
  {
    appId: 4200017,
    name: '荒岛求生',
    englishName: 'Wild Island',
    priceCents: 7000,
    tagIds: [1100689, 1662, 1695, 1685, 3859, 3810],
    categories: [1, 9, 38],
    review: [87, 33000],
    play: { languages: text, deck: 2 },
  },
  {
    appId: 4200018,
    name: '一个夏天',
    englishName: 'One Summer',
    priceCents: 1200,
    tagIds: [4234, 1742, 21, 1654],
    review: [97, 3100],
    play: { languages: { schinese: 'full', english: 'full' }, deck: 3 },
  },
  {
    appId: 4200019,
    name: '餐厅物语',
    englishName: 'Diner Story',
    priceCents: 3200,
    tagIds: [12472, 599, 597],
    review: [89, 6100],
    play: { languages: text, deck: 3 },
  },
  {
    appId: 4200020,
    name: '星穹少女',
    englishName: 'Star Girls',
    priceCents: null,
    isFree: true,
    tagIds: [4085, 1684, 113],
    categories: [2, 1],
    review: [80, 52000],
    play: { languages: { schinese: 'full', english: 'text' }, deck: 2 },
  },
  {
    appId: 4200021,
    name: 'Lonely Lighthouse',
    englishName: 'Lonely Lighthouse',
    priceCents: 2000,
    tagIds: [492, 21, 1664],
    review: [92, 2600],
    play: { languages: { english: 'full' }, deck: 3 },
  },
  {
    appId: 4200022,
    name: '机关迷城',
    englishName: 'Gear Maze',
    priceCents: 2200,
    tagIds: [1664, 492, 1654],
    review: [94, 8800],
    play: { languages: text, deck: 3 },
  },
];

/** Games for the vocabulary and the play filters; sold after the named games and the deals. */
export const PLAY_GAMES: readonly PlayGameSpec[] = SPECS.map(spec);

/** Named games by app id (the rest follow the defaults below). */
const NAMED_PLAY: ReadonlyMap<number, FakePlay> = new Map([
  [2358720, { languages: { schinese: 'full', english: 'text' }, deck: 2 }],
  [1245620, { languages: { schinese: 'text', english: 'full' }, deck: 3 }],
  [1091500, { languages: { schinese: 'full', english: 'full' }, deck: 3 }],
  [570, { languages: { schinese: 'full', english: 'full' }, deck: 2 }],
  [730, { languages: { schinese: 'text', english: 'full' }, deck: 1 }],
  [1172470, { languages: { schinese: 'text', english: 'full' }, deck: 1 }],
  [1203220, { languages: { schinese: 'full', english: 'full' }, deck: 2 }],
  [1426210, { languages: { schinese: 'text', english: 'full' }, deck: 2 }],
  [271590, { languages: { schinese: 'text', english: 'full' }, deck: 1 }],
  [1293040, { languages: null, deck: 0 }],
] satisfies [number, FakePlay][]);

const SPEC_PLAY = new Map(PLAY_GAMES.map((g) => [g.appId, g.play]));

/** A game's play data: its own, or by default Chinese text + English voice, Deck verified. */
export function playOf(game: Pick<FakeGame, 'appId'>): FakePlay {
  const own = NAMED_PLAY.get(game.appId) ?? SPEC_PLAY.get(game.appId);
  if (own) return own;
  // Deal filler (3900001…): every Deck category and language case in turn.
  const i = game.appId - 3900001;
  if (i >= 0 && i < 1000) {
    const languages = [null, { english: 'full' as const }, text][i % 3] ?? null;
    return { languages, deck: (i % 4) as FakePlay['deck'] };
  }
  return { languages: text, deck: 3 };
}

const ELANGUAGE = { english: 0, schinese: 6, tchinese: 7 } as const;

/** GetItems `supported_languages` rows, or nothing when the languages are unknown. */
export function supportedLanguageRows(play: FakePlay): Record<string, unknown> {
  if (!play.languages) return {};
  const rows = Object.entries(play.languages).map(([language, support]) => ({
    elanguage: ELANGUAGE[language as keyof typeof ELANGUAGE],
    eadditionallanguage: -1,
    supported: true,
    full_audio: support === 'full',
    subtitles: true,
  }));
  return { supported_languages: rows };
}
