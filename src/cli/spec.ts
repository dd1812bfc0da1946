/**
 * The CLI's commands: which tool each calls and how its words and flags become the tool's
 * arguments. The tool validates them (same ranges and messages as over MCP).
 */

export type OptionType = 'string' | 'boolean';

export interface CommandOption {
  /** The flag, e.g. "max" for --max. */
  flag: string;
  /** The tool argument it sets. */
  argument: string;
  type: OptionType;
  /** A comma-separated value becomes a list (free --tags 射击,多人). */
  list?: boolean;
  help: { zh: string; en: string };
}

export interface CommandSpec {
  name: string;
  tool: string;
  /** The tool argument the positional words form (joined by spaces), if any. */
  positional?: { argument: string; label: string; required: boolean };
  options: readonly CommandOption[];
  summary: { zh: string; en: string };
  example: string;
}

const max = (limit: number, fallback: number): CommandOption => ({
  flag: 'max',
  argument: 'max_results',
  type: 'string',
  help: { zh: `返回数量（1–${limit}，默认 ${fallback}）`, en: `how many (1–${limit}, default ${fallback})` },
});

/** One game, by name (Chinese or English) or AppID: details, verdict, regions. */
const gameIdentifier: CommandSpec['positional'] = {
  argument: 'game_identifier',
  label: '游戏名或 AppID game',
  required: true,
};

const maxPrice: CommandOption = {
  flag: 'max-price',
  argument: 'max_price',
  type: 'string',
  help: { zh: '最高价格（商店货币，默认人民币）', en: 'maximum price (store currency, CNY by default)' },
};

const minDiscount: CommandOption = {
  flag: 'min-discount',
  argument: 'min_discount',
  type: 'string',
  help: { zh: '最低折扣（百分比 0–100）', en: 'minimum discount in percent (0–100)' },
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'recommend',
    tool: 'recommend_games',
    positional: { argument: 'user_query', label: '需求 request', required: true },
    options: [max(20, 5)],
    summary: { zh: '用自然语言推荐游戏', en: 'recommend games for a plain-language request' },
    example: 'steam-game-mcp recommend "推荐一些开放世界RPG，100元以内"',
  },
  {
    name: 'search',
    tool: 'search_games',
    positional: { argument: 'keywords', label: '关键词 keywords', required: true },
    options: [maxPrice, max(50, 10)],
    summary: { zh: '按关键词搜索游戏', en: 'search games by keywords' },
    example: 'steam-game-mcp search 艾尔登法环',
  },
  {
    name: 'details',
    tool: 'get_game_details',
    positional: gameIdentifier,
    options: [],
    summary: { zh: '查看游戏详情', en: 'details of one game (name or AppID)' },
    example: 'steam-game-mcp details 1245620',
  },
  {
    name: 'top',
    tool: 'get_top_games',
    positional: { argument: 'filter_type', label: 'topsellers | popularnew | trendingweek', required: false },
    options: [max(50, 20)],
    summary: { zh: 'Steam 排行榜（热销、热门新品、新鲜热门）', en: 'Steam charts' },
    example: 'steam-game-mcp top popularnew --max 10',
  },
  {
    name: 'deals',
    tool: 'get_discounted_games',
    options: [minDiscount, maxPrice, max(50, 20)],
    summary: { zh: '当前特惠', en: 'games on sale now' },
    example: 'steam-game-mcp deals --min-discount 50 --max-price 100',
  },
  {
    name: 'free',
    tool: 'get_free_games',
    options: [
      {
        flag: 'tags',
        argument: 'tags',
        type: 'string',
        list: true,
        help: { zh: '标签，逗号分隔，如 射击,多人', en: 'tags, comma-separated, e.g. shooter,multiplayer' },
      },
      max(50, 20),
    ],
    summary: { zh: '免费游戏', en: 'free-to-play games' },
    example: 'steam-game-mcp free --tags 射击,多人',
  },
  {
    name: 'verdict',
    tool: 'get_price_verdict',
    positional: gameIdentifier,
    options: [],
    summary: { zh: '现在的价格是不是史低', en: 'is the current price a (historical) low' },
    example: 'steam-game-mcp verdict 艾尔登法环',
  },
  {
    name: 'regions',
    tool: 'compare_region_prices',
    positional: gameIdentifier,
    options: [
      {
        flag: 'regions',
        argument: 'regions',
        type: 'string',
        list: true,
        help: { zh: '地区代码，逗号分隔，如 CN,US,JP', en: 'region codes, comma-separated, e.g. CN,US,JP' },
      },
    ],
    summary: { zh: '各区价格对比', en: 'one game’s price in each store region' },
    example: 'steam-game-mcp regions 1245620 --regions CN,HK,US',
  },
  {
    name: 'wishlist',
    tool: 'get_wishlist_deals',
    positional: { argument: 'steam_user', label: 'SteamID64、个人资料链接或自定义名 user', required: true },
    options: [minDiscount, maxPrice, max(100, 20)],
    summary: { zh: '愿望单里的折扣', en: 'deals on a public wishlist' },
    example: 'steam-game-mcp wishlist 76561197960287930 --min-discount 30',
  },
];

/** Flags every command takes. */
export const GLOBAL_FLAGS = {
  json: { zh: '输出 JSON（供脚本使用）', en: 'print JSON (for scripts)' },
  help: { zh: '显示帮助', en: 'show help' },
  envFile: {
    zh: '从此文件读取配置（默认读取安装目录下的 .env）',
    en: 'read settings from this file (default: .env beside the package)',
  },
} as const;
