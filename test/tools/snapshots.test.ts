import { describe, expect, it } from 'vitest';
import { toolListing } from '../../src/app/tools-list.js';

describe('the public tool surface', () => {
  it.each(toolListing.map((t) => [t.name, t] as const))('%s matches its snapshot', async (name, tool) => {
    await expect(`${JSON.stringify(tool, null, 2)}\n`).toMatchFileSnapshot(`__toolsnaps__/${name}.json`);
  });

  it('keeps the Python server’s tool names and required arguments', () => {
    const required = Object.fromEntries(toolListing.map((t) => [t.name, t.inputSchema.required ?? []]));
    expect(required).toEqual({
      recommend_games: ['user_query'],
      search_games: ['keywords'],
      get_discounted_games: [],
      get_game_details: ['game_identifier'],
      get_top_games: [],
      get_free_games: [],
      get_wishlist_deals: ['steam_user'],
      compare_region_prices: ['game_identifier'],
      get_price_verdict: ['game_identifier'],
      find_similar_games: ['game_identifier'],
    });
  });

  it('marks every tool read-only and open-world, with a description that says when to use it', () => {
    for (const tool of toolListing) {
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: true });
      expect(tool.description.length).toBeGreaterThan(60);
      for (const [arg, schema] of Object.entries(tool.inputSchema.properties as Record<string, object>)) {
        expect(schema, `${tool.name}.${arg} has a description`).toHaveProperty('description');
      }
    }
  });
});
