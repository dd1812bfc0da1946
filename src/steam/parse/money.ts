import { z } from 'zod';
import type { PriceInfo } from '../types.js';

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
