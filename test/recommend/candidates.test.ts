import { describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../src/catalog/types.js';
import { gatherCandidates, memoizeCatalog, startSearches } from '../../src/recommend/candidates.js';
import { applyConstraints } from '../../src/recommend/constraints.js';
import { emptyNeeds, type UserNeeds } from '../../src/recommend/types.js';
import { createFakeCatalog, game } from '../helpers/in-memory-catalog.js';

/** Simulation, relaxing and casual games, but none with all three tags. */
const COZY = [
  game({ id: '3001', name: 'Farm Days', tags: ['模拟', '轻松'], price: 48, review: [95, 30000] }),
  game({ id: '3002', name: 'Sky Farm', tags: ['模拟', '轻松', '独立'], price: 120, review: [90, 9000] }),
  game({ id: '3003', name: 'Cafe Sim', tags: ['模拟', '休闲'], price: 22, review: [88, 4000] }),
  game({ id: '3004', name: 'Calm Puzzles', tags: ['轻松', '休闲'], price: 15, review: [80, 1000] }),
];
const needs = (fields: Partial<UserNeeds>): UserNeeds => ({ ...emptyNeeds('zh'), ...fields });
const signal = new AbortController().signal;

describe('gatherCandidates: tag relaxation', () => {
  it('drops the least important tags when no game has them all, keeping the price filter', async () => {
    const catalog = createFakeCatalog({ games: COZY });
    const wanted = needs({ tags: ['Simulation', 'Relaxing', 'Casual'], maxPrice: 50 });
    const found = await gatherCandidates(catalog, wanted, { signal, limit: 30, query: '轻松休闲的模拟游戏' });
    expect(found.games.map((g) => g.appId).sort()).toEqual(['3001', '3002']); // Simulation + Relaxing
    expect(found.warnings.join()).toMatch(/without Casual/);
    const searches = catalog.calls.filter((c) => c.method === 'searchGames').map((c) => c.arg as SearchQuery);
    expect(searches.map((q) => q.tagIds)).toEqual([[599, 1654, 597], [599, 1654], [599]]);
    expect(searches.every((q) => q.maxPrice === 50)).toBe(true);
    // The hard constraint still holds on what the relaxed search found.
    expect(applyConstraints(found.games, wanted).games.map((g) => g.appId)).toEqual(['3001']);
  });

  it('falls back to the first tag alone, and gives up only when even that finds nothing', async () => {
    const catalog = createFakeCatalog({ games: COZY });
    const some = await gatherCandidates(catalog, needs({ tags: ['Casual', 'RPG', 'Shooter'] }), {
      signal,
      limit: 30,
      query: 'x',
    });
    expect(some.games.map((g) => g.appId).sort()).toEqual(['3003', '3004']);
    const none = await gatherCandidates(catalog, needs({ tags: ['RPG', 'Shooter'] }), {
      signal,
      limit: 30,
      query: 'x',
    });
    expect(none.games).toEqual([]);
  });

  it('does not relax when every tag matches', async () => {
    const catalog = createFakeCatalog({ games: COZY });
    const found = await gatherCandidates(catalog, needs({ tags: ['Simulation', 'Relaxing'] }), {
      signal,
      limit: 30,
      query: 'x',
    });
    expect(found.games).toHaveLength(2);
    expect(catalog.calls.filter((c) => c.method === 'searchGames')).toHaveLength(1);
    expect(found.warnings).toEqual([]);
  });
});

describe('gatherCandidates: speculative searches', () => {
  it('joins searches already started on the same memoized catalog instead of repeating them', async () => {
    const catalog = createFakeCatalog({ games: COZY, latencyMs: 50 });
    const memo = memoizeCatalog(catalog);
    const rules = needs({ keywords: ['simulation'], tags: ['Simulation'] });
    startSearches(memo, rules, signal);
    const calls = catalog.count();
    expect(calls).toBeGreaterThan(0); // already on their way
    const model = needs({ keywords: ['farm', 'simulation'], tags: ['Simulation', 'Relaxing'] });
    const found = await gatherCandidates(memo, model, { signal, limit: 30, query: 'x', also: rules });
    const searches = catalog.calls
      .filter((c) => c.method === 'searchGames')
      .map((c) => JSON.stringify(c.arg));
    expect(new Set(searches).size).toBe(searches.length);
    expect(searches.filter((s) => s.includes('"keywords":"simulation"'))).toHaveLength(1);
    expect(found.games.map((g) => g.appId)).toContain('3003');
  });
});
