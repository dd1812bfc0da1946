/**
 * Extras for the shortlist (Chinese reviews, live players): looked up within a budget, then
 * weighed into the rule score.
 */
import { isMultiplayer } from '../catalog/extras.js';
import type { GameExtras, GameSummary, SteamCatalog } from '../catalog/types.js';
import type { Scored } from './rule-score.js';
import type { WithSimilarTo } from './similar-to.js';
import type { UserNeeds } from './types.js';

/** A neighbour sharing this share of the reference's tag weight counts as fully similar. */
const STRONG_SIMILARITY = 0.6;
/** Fewer Chinese reviews than this say little about what Chinese players think. */
const MIN_CHINESE_REVIEWS = 20;
/** A multiplayer game with fewer players online than this is hard to find a match in. */
const FEW_PLAYERS = 100;

/**
 * Adjusts a rule score with what the shortlist lookups found: how much a game shares with the
 * reference game the user named, Chinese reviews (weighed when the user writes Chinese) and,
 * for multiplayer games, whether anyone still plays. The reason says so first.
 */
export function withExtras(game: WithSimilarTo, needs: UserNeeds, scored: Scored): Scored {
  const zh = needs.userLanguage === 'zh';
  let score = scored.score;
  const notes: string[] = [];
  const highlights: string[] = [];
  const like = game.similarTo;
  if (like) {
    score = 0.6 * score + 40 * Math.min(1, like.similarity / STRONG_SIMILARITY);
    const tags = like.sharedTags.slice(0, 3);
    if (tags.length) {
      notes.push(
        zh ? `和《${like.name}》一样有「${tags.join('、')}」` : `shares ${tags.join(', ')} with ${like.name}`,
      );
      highlights.push(zh ? `像《${like.name}》` : `like ${like.name}`);
    }
  }
  const e = game.extras;
  const zhPct = e?.reviewSchinesePct ?? null;
  const zhCount = e?.reviewSchineseCount ?? 0;
  if (zh && zhPct !== null && zhCount >= MIN_CHINESE_REVIEWS) {
    // Chinese players trust Chinese reviews: below the global score costs, above it helps a little.
    score += Math.max(-6, Math.min(4, (zhPct - (game.reviewPositivePct ?? zhPct)) / 3));
    notes.push(`中文评测 ${zhPct}% 好评（${zhCount.toLocaleString('en-US')} 条）`);
  }
  const players = e?.currentPlayers ?? null;
  if (players !== null && isMultiplayer(game)) {
    const n = players.toLocaleString('en-US');
    if (players < FEW_PLAYERS) score -= 8;
    notes.push(
      players < FEW_PLAYERS
        ? zh
          ? `当前仅 ${n} 人在线`
          : `only ${n} playing now`
        : zh
          ? `当前 ${n} 人在线`
          : `${n} playing now`,
    );
  }
  if (!notes.length) return scored;
  const lead = notes.join(zh ? '；' : '; ');
  const reason = zh
    ? `${lead}；${scored.reason}`
    : `${lead.charAt(0).toUpperCase()}${lead.slice(1)}; ${scored.reason.charAt(0).toLowerCase()}${scored.reason.slice(1)}`;
  return {
    score: Math.max(0, Math.min(100, Math.round(score))),
    reason,
    highlights: [...highlights, ...scored.highlights].slice(0, 3),
  };
}

type ExtrasById = ReadonlyMap<string, GameExtras> | null;

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
