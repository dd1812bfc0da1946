import { PLAY_GAMES, PLAY_TAGS } from './fake-steam-play.js';

/**
 * The games, tags and packages the fake Steam server (fake-steam.ts) serves over HTTP: named games
 * plus generated discounted filler, deterministic. For a catalog service without Steam behind it,
 * see in-memory-catalog.ts.
 */

export type FakeAppType = 'game' | 'dlc' | 'music' | 'demo' | 'software';

export interface FakeReview {
  pct: number;
  count: number;
  /** Simplified Chinese store label (特别好评 …). */
  label: string;
  englishLabel: string;
  /** EUserReviewScore 0–9. */
  score: number;
}

export interface FakeGame {
  appId: number;
  /** schinese store name. */
  name: string;
  englishName?: string;
  type: FakeAppType;
  /** Full (undiscounted) price in fen; null = no price (unreleased). */
  priceCents: number | null;
  discount: number;
  isFree: boolean;
  tagIds: number[];
  categories: number[];
  genres: string[];
  review: FakeReview | null;
  /** YYYY-MM-DD (Beijing time); null while coming soon without a date. */
  releaseDate: string | null;
  comingSoon: boolean;
  earlyAccess: boolean;
  shortDescription: string;
  developers: string[];
  publishers: string[];
  platforms: { windows: boolean; mac: boolean; linux: boolean };
  /** 1 = best seller. */
  salesRank: number;
  /** 1 = most "new and trending". */
  trendingRank: number;
  fullGameAppId?: number;
  requiredAge: number | string;
  metacritic?: number;
}

export interface FakePackage {
  packageId: number;
  name: string;
  englishName: string;
  priceCents: number;
  discount: number;
  appIds: number[];
}

export interface TagNames {
  schinese: string;
  english: string;
}

/** Tag vocabulary (real Steam tag ids). Order = popularity for /tagdata/populartags. */
export const FAKE_TAGS: ReadonlyMap<number, TagNames> = new Map([
  [492, { schinese: '独立', english: 'Indie' }],
  [19, { schinese: '动作', english: 'Action' }],
  [21, { schinese: '冒险', english: 'Adventure' }],
  [597, { schinese: '休闲', english: 'Casual' }],
  [4182, { schinese: '单人', english: 'Singleplayer' }],
  [599, { schinese: '模拟', english: 'Simulation' }],
  [9, { schinese: '策略', english: 'Strategy' }],
  [122, { schinese: '角色扮演', english: 'RPG' }],
  [3859, { schinese: '多人', english: 'Multiplayer' }],
  [113, { schinese: '免费开玩', english: 'Free to Play' }],
  [1695, { schinese: '开放世界', english: 'Open World' }],
  [1685, { schinese: '合作', english: 'Co-op' }],
  [3843, { schinese: '在线合作', english: 'Online Co-Op' }],
  [3841, { schinese: '本地合作', english: 'Local Co-Op' }],
  [1774, { schinese: '射击', english: 'Shooter' }],
  [1663, { schinese: '第一人称射击', english: 'FPS' }],
  [4231, { schinese: '动作角色扮演', english: 'Action RPG' }],
  [1684, { schinese: '奇幻', english: 'Fantasy' }],
  [3942, { schinese: '科幻', english: 'Sci-fi' }],
  [1742, { schinese: '剧情丰富', english: 'Story Rich' }],
  [1716, { schinese: '类 Rogue', english: 'Roguelike' }],
  [1625, { schinese: '平台游戏', english: 'Platformer' }],
  [1662, { schinese: '生存', english: 'Survival' }],
  [3810, { schinese: '沙盒', english: 'Sandbox' }],
  [1664, { schinese: '解谜', english: 'Puzzle' }],
  [3878, { schinese: '竞技', english: 'Competitive' }],
  [1666, { schinese: '卡牌游戏', english: 'Card Game' }],
  [29482, { schinese: '类魂系列', english: 'Souls-like' }],
  [1654, { schinese: '轻松', english: 'Relaxing' }],
  ...PLAY_TAGS,
]);

/** Store categories (appdetails' categories[].id, GetItems' categories). */
export const FAKE_CATEGORIES: ReadonlyMap<number, TagNames> = new Map([
  [2, { schinese: '单人', english: 'Single-player' }],
  [1, { schinese: '多人', english: 'Multi-player' }],
  [9, { schinese: '合作', english: 'Co-op' }],
  [38, { schinese: '在线合作', english: 'Online Co-op' }],
  [39, { schinese: '同屏/分屏合作', english: 'Shared/Split Screen Co-op' }],
  [22, { schinese: 'Steam 成就', english: 'Steam Achievements' }],
  [28, { schinese: '完全支持控制器', english: 'Full controller support' }],
  [23, { schinese: 'Steam 云', english: 'Steam Cloud' }],
]);

