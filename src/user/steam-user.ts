import { createHash } from 'node:crypto';
import { UpstreamError, upstreamLogFields, UserError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { SteamUserApi } from '../steam/user-api.js';

/** Who `steam_user` names, before asking Steam. */
export type SteamUserRef = { steamId: string } | { vanity: string };

export interface ResolvedUser {
  steamId: string;
  /** The only trace of the user that may appear in logs. */
  hash: string;
}

const ID64 = /^7656119\d{10}$/;
const VANITY = /^[A-Za-z0-9_-]{2,32}$/;
const PROFILE_URL =
  /^(?:https?:\/\/)?(?:www\.)?steamcommunity\.com\/(profiles|id)\/([^/?#\s]+)\/?(?:[?#].*)?$/i;

export const STEAM_USER_HELP =
  'steam_user: a SteamID64 (17 digits starting with 7656119), a profile URL ' +
  '(steamcommunity.com/profiles/<id> or /id/<name>) or a custom URL name. ' +
  'steam_user 可以是 SteamID64（7656119 开头的 17 位数字）、个人资料链接或自定义 URL 名称。';

/** A short, stable, non-reversible tag for logs: enough to correlate, never the id. */
export function userHash(steamId: string): string {
  return createHash('sha256').update(`steam-user:${steamId}`).digest('hex').slice(0, 10);
}

export function parseSteamUser(input: string): SteamUserRef {
  const value = input.trim();
  if (ID64.test(value)) return { steamId: value };
  const url = PROFILE_URL.exec(value);
  if (url?.[1] && url[2]) {
    const part = decodeURIComponent(url[2]);
    if (url[1].toLowerCase() === 'profiles' && ID64.test(part)) return { steamId: part };
    if (url[1].toLowerCase() === 'id' && VANITY.test(part)) return { vanity: part };
  } else if (VANITY.test(value)) return { vanity: value };
  // Not echoed: refusals are logged, and what a user typed about themselves stays out of logs.
  throw new UserError(`steam_user is not a Steam user reference. ${STEAM_USER_HELP}`);
}

export function profileNotFound(): UserError {
  return new UserError(
    'No Steam profile matches steam_user. Check the SteamID64 or custom URL (open your profile in a browser ' +
      'and copy its address). 找不到这个 Steam 个人资料：请检查 SteamID64 或自定义 URL（在浏览器打开个人资料页并复制地址）。',
    'NOT_FOUND',
  );
}

export function profilePrivate(what: 'wishlist' | 'library'): UserError {
  const en = what === 'wishlist' ? 'wishlist' : 'game details';
  return new UserError(
    `This Steam profile's ${en} is not public, so it cannot be read. In Steam: Profile → Edit Profile → Privacy ` +
      `Settings → set "My profile" and "Game details" to Public, then ask again. ` +
      `该 Steam 个人资料的${what === 'wishlist' ? '愿望单' : '游戏详情'}未公开，无法读取。请在 Steam「编辑个人资料 → 隐私设置」中将` +
      '「我的个人资料」和「游戏详情」设为「公开」后重试。',
    'PROFILE_PRIVATE',
  );
}

/**
 * The id64 for `steam_user`: given directly, from ResolveVanityURL when a key is set, else (or
 * when that call fails) from the key-less community profile XML.
 */
export async function resolveSteamUser(
  api: SteamUserApi,
  input: string,
  logger: Logger,
  o: { signal?: AbortSignal },
): Promise<ResolvedUser> {
  const ref = parseSteamUser(input);
  if ('steamId' in ref) return { steamId: ref.steamId, hash: userHash(ref.steamId) };
  if (api.hasKey) {
    try {
      const steamId = await api.resolveVanity(ref.vanity, o);
      if (!steamId) throw profileNotFound();
      return { steamId, hash: userHash(steamId) };
    } catch (error) {
      if (!(error instanceof UpstreamError) || o.signal?.aborted) throw error;
      logger.warn(upstreamLogFields(error), 'ResolveVanityURL failed; trying the profile XML');
    }
  }
  const profile = await api.profile(ref, o);
  if (!profile.found) throw profileNotFound();
  return { steamId: profile.steamId, hash: userHash(profile.steamId) };
}

/**
 * Steam answers an empty, a private and an unknown wishlist alike: the profile tells them apart.
 * Throws for unknown and non-public profiles; returns normally for a public one.
 */
export async function explainMissingData(
  api: SteamUserApi,
  user: ResolvedUser,
  what: 'wishlist' | 'library',
  o: { signal?: AbortSignal },
): Promise<void> {
  const profile = await api.profile({ steamId: user.steamId }, o);
  if (!profile.found) throw profileNotFound();
  if (profile.privacy !== 'public') throw profilePrivate(what);
}
