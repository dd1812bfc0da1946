import { z } from 'zod';
import { parseJsonBody } from './json.js';

export interface OwnedGame {
  appId: string;
  /** Minutes, all time. */
  playtimeMinutes: number;
  /** Minutes in the last two weeks (0 when Steam leaves the field out). */
  recentMinutes: number;
}

const schema = z.object({
  response: z.object({
    game_count: z.number().optional(),
    games: z
      .array(
        z.object({
          appid: z.number().int().positive(),
          playtime_forever: z.number().optional(),
          playtime_2weeks: z.number().optional(),
        }),
      )
      .optional(),
  }),
});

/**
 * `IPlayerService/GetOwnedGames` (FORMATS.md §16). Private game details answer `{"response":{}}`
 * (null here); an account that owns nothing has `game_count: 0`.
 */
export function parseOwnedGames(body: string): OwnedGame[] | null {
  const { response } = parseJsonBody(body, schema, 'GetOwnedGames');
  if (response.game_count === undefined && !response.games) return null;
  return (response.games ?? []).map((g) => ({
    appId: String(g.appid),
    playtimeMinutes: g.playtime_forever ?? 0,
    recentMinutes: g.playtime_2weeks ?? 0,
  }));
}

const vanitySchema = z.object({
  response: z.object({ success: z.number(), steamid: z.string().optional(), message: z.string().optional() }),
});

/** `ISteamUser/ResolveVanityURL`: the id64, or null for "No match" (success 42). */
export function parseResolveVanity(body: string): string | null {
  const { response } = parseJsonBody(body, vanitySchema, 'ResolveVanityURL');
  return response.success === 1 && response.steamid ? response.steamid : null;
}