export const FAKE_GENRES: ReadonlyMap<string, TagNames> = new Map([
  ['1', { schinese: '动作', english: 'Action' }],
  ['2', { schinese: '策略', english: 'Strategy' }],
  ['3', { schinese: '角色扮演', english: 'RPG' }],
  ['23', { schinese: '独立', english: 'Indie' }],
  ['25', { schinese: '冒险', english: 'Adventure' }],
  ['28', { schinese: '模拟', english: 'Simulation' }],
  ['29', { schinese: '大型多人在线', english: 'Massively Multiplayer' }],
  ['37', { schinese: '免费开玩', english: 'Free To Play' }],
  ['70', { schinese: '抢先体验', english: 'Early Access' }],
]);

/** Steam's review label rules (percent + volume). */
export function fakeReview(pct: number, count: number): FakeReview {
  const [label, englishLabel, score] =
    pct >= 95 && count >= 500
      ? ['好评如潮', 'Overwhelmingly Positive', 9]
      : pct >= 80 && count >= 50
        ? ['特别好评', 'Very Positive', 8]
        : pct >= 80
          ? ['好评', 'Positive', 7]
          : pct >= 70
            ? ['多半好评', 'Mostly Positive', 6]
            : pct >= 40
              ? ['褒贬不一', 'Mixed', 5]
              : pct >= 20
                ? ['多半差评', 'Mostly Negative', 4]
                : ['差评', 'Negative', 3];
  return { pct, count, label, englishLabel, score };
}

type GameSpec = Partial<FakeGame> & Pick<FakeGame, 'appId' | 'name' | 'tagIds' | 'salesRank'>;

function game(spec: GameSpec): FakeGame {
  return {
    type: 'game',
    priceCents: null,
    discount: 0,
    isFree: false,
    categories: [2, 22],
    genres: ['1'],
    review: null,
    releaseDate: null,
    comingSoon: false,
    earlyAccess: false,
    shortDescription: `${spec.name}：一款精彩的游戏。`,
    developers: ['示例工作室'],
    publishers: ['示例发行商'],
    platforms: { windows: true, mac: false, linux: false },
    trendingRank: 500 + spec.salesRank,
    requiredAge: 0,
    ...spec,
  };
}

