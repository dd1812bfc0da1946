import type { CallOptions, GameList, GameSummary, SimilarResult, SteamCatalog } from '../catalog/types.js';

/** What a candidate shares with the game the user named (「像《X》一样」, "games like X"). */
interface SimilarTo {
  name: string;
  sharedTags: string[];
  /** 0–1: share of the reference's tag weight. */
  similarity: number;
}

export type WithSimilarTo = GameSummary & { similarTo?: SimilarTo };

const NAME = '([^，,。！？!?；;、《》“”"]{1,40}?)';
const ZH_PATTERNS = [
  // 像《X》、类似《X》：the brackets say where the name ends.
  /(?:像|类似于?|相似于|好像)\s*《([^》]{1,40})》/,
  // 像X一样 / 像X那样 / 像X的 / 类似X的 / 和X差不多 / 跟X类似
  new RegExp(`(?:像|类似于?|相似于)\\s*${NAME}\\s*(?:一样|那样|这样|的|类似|相似|差不多)`),
  new RegExp(`(?:和|跟|与)\\s*${NAME}\\s*(?:一样|类似|相似|差不多)`),
];
// "games like X", "something like X", "similar to X", or a request that starts with "like X".
const EN_PATTERN =
  /(?:\b(?:games?|something|anything|titles?|stuff|ones?)\s+(?:just\s+)?like|\bsimilar\s+to|^\s*like)\s+["“']?(.+?)["”']?\s*(?=\b(?:but|with|under|below|for|that|which|and|on|in|from|less|cheaper)\b|[,.;!?(]|$)/i;
const TRAILING = /(?:游戏|系列|这款|那款|\s)+$/;

/** The reference game named in the request, or null. Works without the model. */
export function parseReference(query: string): string | null {
  for (const pattern of ZH_PATTERNS) {
    const name = pattern.exec(query)?.[1]?.replace(TRAILING, '').trim();
    if (name) return name;
  }
  const english = EN_PATTERN.exec(query)?.[1]?.trim();
  return english && !/^(?:this|that|it|these|those)$/i.test(english) ? english : null;
}

/** How many neighbours of the reference join the candidates. */
const SIMILAR_CANDIDATES = 30;

/** Starts the neighbour search (while the request is analysed); awaited later, or left unused. */
export function startSimilar(
  catalog: Pick<SteamCatalog, 'similarGames'>,
  reference: string,
  o: CallOptions,
): Promise<SimilarResult | null> {
  const pending = catalog.similarGames({ identifier: reference, maxResults: SIMILAR_CANDIDATES }, o);
  pending.catch(() => undefined); // never an unhandled rejection
  return pending;
}

/** The neighbours as a candidate list, each marked with what it shares with the reference. */
export function similarList(result: SimilarResult | null): GameList {
  if (!result) return { games: [], totalFound: 0, warnings: [] };
  const games = result.games.map(({ sharedTags, similarity, ...game }): WithSimilarTo => ({
    ...game,
    similarTo: { name: result.reference.name, sharedTags, similarity },
  }));
  return { games, totalFound: result.totalFound, warnings: result.warnings };
}

/** Leaves the reference game itself out of the candidates. */
export function withoutReference<T extends GameSummary>(games: T[], result: SimilarResult | null): T[] {
  return result ? games.filter((g) => g.appId !== result.reference.appId) : games;
}
