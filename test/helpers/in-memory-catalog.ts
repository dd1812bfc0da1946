/**
 * A SteamCatalog service held in memory, with GameSummary fixtures and no Steam (and no HTTP)
 * behind it: the recommender's tests use it. The fake Steam server's data is fake-steam-games.ts.
 */
import type {
  GameExtras,
  GameList,
  GameSummary,
  SearchQuery,
  SteamCatalog,
} from '../../src/catalog/types.js';

const TAGS: [number, string, string][] = [
  [1695, 'Open World', '开放世界'],
  [122, 'RPG', '角色扮演'],
  [19, 'Action', '动作'],
  [1742, 'Story Rich', '剧情丰富'],
  [3964, 'Pixel Graphics', '像素图形'],
  [492, 'Indie', '独立'],
  [3810, 'Sandbox', '沙盒'],
  [1662, 'Survival', '生存'],
  [113, 'Free to Play', '免费开玩'],
  [1774, 'Shooter', '射击'],
  [3859, 'Multiplayer', '多人'],
  [1685, 'Co-op', '合作'],
  [597, 'Casual', '休闲'],
  [1666, 'Card Game', '卡牌游戏'],
  [1716, 'Roguelike', '类 Rogue'],
  [3942, 'Sci-fi', '科幻'],
  [1664, 'Puzzle', '解谜'],
  [21, 'Adventure', '冒险'],
  [599, 'Simulation', '模拟'],
  [1654, 'Relaxing', '轻松'],
];

export interface GameSpec {
  id: string;
  name: string;
  tags: string[];
  price: number | null;
  review?: [number, number];
  free?: boolean;
  type?: GameSummary['type'];
  mac?: boolean;
  discount?: number;
  /** Default: Simplified Chinese interface + subtitles, English with audio. */
  languages?: GameSummary['languages'];
  deck?: GameSummary['deck'];
}

const DEFAULT_LANGUAGES: GameSummary['languages'] = {
  schinese: { interface: true, subtitles: true, full_audio: false },
  english: { interface: true, subtitles: true, full_audio: true },
};

export function game(spec: GameSpec): GameSummary {
  const tagIds = spec.tags.map((zh) => TAGS.find(([, , name]) => name === zh)?.[0] ?? 0);
  return {
    appId: spec.id,
    name: spec.name,
    type: spec.type ?? 'game',
    price: spec.price,
    originalPrice: spec.price,
    discount: spec.discount ?? 0,
    currency: 'CNY',
    isFree: spec.free ?? false,
    url: `https://store.steampowered.com/app/${spec.id}/`,
    releaseDate: spec.price === null ? null : '2023 年 5 月 1 日',
    comingSoon: spec.price === null,
    tagIds,
    tags: spec.tags,
    description: `${spec.name}: a game about ${spec.tags.join(', ')}.`,
    headerImage: null,
    reviewSummary: spec.review ? '特别好评' : null,
    reviewPositivePct: spec.review?.[0] ?? null,
    reviewCount: spec.review?.[1] ?? null,
    platforms: { windows: true, mac: spec.mac ?? false, linux: false },
    languages: spec.languages === undefined ? DEFAULT_LANGUAGES : spec.languages,
    deck: spec.deck ?? 'unknown',
  };
}

/** A dozen games priced in CNY: RPGs under and over 100, free games, an unpriced one, co-op. */
export const GAMES: GameSummary[] = [
  game({
    id: '1001',
    name: 'Elden Field',
    tags: ['开放世界', '角色扮演', '动作'],
    price: 298,
    review: [93, 500000],
  }),
  game({
    id: '1002',
    name: 'Witcher Tale',
    tags: ['开放世界', '角色扮演', '剧情丰富'],
    price: 49,
    review: [96, 700000],
    discount: 75,
  }),
  game({
    id: '1003',
    name: 'Pixel Quest',
    tags: ['角色扮演', '像素图形', '独立'],
    price: 38,
    review: [90, 20000],
  }),
  game({
    id: '1004',
    name: 'Open Sands',
    tags: ['开放世界', '沙盒', '生存'],
    price: 88,
    review: [85, 100000],
  }),
  game({ id: '1005', name: 'Future Saga', tags: ['开放世界', '角色扮演'], price: null }),
  game({
    id: '1006',
    name: 'Free Arena',
    tags: ['免费开玩', '射击', '多人'],
    price: 0,
    free: true,
    review: [80, 300000],
  }),
  game({
    id: '1007',
    name: 'Free Legends',
    tags: ['免费开玩', '角色扮演', '开放世界', '多人'],
    price: 0,
    free: true,
    review: [75, 50000],
  }),
  game({ id: '1008', name: 'Co-op Cooks', tags: ['合作', '多人', '休闲'], price: 58, review: [95, 40000] }),
  game({
    id: '1009',
    name: 'Dungeon Deck',
    tags: ['卡牌游戏', '类 Rogue', '独立'],
    price: 45,
    review: [97, 80000],
  }),
  game({ id: '1010', name: 'Star Shooter', tags: ['射击', '科幻', '动作'], price: 128, review: [88, 9000] }),
  game({ id: '1011', name: 'Mac Mystery', tags: ['解谜', '冒险'], price: 30, review: [91, 3000], mac: true }),
  game({ id: '1012', name: 'Edge Kingdom', tags: ['开放世界', '角色扮演'], price: 100, review: [82, 15000] }),
  game({ id: '1013', name: 'Field Soundtrack', tags: ['开放世界', '角色扮演'], price: 12, type: 'dlc' }),
];

