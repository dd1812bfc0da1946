import type { Tag } from '../steam/types.js';

/** Store categories (not tags) users name as filters; ids as in appdetails/GetItems. */
const CATEGORIES: ReadonlyArray<{ id: number; names: string[] }> = [
  { id: 2, names: ['单人', 'single-player', 'singleplayer', '单机'] },
  { id: 1, names: ['多人', 'multi-player', 'multiplayer'] },
  { id: 9, names: ['合作', 'co-op', 'coop'] },
  { id: 38, names: ['在线合作', 'online co-op'] },
  { id: 39, names: ['同屏/分屏合作', 'shared/split screen co-op'] },
  { id: 24, names: ['同屏/分屏', 'shared/split screen', '分屏'] },
  { id: 49, names: ['玩家对战', 'pvp'] },
  { id: 36, names: ['在线玩家对战', 'online pvp'] },
  { id: 20, names: ['大型多人在线', 'mmo'] },
  { id: 22, names: ['steam 成就', 'steam achievements', '成就'] },
  { id: 28, names: ['完全支持控制器', 'full controller support', '手柄'] },
  { id: 29, names: ['steam 集换式卡牌', 'steam trading cards'] },
  { id: 23, names: ['steam 云', 'steam cloud'] },
  { id: 30, names: ['steam 创意工坊', 'steam workshop', '创意工坊'] },
  { id: 62, names: ['家庭共享', 'family sharing'] },
];

/** Common words users type that are not literally a Steam tag name. */
const ALIASES: Record<string, string> = {
  免费: 'free to play',
  免费游戏: 'free to play',
  f2p: 'free to play',
  free: 'free to play',
  双人: 'co-op',
  联机: 'online co-op',
  rpg: 'rpg',
  角色扮演: 'rpg',
  射击: 'shooter',
  fps: 'fps',
  肉鸽: 'roguelike',
  roguelite: 'rogue-lite',
  魂类: 'souls-like',
  类魂: 'souls-like',
  生存: 'survival',
  恐怖: 'horror',
  二次元: 'anime',
};

export type ResolvedFilter =
  | { kind: 'tag'; input: string; tagId: number; name: string }
  | { kind: 'category'; input: string; categoryId: number; name: string }
  | { kind: 'unknown'; input: string };

/** Lower-case, no spaces, hyphens or punctuation: "Co-op" ≍ "coop", "Free To Play" ≍ "freetoplay". */
export function normalizeTagName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_'’.·:：/]+/g, '');
}

/**
 * Resolves user-typed filter names against the tag vocabulary in the store language and in
 * English, then store categories. Unknown names are reported, never silently dropped.
 */
export function resolveFilters(
  inputs: readonly string[],
  localized: readonly Tag[],
  english: readonly Tag[],
): ResolvedFilter[] {
  const byName = new Map<string, Tag>();
  for (const tag of english) byName.set(normalizeTagName(tag.name), tag);
  const localizedById = new Map(localized.map((t) => [t.tagId, t.name]));
  for (const tag of localized) byName.set(normalizeTagName(tag.name), tag);

  return inputs.map((input): ResolvedFilter => {
    const key = normalizeTagName(input);
    const aliased = ALIASES[key] ? normalizeTagName(ALIASES[key]) : key;
    const tag = byName.get(key) ?? byName.get(aliased);
    if (tag) return { kind: 'tag', input, tagId: tag.tagId, name: localizedById.get(tag.tagId) ?? tag.name };
    const category = CATEGORIES.find((c) => c.names.some((n) => normalizeTagName(n) === key));
    if (category)
      return { kind: 'category', input, categoryId: category.id, name: category.names[0] ?? input };
    return { kind: 'unknown', input };
  });
}

export function tagNamer(localized: readonly Tag[]): (ids: readonly number[]) => string[] {
  const names = new Map(localized.map((t) => [t.tagId, t.name]));
  return (ids) => ids.map((id) => names.get(id)).filter((n): n is string => Boolean(n));
}
