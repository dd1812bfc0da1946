/**
 * What every Steam parser shares: the request's context, the body → validated value step that
 * turns drift into STEAM_PARSE, money in Steam's 1/100 units, and app types.
 */
import { z } from 'zod';
import { UpstreamError } from '../../errors.js';
import type { AppType, PriceInfo } from '../types.js';

/** What a parser needs to know about the request that produced the body. */
export interface ParseContext {
  /** Store base URL without a trailing slash, e.g. https://store.steampowered.com. */
  storeUrl: string;
  /** ISO currency the request asked for (cc), used where the body does not say it. */
  currency: string | null;
}

export function appUrl(ctx: ParseContext, appId: string): string {
  return `${ctx.storeUrl}/app/${appId}/`;
}

export function parseError(what: string, cause?: unknown): UpstreamError {
  return new UpstreamError('STEAM_PARSE', what, cause === undefined ? {} : { cause });
}

/** JSON.parse + zod validation; any drift becomes STEAM_PARSE naming the endpoint. */
export function parseJsonBody<T extends z.ZodType>(body: string, schema: T, what: string): z.output<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    throw parseError(`${what}: body is not JSON`, error);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid shape';
    throw parseError(`${what}: unexpected shape at ${where}`);
  }
  return result.data;
}

/** Rounds to 2 decimals so 1/100 conversions never leak float noise (0.1 + 0.2 style). */
export function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Steam sends every amount in 1/100 of the currency unit. */
export function centsToUnits(cents: number): number {
  return roundMoney(cents / 100);
}

/** 64-bit integers arrive as JSON strings from api.steampowered.com; 32-bit ones as numbers. */
export const int64 = z
  .union([z.string().regex(/^-?\d+$/), z.number().int()])
  .transform((value) => Number(value));

export function noPrice(currency: string | null): PriceInfo {
  return { final: null, initial: null, discount: 0, isFree: false, currency };
}

export function freePrice(currency: string | null): PriceInfo {
  return { final: 0, initial: 0, discount: 0, isFree: true, currency };
}

/** Discount in whole percent derived from two amounts (storesearch sends no percentage). */
export function discountFromAmounts(initial: number, final: number): number {
  if (initial <= 0 || final >= initial) return 0;
  return Math.round((100 * (initial - final)) / initial);
}

const APP_TYPE_BY_NAME: Record<string, AppType> = {
  game: 'game',
  dlc: 'dlc',
  demo: 'demo',
  music: 'music',
  video: 'video',
  series: 'video',
  episode: 'video',
  mod: 'mod',
  hardware: 'hardware',
  application: 'software',
  software: 'software',
  tool: 'software',
};

/** appdetails' `type` string. A missing type is a game (the common case). */
export function appTypeFromName(name: string | undefined): AppType {
  if (name === undefined || name === '') return 'game';
  return APP_TYPE_BY_NAME[name.toLowerCase()] ?? 'other';
}

/** EStoreAppType numbers (GetItems / Query). Missing = 0 = game, the protobuf default. */
export function appTypeFromNumber(type: number | undefined): AppType {
  switch (type ?? 0) {
    case 0:
      return 'game';
    case 1:
      return 'demo';
    case 2:
      return 'mod';
    case 4:
      return 'dlc';
    case 6:
      return 'software';
    case 7:
      return 'video';
    case 10:
      return 'hardware';
    case 11:
      return 'music';
    default:
      return 'other';
  }
}
