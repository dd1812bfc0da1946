/** A Steam user's public data: the profile, a vanity name's id, the wishlist and owned games. */
import { z } from 'zod';
import { parseError, parseJsonBody } from './shared.js';

/** A community profile (`/profiles/<id>/?xml=1`, `/id/<name>/?xml=1`), as far as the wallet tools need it. */
export type Profile =
  | { found: true; steamId: string; privacy: 'public' | 'friendsonly' | 'private' | 'unknown' }
  | { found: false; error: string };

const ID64 = /^7656119\d{10}$/;

/**
 * The profile XML (FORMATS.md §15). An unknown profile is HTTP 200 with a `<response><error>` root,
 * so the root element decides; every text value may be wrapped in CDATA.
 */
export function parseProfileXml(body: string): Profile {
  const root = /<\s*(profile|response)\b/.exec(body)?.[1];
  if (root === 'response') return { found: false, error: text(body, 'error') ?? 'unknown error' };
  if (root !== 'profile') throw parseError('profile XML: neither <profile> nor <response>');
  const steamId = text(body, 'steamID64');
  if (!steamId || !ID64.test(steamId)) throw parseError('profile XML: no valid <steamID64>');
  const state = text(body, 'privacyState');
  const privacy = state === 'public' || state === 'friendsonly' || state === 'private' ? state : 'unknown';
  return { found: true, steamId, privacy };
}

function text(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${tag}>`).exec(xml);
  const value = (match?.[1] ?? match?.[2])?.trim();
  return value || undefined;
}

export interface OwnedGame {
  appId: string;
  /** Minutes, all time. */
  playtimeMinutes: number;
  /** Minutes in the last two weeks (0 when Steam leaves the field out). */
  recentMinutes: number;
}

const ownedGamesSchema = z.object({
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
  const { response } = parseJsonBody(body, ownedGamesSchema, 'GetOwnedGames');
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

export interface WishlistItem {
  appId: string;
  /** 0 = not ranked by the user; 1, 2, … = the user's order. */
  priority: number;
  dateAdded: number | null;
}

const wishlistSchema = z.object({
  response: z.object({
    items: z
      .array(
        z.object({
          appid: z.number().int().positive(),
          priority: z.number().optional(),
          date_added: z.number().optional(),
        }),
      )
      .optional(),
  }),
});

/**
 * `IWishlistService/GetWishlist` (FORMATS.md §14). Empty, private and unknown all answer
 * `{"response":{}}`: null says "no items key", so the caller can ask the profile which it was.
 * Order is not documented and old lists can repeat an app: de-duplicated, in the user's order.
 */
export function parseWishlist(body: string): WishlistItem[] | null {
  const { response } = parseJsonBody(body, wishlistSchema, 'GetWishlist');
  if (!response.items) return null;
  const seen = new Set<number>();
  return response.items
    .filter((item) => !seen.has(item.appid) && seen.add(item.appid))
    .map((item) => ({
      appId: String(item.appid),
      priority: item.priority ?? 0,
      dateAdded: item.date_added ?? null,
    }))
    .sort((a, b) => rank(a.priority) - rank(b.priority) || (b.dateAdded ?? 0) - (a.dateAdded ?? 0));
}

const rank = (priority: number) => (priority > 0 ? priority : Number.MAX_SAFE_INTEGER);