const NAMED_GAMES: FakeGame[] = [
  game({
    appId: 2358720,
    name: '黑神话：悟空',
    englishName: 'Black Myth: Wukong',
    priceCents: 26800,
    tagIds: [4231, 19, 122, 21, 1684, 4182, 29482],
    genres: ['1', '3', '25'],
    review: fakeReview(96, 1045281),
    releaseDate: '2024-08-20',
    shortDescription:
      '《黑神话：悟空》是一款以中国神话为背景的动作角色扮演游戏。你将扮演一位“天命人”，踏上充满危险与惊奇的西游之路。',
    developers: ['游戏科学'],
    publishers: ['游戏科学'],
    salesRank: 2,
    trendingRank: 3,
    metacritic: 81,
  }),
  game({
    appId: 1245620,
    name: '艾尔登法环',
    englishName: 'ELDEN RING',
    priceCents: 29800,
    discount: 40,
    tagIds: [122, 1695, 19, 29482, 1684, 4182, 3859],
    categories: [2, 1, 38, 22, 28],
    genres: ['1', '3'],
    review: fakeReview(93, 756015),
    releaseDate: '2022-02-25',
    shortDescription: '新的奇幻动作角色扮演游戏。走进辽阔的场景与地下迷宫探索未知，挑战困难重重的险境。',
    developers: ['FromSoftware, Inc.'],
    publishers: ['FromSoftware, Inc.', 'Bandai Namco Entertainment'],
    salesRank: 4,
    trendingRank: 30,
    requiredAge: '16',
    metacritic: 94,
  }),
  game({
    appId: 2778580,
    name: '艾尔登法环 黄金树幽影',
    englishName: 'ELDEN RING Shadow of the Erdtree',
    type: 'dlc',
    priceCents: 19800,
    tagIds: [122, 1695, 19, 29482],
    genres: ['1', '3'],
    review: fakeReview(79, 120345),
    releaseDate: '2024-06-21',
    fullGameAppId: 1245620,
    shortDescription: '《艾尔登法环》的大型扩展内容“黄金树幽影”。',
    salesRank: 12,
  }),
  game({
    appId: 2784890,
    name: '黑神话：悟空 原声大碟',
    englishName: 'Black Myth: Wukong Soundtrack',
    type: 'music',
    priceCents: 4800,
    tagIds: [19, 122],
    categories: [],
    genres: [],
    releaseDate: '2024-08-20',
    fullGameAppId: 2358720,
    shortDescription: '《黑神话：悟空》原声音乐集。',
    salesRank: 40,
  }),
  game({
    appId: 413150,
    name: '星露谷物语',
    englishName: 'Stardew Valley',
    priceCents: 4800,
    tagIds: [599, 492, 1685, 3859, 4182, 1654, 3843],
    categories: [2, 1, 9, 38, 22],
    genres: ['23', '3', '28'],
    review: fakeReview(98, 650000),
    releaseDate: '2016-02-27',
    shortDescription: '你继承了爷爷在星露谷的老农场。带着爷爷留下的工具和几枚硬币，你开始了新的生活。',
    platforms: { windows: true, mac: true, linux: true },
    salesRank: 10,
  }),
  game({
    appId: 1091500,
    name: '赛博朋克 2077',
    englishName: 'Cyberpunk 2077',
    priceCents: 29800,
    discount: 65,
    tagIds: [122, 1695, 3942, 19, 4182, 1663],
    genres: ['3'],
    review: fakeReview(87, 756012),
    releaseDate: '2020-12-10',
    requiredAge: '18',
    salesRank: 6,
    trendingRank: 20,
  }),
  game({
    appId: 292030,
    name: '巫师 3：狂猎',
    englishName: 'The Witcher 3: Wild Hunt',
    priceCents: 12700,
    discount: 80,
    tagIds: [122, 1695, 1742, 1684, 4182, 19],
    genres: ['3'],
    review: fakeReview(96, 800000),
    releaseDate: '2015-05-19',
    salesRank: 15,
  }),
  game({
    appId: 377160,
    name: '辐射 4',
    englishName: 'Fallout 4',
    priceCents: 9900,
    tagIds: [1695, 122, 3942, 4182, 1774],
    genres: ['3'],
    review: fakeReview(84, 300000),
    releaseDate: '2015-11-10',
    salesRank: 25,
  }),
  game({
    appId: 22380,
    name: '辐射：新维加斯',
    englishName: 'Fallout: New Vegas',
    priceCents: 3600,
    tagIds: [1695, 122, 1742, 4182],
    genres: ['3'],
    review: fakeReview(95, 200000),
    releaseDate: '2010-10-19',
    salesRank: 45,
  }),
  game({
    appId: 489830,
    name: '上古卷轴 V：天际 特别版',
    englishName: 'The Elder Scrolls V: Skyrim Special Edition',
    priceCents: 14900,
    tagIds: [122, 1695, 1684, 4182, 19],
    genres: ['3'],
    review: fakeReview(94, 350000),
    releaseDate: '2016-10-28',
    salesRank: 20,
  }),
  game({
    appId: 1151640,
    name: '地平线 零之曙光™ 完整版',
    englishName: 'Horizon Zero Dawn™ Complete Edition',
    priceCents: 27900,
    discount: 50,
    tagIds: [1695, 4231, 19, 3942, 4182],
    genres: ['1', '3'],
    review: fakeReview(88, 160000),
    releaseDate: '2020-08-07',
    salesRank: 30,
  }),
  game({
    appId: 1086940,
    name: '博德之门 3',
    englishName: "Baldur's Gate 3",
    priceCents: 29800,
    tagIds: [122, 9, 1685, 1742, 1684, 3859, 4182],
    categories: [2, 1, 9, 38, 22],
    genres: ['3', '2', '25'],
    review: fakeReview(96, 600000),
    releaseDate: '2023-08-03',
    salesRank: 9,
    trendingRank: 25,
  }),
  game({
    appId: 570,
    name: 'Dota 2',
    englishName: 'Dota 2',
    isFree: true,
    tagIds: [113, 9, 3859, 3878, 19],
    categories: [1, 9, 38],
    genres: ['1', '2', '37'],
    review: fakeReview(81, 2315000),
    releaseDate: '2013-07-09',
    developers: ['Valve'],
    publishers: ['Valve'],
    platforms: { windows: true, mac: true, linux: true },
    salesRank: 3,
  }),
  game({
    appId: 730,
    name: 'Counter-Strike 2',
    englishName: 'Counter-Strike 2',
    isFree: true,
    tagIds: [113, 1663, 1774, 3859, 3878, 19],
    categories: [1, 38],
    genres: ['1', '37'],
    review: fakeReview(86, 8000000),
    releaseDate: '2012-08-22',
    developers: ['Valve'],
    publishers: ['Valve'],
    platforms: { windows: true, mac: false, linux: true },
    salesRank: 1,
    trendingRank: 10,
  }),
  game({
    appId: 1172470,
    name: 'Apex 英雄',
    englishName: 'Apex Legends',
    isFree: true,
    tagIds: [113, 1774, 1663, 3859, 19, 3878],
    categories: [1, 38],
    genres: ['1', '25', '37'],
    review: fakeReview(69, 900000),
    releaseDate: '2020-11-05',
    salesRank: 7,
  }),
  game({
    appId: 238960,
    name: '流放之路',
    englishName: 'Path of Exile',
    isFree: true,
    tagIds: [113, 122, 4231, 19, 3859, 1685],
    categories: [1, 9, 38],
    genres: ['1', '3', '37', '29'],
    review: fakeReview(86, 220000),
    releaseDate: '2013-10-23',
    salesRank: 18,
  }),
  game({
    appId: 1284410,
    name: '巫师之昆特牌',
    englishName: 'GWENT: The Witcher Card Game',
    isFree: true,
    tagIds: [113, 9, 1666, 3859],
    categories: [1],
    genres: ['2', '37'],
    review: fakeReview(84, 60000),
    releaseDate: '2018-10-23',
    salesRank: 60,
  }),
  game({
    appId: 1203220,
    name: '永劫无间',
    englishName: 'NARAKA: BLADEPOINT',
    isFree: true,
    tagIds: [113, 19, 3859, 3878, 1684],
    categories: [1],
    genres: ['1', '25', '37'],
    review: fakeReview(55, 300000),
    releaseDate: '2021-08-12',
    developers: ['24 Entertainment'],
    publishers: ['网易游戏'],
    salesRank: 8,
  }),
  game({
    appId: 1623730,
    name: '幻兽帕鲁',
    englishName: 'Palworld',
    priceCents: 10800,
    tagIds: [1695, 1662, 1685, 3859, 3810, 122],
    categories: [2, 1, 9, 38],
    genres: ['1', '25', '3', '70'],
    review: fakeReview(93, 400000),
    releaseDate: '2024-01-19',
    earlyAccess: true,
    salesRank: 5,
    trendingRank: 5,
  }),
  game({
    appId: 2246340,
    name: '怪物猎人 荒野',
    englishName: 'Monster Hunter Wilds',
    priceCents: 39800,
    tagIds: [19, 1695, 122, 1685, 3859, 4231],
    categories: [2, 1, 9, 38],
    genres: ['1'],
    review: fakeReview(55, 180000),
    releaseDate: '2025-02-28',
    salesRank: 11,
    trendingRank: 2,
  }),
  game({
    appId: 582010,
    name: '怪物猎人：世界',
    englishName: 'Monster Hunter: World',
    priceCents: 12800,
    discount: 66,
    tagIds: [19, 1685, 3859, 122, 4231, 1695],
    categories: [2, 1, 9, 38],
    genres: ['1'],
    review: fakeReview(90, 250000),
    releaseDate: '2018-08-09',
    salesRank: 22,
  }),
  game({
    appId: 1426210,
    name: '双人成行',
    englishName: 'It Takes Two',
    priceCents: 19800,
    discount: 70,
    tagIds: [1685, 3841, 3843, 21, 1664, 1625],
    categories: [1, 9, 38, 39],
    genres: ['25'],
    review: fakeReview(95, 280000),
    releaseDate: '2021-03-26',
    shortDescription: '一款只支持双人合作的平台冒险游戏，和朋友一起踏上疯狂的旅程。',
    salesRank: 14,
  }),
  game({
    appId: 2001120,
    name: '双影奇境',
    englishName: 'Split Fiction',
    priceCents: 23800,
    tagIds: [1685, 3841, 3843, 21, 19],
    categories: [1, 9, 38, 39],
    genres: ['1', '25'],
    review: fakeReview(96, 90000),
    releaseDate: '2025-03-06',
    salesRank: 13,
    trendingRank: 1,
  }),
  game({
    appId: 1145360,
    name: '哈迪斯',
    englishName: 'Hades',
    priceCents: 8000,
    discount: 50,
    tagIds: [1716, 19, 492, 4231, 1684, 4182],
    genres: ['1', '23', '3'],
    review: fakeReview(98, 280000),
    releaseDate: '2020-09-17',
    platforms: { windows: true, mac: true, linux: false },
    salesRank: 28,
  }),
  game({
    appId: 504230,
    name: '蔚蓝',
    englishName: 'Celeste',
    priceCents: 6800,
    discount: 75,
    tagIds: [1625, 492, 1664, 4182],
    genres: ['1', '23'],
    review: fakeReview(97, 56563),
    releaseDate: '2018-01-26',
    platforms: { windows: true, mac: true, linux: true },
    salesRank: 50,
  }),
  game({
    appId: 367520,
    name: '空洞骑士',
    englishName: 'Hollow Knight',
    priceCents: 4800,
    discount: 50,
    tagIds: [1625, 492, 19, 21, 4182],
    genres: ['1', '23', '25'],
    review: fakeReview(97, 300000),
    releaseDate: '2017-02-25',
    salesRank: 35,
  }),
  game({
    appId: 105600,
    name: '泰拉瑞亚',
    englishName: 'Terraria',
    priceCents: 3600,
    discount: 10,
    tagIds: [3810, 21, 1685, 3859, 492, 1662],
    categories: [2, 1, 9, 38],
    genres: ['1', '25', '23', '3'],
    review: fakeReview(97, 1000000),
    releaseDate: '2011-05-17',
    salesRank: 24,
  }),
  game({
    appId: 271590,
    name: '侠盗猎车手 V：传承版',
    englishName: 'Grand Theft Auto V Legacy',
    priceCents: 11900,
    tagIds: [1695, 19, 3859, 21],
    categories: [2, 1],
    genres: ['1', '25'],
    review: fakeReview(87, 1600000),
    releaseDate: '2015-04-14',
    requiredAge: 18,
    salesRank: 16,
  }),
  game({
    appId: 1293040,
    name: '2048',
    englishName: '2048',
    priceCents: 500,
    tagIds: [1664, 597, 492],
    genres: ['23'],
    review: fakeReview(78, 320),
    releaseDate: '2020-05-20',
    shortDescription: '经典的数字合并益智游戏。',
    salesRank: 300,
  }),
  game({
    appId: 3812360,
    name: '黑神话：钟馗',
    englishName: 'Black Myth: Zhong Kui',
    comingSoon: true,
    tagIds: [4231, 19, 122, 1684],
    genres: ['1', '3'],
    shortDescription: '《黑神话》系列第二部作品，以钟馗传说为背景。',
    developers: ['游戏科学'],
    publishers: ['游戏科学'],
    salesRank: 400,
    trendingRank: 400,
  }),
];

