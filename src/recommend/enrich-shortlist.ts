import { isMultiplayer } from '../catalog/extras.js';
import type { GameSummary, SteamCatalog } from '../catalog/types.js';
import type { UserNeeds } from './types.js';

/**
 * Adds Chinese reviews (when the user writes Chinese) and live players (multiplayer games: 还有人玩吗)
 * to the shortlist before scoring. Waits at most `budgetMs`: games whose lookups are slower
 * are scored without them; a failure costs nothing but the extras.
 */
export async function enrichShortlist<T extends GameSummary>(
  catalog: Pick<SteamCatalog, 'gameExtras'>,
  games: T[],
  needs: UserNeeds,
  opts: { signal: AbortSignal; budgetMs: number },
): Promise<T[]> {
  const chineseReviews = needs.userLanguage === 'zh';
  const wanted = games
    .map((g) => ({ appId: g.appId, chineseReviews, players: isMultiplayer(g) }))
    .filter((w) => w.chineseReviews || w.players);
  if (!wanted.length || opts.budgetMs <= 0) return games;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(resolve, opts.budgetMs, null)));
  const lookups = catalog.gameExtras(wanted, { signal: opts.signal }).catch(() => null);
  try {
    const extras = await Promise.race([lookups, timeout]);
    if (!extras) return games;
    return games.map((g) => {
      const found = extras.get(g.appId);
      return found ? { ...g, extras: { ...g.extras, ...found } } : g;
    });
  } finally {
    clearTimeout(timer);
  }
}
