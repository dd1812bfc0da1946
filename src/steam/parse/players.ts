import { z } from 'zod';
import { parseJsonBody } from './json.js';

const bodySchema = z.object({
  response: z.object({ player_count: z.number().optional(), result: z.number().optional() }),
});

/**
 * `ISteamUserStats/GetNumberOfCurrentPlayers/v1`. `result` 42 (no match: unknown, unreleased or
 * without player data) has no `player_count` → null; `player_count: 0` is a real zero.
 */
export function parseCurrentPlayers(body: string): number | null {
  const { response } = parseJsonBody(body, bodySchema, 'GetNumberOfCurrentPlayers');
  if (response.result !== undefined && response.result !== 1) return null;
  const count = response.player_count;
  return count !== undefined && Number.isFinite(count) && count >= 0 ? Math.round(count) : null;
}