const FILLER_PRICES = [1800, 3600, 4800, 6800, 9800, 12800, 19800];
const FILLER_TAGS = [
  [492, 19],
  [492, 21, 4182],
  [599, 1685, 3859],
  [9, 492],
  [122, 4182, 1684],
];

/** 60 discounted games (10 %–90 %) so "biggest discounts" needs several pages. */
function fillerGames(): FakeGame[] {
  return Array.from({ length: 60 }, (_, i) => {
    const released = new Date(Date.UTC(2019, 0, 1) + i * 17 * 86_400_000).toISOString().slice(0, 10);
    return game({
      appId: 3900001 + i,
      name: `特惠测试游戏 ${i + 1}`,
      englishName: `Deal Filler ${i + 1}`,
      priceCents: FILLER_PRICES[i % FILLER_PRICES.length] ?? 1800,
      discount: 10 + ((i * 37) % 81),
      tagIds: FILLER_TAGS[i % FILLER_TAGS.length] ?? [492],
      genres: ['23'],
      review: fakeReview(60 + ((i * 13) % 40), 100 + i * 37),
      releaseDate: released,
      salesRank: 100 + i,
      trendingRank: 200 - i,
    });
  });
}

/** Games for the gamer vocabulary and the language / Deck filters (fake-steam-play.ts). */
function playGames(): FakeGame[] {
  return PLAY_GAMES.map(({ review, play: _play, ...spec }) =>
    game({ ...spec, review: fakeReview(...review), releaseDate: '2023-06-01', genres: ['23'] }),
  );
}

export const FAKE_GAMES: readonly FakeGame[] = [...NAMED_GAMES, ...fillerGames(), ...playGames()];

export const FAKE_PACKAGES: readonly FakePackage[] = [
  {
    packageId: 1003311,
    name: '黑神话：悟空 数字豪华版',
    englishName: 'Black Myth: Wukong Digital Deluxe Edition',
    priceCents: 32800,
    discount: 0,
    appIds: [2358720, 2784890],
  },
];

/** Price actually charged, in fen: null when unpriced, 0 when free. */
export function finalCents(item: {
  priceCents: number | null;
  discount: number;
  isFree?: boolean;
}): number | null {
  if (item.isFree === true) return 0;
  if (item.priceCents === null) return null;
  return Math.round((item.priceCents * (100 - item.discount)) / 100);
}
