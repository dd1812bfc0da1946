import { isMultiplayer } from '../catalog/extras.js';
import type { GameExtras, GameSummary, SteamCatalog } from '../catalog/types.js';
import type { UserNeeds } from './types.js';

export type ExtrasById = ReadonlyMap<string, GameExtras> | null;

/**
 * Looks up Chinese reviews (when the user writes Chinese) and live players (multiplayer games:
 * 还有人玩吗) for the shortlist. Settles within `budgetMs` (from now): null when the lookups
 * are slower or fail, so a recommendation never waits long for them or fails because of them.
 */
export async function shortlistExtras(
  catalog: Pick<SteamCatalog, 'gameExtras'>,
  games: readonly GameSummary[],
  needs: UserNeeds,
  opts: { signal: AbortSignal; budgetMs: number },
): Promise<ExtrasById> {
  const chineseReviews = needs.userLanguage === 'zh';
  const wanted = games
    .map((g) => ({ appId: g.appId, chineseReviews, players: isMultiplayer(g) }))
    .filter((w) => w.chineseReviews || w.players);
  if (!wanted.length || opts.budgetMs <= 0) return null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(resolve, opts.budgetMs, null)));
  const lookups = catalog.gameExtras(wanted, { signal: opts.signal }).catch(() => null);
  try {
    return await Promise.race([lookups, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The games with the extras found for them. */
export function withShortlistExtras<T extends GameSummary>(games: T[], extras: ExtrasById): T[] {
  if (!extras) return games;
  return games.map((g) => {
    const found = extras.get(g.appId);
    return found ? { ...g, extras: { ...g.extras, ...found } } : g;
  });
}
