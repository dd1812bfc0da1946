/**
 * The server's MCP prompts: ready-made requests, Chinese first with English, each spelling out
 * which tools to call so that any model can follow them. Only text: no services are needed
 * to list or render them.
 */

/** Where a prompt argument's completions come from (see complete.ts). */
export type CompletionSource = 'game' | 'tags' | 'none';

export interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
  completion: CompletionSource;
}

export interface PromptDefinition {
  name: string;
  title: string;
  description: string;
  arguments: readonly PromptArgument[];
  /** The user message; `args` holds only the arguments given (trimmed, non-empty). */
  render(args: Readonly<Record<string, string>>): string;
}

const arg = (
  name: string,
  description: string,
  completion: CompletionSource = 'none',
  required = false,
): PromptArgument => ({ name, description, required, completion });

/** "key: value" lines for the arguments that were given. */
function given(args: Readonly<Record<string, string>>, labels: Record<string, string>): string {
  const lines = Object.entries(labels)
    .filter(([key]) => args[key])
    .map(([key, label]) => `- ${label}: ${args[key]}`);
  return lines.length ? lines.join('\n') : '- （未指定 / none given）';
}

export const PROMPTS: readonly PromptDefinition[] = [
  {
    name: 'what_to_play_tonight',
    title: '今晚玩什么 / What to play tonight',
    description:
      '根据心情、可玩时长、预算和人数推荐今晚玩的 Steam 游戏。Recommends Steam games for tonight from mood, time, budget and players.',
    arguments: [
      arg('mood', '心情或想要的感觉，如“放松”“刺激”。Mood, e.g. relaxing, thrilling', 'tags'),
      arg('time', '今晚大概能玩多久，如“2小时”。How long you can play tonight'),
      arg('budget', '预算（人民币），如“50”；0 表示只要免费。Budget in CNY; 0 for free games only'),
      arg('players', '人数：单人、双人、多人。Players: single, two, multiplayer'),
    ],
    render: (args) => {
      const budget = args.budget?.match(/^\s*0+(\.0+)?\s*(元|cny|¥)?\s*$/i) ? '只要免费游戏' : args.budget;
      const query = [
        args.mood && `想玩${args.mood}的游戏`,
        args.time && `今晚能玩${args.time}`,
        budget && (budget === '只要免费游戏' ? budget : `预算${budget}元以内`),
        args.players && `${args.players}玩`,
      ]
        .filter(Boolean)
        .join('，');
      return [
        '今晚想在 Steam 上玩点什么，帮我挑几款。',
        given(
          { ...args, budget: budget ?? '' },
          {
            mood: '心情 mood',
            time: '时长 time',
            budget: '预算 budget',
            players: '人数 players',
          },
        ),
        '',
        `请这样做 / Steps:`,
        `1. 调用 recommend_games，user_query 为 "${query || '今晚适合玩的热门好评游戏'}"，max_results 为 5。`,
        '2. 如果可玩时长较短，优先推荐单局短、随时能停的游戏；时长较长可以推荐剧情或开放世界游戏。',
        '3. 用中文回答：每款游戏给出名称、价格（人民币）、好评率和一句推荐理由，最后给出你的首选。',
        'Answer in the language the user writes in (Chinese by default); never exceed the budget.',
      ].join('\n');
    },
  },
  {
    name: 'worth_buying',
    title: '值不值得买 / Is it worth buying',
    description:
      '分析一款 Steam 游戏现在值不值得买：价格、折扣、评价与同类对比。Is this Steam game worth buying now: price, discount, reviews, alternatives.',
    arguments: [arg('game', '游戏名称或 AppID，如“艾尔登法环”。Game name or Steam AppID', 'game', true)],
    render: (args) =>
      [
        `《${args.game}》现在值不值得买？`,
        '',
        '请这样做 / Steps:',
        `1. 调用 get_game_details，game_identifier 为 "${args.game}"，看现价、原价、折扣、好评率、评测数、发行日期和支持语言（有没有中文）。`,
        `2. 调用 get_price_verdict，game_identifier 为 "${args.game}"，看现价是否处于低位（史低 / 接近史低 / 近期低价 / 建议等待）及判断规则。`,
        `3. 调用 recommend_games，user_query 为 "和${args.game}类似、评价更好或更便宜的游戏"，max_results 3，作为对比。`,
        '4. 用中文给出结论：值得买 / 等打折 / 不推荐，并说明理由（价格是否处于低位、口碑、内容量、中文支持）。',
        'Answer in the language the user writes in (Chinese by default).',
      ].join('\n'),
  },
  {
    name: 'daily_deals',
    title: '折扣日报 / Daily deals',
    description: '今日 Steam 折扣精选，可按预算与标签筛选。Today’s Steam deals, filtered by budget and tags.',
    arguments: [
      arg('budget', '折后价上限（人民币），如“100”。Maximum discounted price in CNY'),
      arg('tags', '感兴趣的标签，逗号分隔，如“角色扮演,开放世界”。Tags, comma-separated', 'tags'),
    ],
    render: (args) => {
      const tags = (args.tags ?? '')
        .split(/[,，、]/)
        .map((t) => t.trim())
        .filter(Boolean);
      const price = args.budget ? `，max_price 为 ${args.budget}` : '';
      return [
        '帮我整理一份今天的 Steam 折扣日报。',
        given(args, { budget: '预算 budget', tags: '标签 tags' }),
        '',
        '请这样做 / Steps:',
        `1. 调用 get_discounted_games，min_discount 为 30${price}，max_results 为 30。`,
        tags.length
          ? `2. 只保留标签与「${tags.join('、')}」相关的游戏；不足 5 款时调用 recommend_games，user_query 为 "打折的${tags.join('、')}游戏${args.budget ? `，${args.budget}元以内` : ''}"。`
          : '2. 按折扣力度和好评率挑出最值得买的 5–10 款。',
        '3. 调用 get_free_games（max_results 5）附上今天可以免费玩的游戏。',
        '4. 用中文输出日报：表格列出游戏名、折后价/原价、折扣、好评率，并用一句话点评每款。',
        'Answer in the language the user writes in (Chinese by default).',
      ].join('\n');
    },
  },
  {
    name: 'games_like',
    title: '像X一样的游戏 / Games like X',
    description: '找和某款游戏相似的 Steam 游戏。Finds Steam games similar to a game you name.',
    arguments: [
      arg('game', '参照的游戏，如“星露谷物语”。The game to match', 'game', true),
      arg('budget', '预算（人民币），可选。Optional budget in CNY'),
    ],
    render: (args) =>
      [
        `推荐一些像《${args.game}》一样的游戏。`,
        given(args, { budget: '预算 budget' }),
        '',
        '请这样做 / Steps:',
        `1. 调用 find_similar_games，game_identifier 为 "${args.game}"，max_results 为 8${args.budget ? `，max_price 为 ${args.budget}` : ''}（它已去掉《${args.game}》本身、DLC 和其他版本）。`,
        `2. 用中文列出 5 款，每款根据 shared_tags 说明和《${args.game}》相似在哪里，再说一点不同；需要更多信息时再调用 get_game_details。`,
        'Answer in the language the user writes in (Chinese by default).',
      ].join('\n'),
  },
];
