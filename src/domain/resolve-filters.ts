import { vocabularyKey } from './keys.js';
import { termForName } from './vocabulary.js';

interface NamedTag {
  tagId: number;
  name: string;
}

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

/** Words that mean a different Steam tag name than their own ("联机" is Online Co-Op). */
const ALIASES: Record<string, string> = {
  免费: 'free to play',
  免费游戏: 'free to play',
  f2p: 'free to play',
  free: 'free to play',
  双人: 'co-op',
  联机: 'online co-op',
  roguelite: 'rogue-lite',
};

export type ResolvedFilter =
  | { kind: 'tag'; input: string; tagId: number; name: string }
  | { kind: 'category'; input: string; categoryId: number; name: string }
  | { kind: 'unknown'; input: string };

/**
 * Resolves user-typed filter names: Steam's tag names in the store language and in English,
 * then the shared vocabulary (种田, 魂系 …), then store categories. Unknown names are reported,
 * never silently dropped.
 */
export function resolveFilters(
  inputs: readonly string[],
  localized: readonly NamedTag[],
  english: readonly NamedTag[],
): ResolvedFilter[] {
  const byName = new Map<string, NamedTag>();
  for (const tag of english) byName.set(vocabularyKey(tag.name), tag);
  const localizedById = new Map(localized.map((t) => [t.tagId, t.name]));
  for (const tag of localized) byName.set(vocabularyKey(tag.name), tag);
  const named = (input: string, tagId: number, fallback: string): ResolvedFilter => ({
    kind: 'tag',
    input,
    tagId,
    name: localizedById.get(tagId) ?? fallback,
  });

  return inputs.map((input): ResolvedFilter => {
    const key = vocabularyKey(input);
    const aliased = ALIASES[key] ? vocabularyKey(ALIASES[key]) : key;
    const tag = byName.get(key) ?? byName.get(aliased);
    if (tag) return named(input, tag.tagId, tag.name);
    const category = CATEGORIES.find((c) => c.names.some((n) => vocabularyKey(n) === key));
    if (category)
      return { kind: 'category', input, categoryId: category.id, name: category.names[0] ?? input };
    const term = termForName(input);
    if (term?.tag) return named(input, term.tag.id, term.tag.name);
    return { kind: 'unknown', input };
  });
}

export function tagNamer(localized: readonly NamedTag[]): (ids: readonly number[]) => string[] {
  const names = new Map(localized.map((t) => [t.tagId, t.name]));
  return (ids) => ids.map((id) => names.get(id)).filter((n): n is string => Boolean(n));
}
