import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import type { ParseContext } from '../../../src/steam/parse/shared.js';

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../../fixtures/steam');
/** Real recorded Steam bodies from other public projects (sources in samples/PROVENANCE.md). */
export const SAMPLES_DIR = path.join(FIXTURES_DIR, 'samples');

export function sample(name: string): string {
  return readFileSync(path.join(SAMPLES_DIR, name), 'utf8');
}

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES_DIR, name), 'utf8');
}

export const cnContext: ParseContext = { storeUrl: 'https://store.steampowered.com', currency: 'CNY' };

export function usdContext(currency: string | null = 'USD'): ParseContext {
  return { storeUrl: 'https://store.steampowered.com', currency };
}

export function expectSteamParseError(run: () => unknown): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(UpstreamError);
  expect((caught as UpstreamError).code).toBe('STEAM_PARSE');
}
