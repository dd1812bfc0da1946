/** Shown to the client at initialize: when to use which tool. */
export const INSTRUCTIONS = `Steam game discovery for players (prices in the store currency, CNY by default).
- recommend_games: plain-language requests ("推荐一些开放世界RPG游戏，100元以内"); returns ranked games with reasons.
- search_games: keyword search, optional max_price.
- get_discounted_games: current deals, biggest discount first.
- get_top_games: charts (topsellers, popularnew, trendingweek).
- get_free_games: free-to-play games, optionally filtered by tags.
- get_game_details: everything about one game, by AppID or by name.
- find_similar_games: games like a given one ("像星露谷物语的游戏").
Steam 游戏发现与推荐：价格默认为人民币。`;