const DEFAULT_GAMES = GAMES;

export interface FakeCatalog extends SteamCatalog {
  /** `at`: when the call was made (Date.now()). */
  calls: { method: string; arg: unknown; at: number }[];
  count(): number;
}

/**
 * In-memory catalog. It deliberately ignores price filters so the recommender's own
 * constraint checks are what the tests exercise. `latencyMs` delays every answer
 * (aborting the signal rejects at once).
 */
export function createFakeCatalog(
  opts: {
    latencyMs?: number;
    fail?: (method: string) => Error | null;
    /** Replaces the default GAMES. */
    games?: GameSummary[];
    /** Chinese reviews / live players by app (none by default). */
    extras?: (appId: string) => GameExtras;
  } = {},
): FakeCatalog {
  const GAMES = opts.games ?? DEFAULT_GAMES;
  const calls: FakeCatalog['calls'] = [];
  async function answer<T>(
    method: string,
    arg: unknown,
    signal: AbortSignal | undefined,
    value: () => T,
  ): Promise<T> {
    signal?.throwIfAborted();
    calls.push({ method, arg, at: Date.now() });
    if (opts.latencyMs) await sleep(opts.latencyMs, signal);
    const error = opts.fail?.(method);
    if (error) throw error;
    return value();
  }
  const list = (games: GameSummary[]): GameList => ({ games, totalFound: games.length, warnings: [] });
  const matches = (g: GameSummary, q: SearchQuery) => {
    const words = (q.keywords ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const text = `${g.name} ${g.tags.join(' ')} ${englishTags(g).join(' ')}`.toLowerCase();
    return words.every((w) => text.includes(w)) && (q.tagIds ?? []).every((id) => g.tagIds.includes(id));
  };
  return {
    currency: 'CNY',
    calls,
    count: () => calls.length,
    searchGames: (q, o) =>
      answer('searchGames', q, o?.signal, () =>
        list(GAMES.filter((g) => matches(g, q)).slice(0, q.maxResults)),
      ),
    discountedGames: (q, o) =>
      answer('discountedGames', q, o?.signal, () => list(GAMES.filter((g) => g.discount > 0))),
    topGames: (q, o) => answer('topGames', q, o?.signal, () => list(GAMES.slice(0, q.maxResults))),
    freeGames: (q, o) => answer('freeGames', q, o?.signal, () => list(GAMES.filter((g) => g.isFree))),
    gameDetails: (id, o) => answer('gameDetails', id, o?.signal, () => null),
    similarGames: (q, o) =>
      answer('similarGames', q, o?.signal, () => {
        const wanted = q.identifier.toLowerCase();
        const ref = GAMES.find((g) => g.appId === q.identifier || g.name.toLowerCase() === wanted);
        if (!ref) return null;
        // Tag overlap weighted by the reference's tag order (its first tag weighs most).
        const weight = (id: number) => ref.tagIds.length - ref.tagIds.indexOf(id);
        const total = ref.tagIds.reduce((sum, id) => sum + weight(id), 0);
        const games = GAMES.filter((g) => g.appId !== ref.appId && g.type === 'game')
          .map((g) => {
            const shared = g.tagIds.filter((id) => ref.tagIds.includes(id));
            const similarity = shared.reduce((sum, id) => sum + weight(id), 0) / total;
            const sharedTags = g.tags.filter((_t, i) => ref.tagIds.includes(g.tagIds[i] ?? -1));
            return { ...g, sharedTags, similarity: Math.round(similarity * 100) / 100 };
          })
          .filter((g) => g.similarity > 0)
          .sort((a, b) => b.similarity - a.similarity);
        return {
          reference: { appId: ref.appId, name: ref.name, tags: ref.tags },
          games: games.slice(0, q.maxResults),
          totalFound: games.length,
          warnings: [],
        };
      }),
    gameExtras: (wanted, o) =>
      answer(
        'gameExtras',
        wanted,
        o?.signal,
        () => new Map(wanted.map((w) => [w.appId, opts.extras?.(w.appId) ?? {}])),
      ),
    suggestGameNames: (term, o) =>
      answer('suggestGameNames', term, o?.signal, () =>
        GAMES.filter((g) => g.name.toLowerCase().includes(term.toLowerCase())).map((g) => g.name),
      ),
    resolveTags: (names, o) =>
      answer('resolveTags', names, o?.signal, () =>
        names.flatMap((name) => {
          const found = TAGS.find(([, en, zh]) => [en.toLowerCase(), zh].includes(name.toLowerCase()));
          return found ? [{ tagId: found[0], name: found[1] }] : [];
        }),
      ),
  };
}

function englishTags(g: GameSummary): string[] {
  return g.tagIds.map((id) => TAGS.find(([tagId]) => tagId === id)?.[1] ?? '');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}
