import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { listTools } from '../../src/server/listed-tool.js';
import { allTools } from '../../src/tools/index.js';

/**
 * tools/list is read into every conversation, so its size is a cost for every user. A plain client
 * receives exactly listTools(allTools) (test/app-ui/negotiation.test.ts checks it byte for byte).
 * `npm run bench:listing` prints the same figures from the built bundle.
 */
const ORIGINAL = [
  'search_games',
  'get_game_details',
  'get_discounted_games',
  'get_top_games',
  'get_free_games',
  'recommend_games',
];
/** The original six tools' tools/list entries at 1299fa7, before issue 15 (bench/listing.mjs). */
const ORIGINAL_BYTES_AT_1299FA7 = 17_754;
/** Issue 15: the six may grow by less than 25 %. */
const ORIGINAL_BOUND = Math.floor(ORIGINAL_BYTES_AT_1299FA7 * 1.25);
/** The six plus find_similar_games: where the compact listing stands, with a little headroom. */
const WITH_SIMILAR_BOUND = 25_800;

const sizes = new Map(listTools(allTools).map((t) => [t.name, Buffer.byteLength(JSON.stringify(t))]));

/** Bytes of the named tools' entries in the tools array, commas included. */
function bytesOf(names: string[]): number {
  return names.reduce((sum, name) => sum + sizes.get(name)!, 0) + names.length - 1;
}

describe('tools/list stays compact', () => {
  it(`the original six tools grow by less than 25 % (≤ ${ORIGINAL_BOUND} bytes)`, () => {
    const bytes = bytesOf(ORIGINAL);
    console.log(`tools/list, original 6 tools: ${bytes} bytes (${ratio(bytes)} of 1299fa7's)`);
    expect(bytes).toBeLessThanOrEqual(ORIGINAL_BOUND);
  });

  it(`the six plus find_similar_games stay within ${WITH_SIMILAR_BOUND} bytes`, () => {
    const bytes = bytesOf([...ORIGINAL, 'find_similar_games']);
    console.log(
      `tools/list, original 6 + find_similar_games: ${bytes} bytes (${ratio(bytes)} of 1299fa7's 6)`,
    );
    expect(bytes).toBeLessThanOrEqual(WITH_SIMILAR_BOUND);
  });
});

function ratio(bytes: number): string {
  return `${((bytes / ORIGINAL_BYTES_AT_1299FA7) * 100).toFixed(1)} %`;
}
