/** URL builders for the user-facing endpoints (community profile, wishlist, library). Pure. */
import { CARD_DATA_REQUEST } from './endpoints.js';

export function profileXmlUrl(communityBase: string, user: { steamId: string } | { vanity: string }): string {
  const path = 'steamId' in user ? `profiles/${user.steamId}` : `id/${encodeURIComponent(user.vanity)}`;
  return `${communityBase}/${path}/?xml=1`;
}

export function wishlistUrl(apiBase: string, steamId: string): string {
  return `${apiBase}/IWishlistService/GetWishlist/v1/?${new URLSearchParams({ steamid: steamId })}`;
}

/** Needs a key; free-to-play games are left out unless asked for. */
export function ownedGamesUrl(apiBase: string, key: string, steamId: string): string {
  const q = new URLSearchParams({ key, steamid: steamId, include_played_free_games: '1' });
  return `${apiBase}/IPlayerService/GetOwnedGames/v1/?${q}`;
}

export function resolveVanityUrl(apiBase: string, key: string, vanity: string): string {
  return `${apiBase}/ISteamUser/ResolveVanityURL/v1/?${new URLSearchParams({ key, vanityurl: vanity, url_type: '1' })}`;
}

/** GetItems priced in one region: cards plus the purchase option (discount end, 30-day low). */
export function regionItemsUrl(
  apiBase: string,
  locale: { language: string; country: string },
  appIds: readonly string[],
): string {
  const input = {
    ids: appIds.map((appid) => ({ appid: Number(appid) })),
    context: { language: locale.language, country_code: locale.country, steam_realm: 1 },
    data_request: CARD_DATA_REQUEST,
  };
  return `${apiBase}/IStoreBrowseService/GetItems/v1/?${new URLSearchParams({ input_json: JSON.stringify(input) })}`;
}
