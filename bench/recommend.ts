/**
 * npm run bench:recommend — recommend_games against the loopback fake Steam store and fake LLM
 * with fixed latencies: the new design (production wiring) beside a replay of the old design's
 * call pattern (bench/old-design.ts), same fakes, same client, same run.
 *
 * Env: BENCH_STEAM_MS (100), BENCH_LLM_MS (800), BENCH_LLM_MS_PER_OUT_CHAR (0: extra latency per
 * character of the model's answer), BENCH_MAX_RESULTS (5).
 */
import { TtlCache } from '../src/http/ttl-cache.js';
import { emptyNeeds } from '../src/recommend/types.js';
import { SteamCatalogService } from '../src/catalog/steam-catalog.js';
import { loadConfig } from '../src/config/load.js';
import { createOpenAiChatClient } from '../src/llm/openai-compatible.js';
import { silentLogger } from '../src/observability/logger.js';
import { noopMetrics } from '../src/observability/metrics.js';
import { limitRecommendations } from '../src/recommend/run-bounds.js';
import { createRecommender } from '../src/recommend/pipeline.js';
import { parseRequestByRules } from '../src/recommend/rule-parser.js';
import type { ProgressStage, Recommender } from '../src/recommend/types.js';
import { SteamClient } from '../src/steam/client.js';
import {
  isAnalysis,
  isScoring,
  smartResponder,
  startFakeLlm,
  systemOf,
  userOf,
  type FakeLlm,
  type Responder,
} from '../test/helpers/fake-llm.js';
import { startFakeSteam, type FakeSteam } from '../test/helpers/fake-steam.js';
import { FAKE_GAMES, fakeReview, type FakeGame } from '../test/helpers/fake-steam-games.js';
import { OLD_GAME_MARKER, oldRecommend } from './old-design.js';

const env = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
  return value;
};
const STEAM_MS = env('BENCH_STEAM_MS', 100);
const LLM_MS = env('BENCH_LLM_MS', 800);
const LLM_MS_PER_OUT_CHAR = env('BENCH_LLM_MS_PER_OUT_CHAR', 0);
const MAX_RESULTS = env('BENCH_MAX_RESULTS', 5);
const TARGET_SPEEDUP = 2;
const TARGET_FEWER_LLM = 5;

const QUERIES = [
  '推荐一些开放世界RPG游戏，100元以内',
  '适合双人合作的游戏',
  '免费的射击游戏',
  'cheap roguelike under 50',
  '像星露谷物语一样轻松的模拟游戏',
];

const needs = (fields: Record<string, unknown>, userLanguage: 'zh' | 'en' = 'zh') => ({
  ...emptyNeeds(userLanguage),
  ...fields,
});

/** What a capable model answers to the analysis prompt for each benchmark query. */
const MODEL_ANALYSES: Record<string, Record<string, unknown>> = {
  [QUERIES[0]!]: needs({ keywords: ['open world rpg'], tags: ['Open World', 'RPG'], maxPrice: 100 }),
  [QUERIES[1]!]: needs({ keywords: ['co-op'], tags: ['Co-op'], players: 'coop' }),
  [QUERIES[2]!]: needs({ keywords: ['shooter'], tags: ['Shooter', 'Free to Play'], freeOnly: true }),
  [QUERIES[3]!]: needs(
    { keywords: ['roguelike'], tags: ['Roguelike'], maxPrice: 50, preferences: ['cheap'] },
    'en',
  ),
  [QUERIES[4]!]: needs({
    keywords: ['farming sim', 'relaxing'],
    tags: ['Simulation', 'Relaxing', 'Casual'],
    preferences: ['like Stardew Valley'],
  }),
};

/**
 * The fake store's ~90 games match few of these queries; real Steam returns dozens. So the bench
 * store adds 200 generated games (deterministic) whose names and tags fit the queries: every
 * search then returns a full page, as on Steam, and both designs score full candidate lists.
 */
const KINDS: { name: string; tagIds: number[]; prices: (number | 'free')[] }[] = [
  { name: 'Open World RPG Saga', tagIds: [1695, 122, 4231, 4182, 1684], prices: [4800, 6800, 9800, 12800] },
  { name: 'Co-op Quest', tagIds: [1685, 3843, 3841, 3859, 19], prices: [3600, 6800, 9800] },
  { name: 'Shooter Arena', tagIds: [1774, 1663, 113, 3859, 3878], prices: ['free', 'free', 6800] },
  { name: 'Roguelike Depths', tagIds: [1716, 492, 19, 4182], prices: [1800, 3600, 4800, 6800] },
  { name: 'Farming Sim Valley', tagIds: [599, 1654, 597, 492, 4182], prices: [1800, 3600, 4800] },
];
function benchGames(): FakeGame[] {
  const extra = Array.from({ length: 200 }, (_, i): FakeGame => {
    const kind = KINDS[i % KINDS.length]!;
    const n = Math.floor(i / KINDS.length) + 1;
    const price = kind.prices[n % kind.prices.length]!;
    return {
      appId: 3800001 + i,
      name: `${kind.name} ${n}`,
      englishName: `${kind.name} ${n}`,
      type: 'game',
      priceCents: price === 'free' ? null : price,
      discount: 0,
      isFree: price === 'free',
      tagIds: kind.tagIds,
      categories: [2, 22],
      genres: ['23'],
      review: fakeReview(60 + ((i * 13) % 40), 200 + i * 41),
      releaseDate: `20${10 + (i % 15)}-0${1 + (i % 9)}-15`,
      comingSoon: false,
      earlyAccess: false,
      shortDescription: `${kind.name} ${n}：一款${kind.name}类型的游戏，适合喜欢这类玩法的玩家，内容丰富，口碑不错。`,
      developers: ['基准工作室'],
      publishers: ['基准发行商'],
      platforms: { windows: true, mac: i % 2 === 0, linux: i % 3 === 0 },
      salesRank: 300 + i,
      trendingRank: 300 + i,
      requiredAge: 0,
    };
  });
  return [...FAKE_GAMES, ...extra];
}

/** Deterministic 0-100 score from a string (the old per-game answers). */
const hashScore = (text: string) => [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 101, 7);

const benchModel: Responder = async (body, index) => {
  if (isAnalysis(body)) {
    const query = userOf(body).trim();
    return { content: JSON.stringify(MODEL_ANALYSES[query] ?? parseRequestByRules(query)) };
  }
  if (isScoring(body)) return smartResponder(body, index);
  if (systemOf(body).includes(OLD_GAME_MARKER)) {
    return {
      content: JSON.stringify({
        score: hashScore(userOf(body)),
        reason: '这款游戏与你的需求比较契合。',
        highlights: ['玩法契合', '口碑不错'],
      }),
    };
  }
  return { content: 'OK' };
};

/** Fixed latency, plus an optional share proportional to the answer's length. */
const withLatency =
  (responder: Responder): Responder =>
  async (body, index) => {
    const reply = await responder(body, index);
    const length = reply.content?.length ?? 0;
    return { ...reply, delayMs: LLM_MS + Math.round(length * LLM_MS_PER_OUT_CHAR) };
  };

interface Figures {
  ms: number;
  llmCalls: number;
  steamCalls: number;
  promptChars: number;
  recs: number;
  note: string;
}

/** Production wiring over the fakes, with fresh caches (a cold start). */
function wire(steam: FakeSteam, llm: FakeLlm) {
  const config = loadConfig({
    STEAM_STORE_URL: steam.url,
    STEAM_API_URL: steam.url,
    DASHSCOPE_BASE_URL: llm.baseUrl,
    DASHSCOPE_API_KEY: 'sk-bench-dummy-key',
    LLM_MODEL: 'qwen-plus',
  });
  const logger = silentLogger;
  const steamClient = new SteamClient({
    ...config.steam,
    circuit: config.circuit,
    fetch: (url, init) => fetch(url, init),
    logger,
    metrics: noopMetrics,
  });
  const catalog = new SteamCatalogService(steamClient, logger);
  const chat = createOpenAiChatClient(config.llm, {
    loadSdk: () => import('openai'),
    logger,
    metrics: noopMetrics,
  });
  const recommender: Recommender = limitRecommendations(
    createRecommender({
      catalog,
      chat,
      logger,
      metrics: noopMetrics,
      currency: steamClient.currency,
      deadlineMs: config.recommend.deadlineMs,
      analysisCache: new TtlCache({ maxEntries: 500, ttlMs: 30 * 60_000 }),
    }),
    config.recommend.maxConcurrent,
  );
  return { steamClient, catalog, chat, recommender };
}

async function measure(
  steam: FakeSteam,
  llm: FakeLlm,
  run: () => Promise<{ recs: number; note?: string }>,
): Promise<Figures> {
  const llmBefore = llm.calls.length;
  const steamBefore = steam.count();
  const started = performance.now();
  const { recs, note = '' } = await run();
  const ms = performance.now() - started;
  const calls = llm.calls.slice(llmBefore);
  const promptChars = calls
    .flatMap((c) => c.body.messages ?? [])
    .reduce((sum, m) => sum + (typeof m.content === 'string' ? m.content.length : 0), 0);
  return { ms, llmCalls: calls.length, steamCalls: steam.count() - steamBefore, promptChars, recs, note };
}

async function runNew(steam: FakeSteam, llm: FakeLlm, query: string, warm: boolean) {
  const { recommender } = wire(steam, llm);
  const once = async () => {
    const stages: Partial<Record<ProgressStage, number>> = {};
    const started = performance.now();
    const result = await recommender.recommend(
      { userQuery: query, maxResults: MAX_RESULTS },
      { onProgress: (stage) => (stages[stage] = performance.now() - started) },
    );
    const at = (s: ProgressStage) => Math.round(stages[s] ?? NaN);
    const note =
      `analyze ${at('searching') - at('analyzing')} / search ${at('scoring') - at('searching')} / ` +
      `score ${at('done') - at('scoring')} ms, ${result.totalEvaluated} scored` +
      (result.degraded ? `, DEGRADED: ${result.degradedReason}` : '');
    return { recs: result.recommendations.length, note };
  };
  // Warm: a first, unmeasured run fills the analysis and Steam caches.
  if (warm) await once();
  return once;
}

function runOld(steam: FakeSteam, llm: FakeLlm, query: string) {
  const { steamClient, catalog, chat } = wire(steam, llm);
  return async () => {
    const recs = await oldRecommend(
      { catalog, steam: steamClient, chat, currency: steamClient.currency },
      query,
      MAX_RESULTS,
    );
    return { recs: recs.length };
  };
}

const pad = (v: string | number, n: number) => String(v).padStart(n);
const row = (label: string, f: Figures) =>
  `  ${label.padEnd(9)}${pad(Math.round(f.ms), 8)}${pad(f.llmCalls, 6)}${pad(f.steamCalls, 7)}` +
  `${pad(f.promptChars, 9)}${pad(f.recs, 6)}  ${f.note}`;
const ratio = (a: number, b: number) => (b === 0 ? Infinity : a / b);
const sum = (list: Figures[], key: 'ms' | 'llmCalls' | 'steamCalls' | 'promptChars' | 'recs') =>
  list.reduce((s, f) => s + f[key], 0);

async function main(): Promise<void> {
  const steam = await startFakeSteam({ games: benchGames() });
  const llm = await startFakeLlm({ responder: withLatency(benchModel) });
  try {
    console.log('recommend_games benchmark (loopback fakes, fixed latencies)');
    console.log(
      `  Steam ${STEAM_MS} ms per request; LLM ${LLM_MS} ms per call` +
        (LLM_MS_PER_OUT_CHAR ? ` + ${LLM_MS_PER_OUT_CHAR} ms per answer character` : '') +
        `; max_results ${MAX_RESULTS}; production config defaults; fresh caches per run (cold).`,
    );
    console.log(
      '  new: production wiring (SteamClient → SteamCatalogService, OpenAI client, createRecommender).',
    );
    console.log(
      '  old: replay of the old call pattern (bench/old-design.ts): 1 LLM analysis, the same searches as new,\n' +
        '       15 candidates, then per candidate 1 appdetails + 1 LLM call, 8 at a time; same fakes and client.',
    );
    console.log('  new-warm: the same query again on the same instance (analysis and Steam data cached).\n');

    // Warm-up (not measured): module loading and JIT for both paths.
    await (
      await runNew(steam, llm, QUERIES[0]!, false)
    )();
    await runOld(steam, llm, QUERIES[0]!)();
    steam.delay(STEAM_MS);

    const news: Figures[] = [];
    const olds: Figures[] = [];
    const warms: Figures[] = [];
    const header = `  ${'design'.padEnd(9)}${pad('wall ms', 8)}${pad('LLM', 6)}${pad('Steam', 7)}${pad('prompt', 9)}${pad('recs', 6)}`;
    for (const query of QUERIES) {
      const n = await measure(steam, llm, await runNew(steam, llm, query, false));
      const o = await measure(steam, llm, runOld(steam, llm, query));
      const w = await measure(steam, llm, await runNew(steam, llm, query, true));
      news.push(n);
      olds.push(o);
      warms.push(w);
      console.log(`「${query}」`);
      console.log(header);
      console.log(row('new', n));
      console.log(row('old', o));
      console.log(row('new-warm', w));
      console.log(
        `  old/new: time ${ratio(o.ms, n.ms).toFixed(2)}×, LLM calls ${ratio(o.llmCalls, n.llmCalls).toFixed(2)}×, ` +
          `prompt chars ${ratio(o.promptChars, n.promptChars).toFixed(2)}×, Steam calls ${ratio(o.steamCalls, n.steamCalls).toFixed(2)}×\n`,
      );
    }

    const total = (list: Figures[]): Figures => ({
      ms: sum(list, 'ms'),
      llmCalls: sum(list, 'llmCalls'),
      steamCalls: sum(list, 'steamCalls'),
      promptChars: sum(list, 'promptChars'),
      recs: sum(list, 'recs'),
      note: '',
    });
    const [n, o, w] = [total(news), total(olds), total(warms)];
    console.log(`TOTAL (${QUERIES.length} queries)`);
    console.log(header);
    console.log(row('new', n));
    console.log(row('old', o));
    console.log(row('new-warm', w));
    const speedup = ratio(o.ms, n.ms);
    const fewer = ratio(o.llmCalls, n.llmCalls);
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    console.log(
      `\n  time old/new ${speedup.toFixed(2)}× (target ≥ ${TARGET_SPEEDUP}×): ${verdict(speedup >= TARGET_SPEEDUP)}`,
    );
    console.log(
      `  LLM calls old/new ${fewer.toFixed(2)}× (target ≥ ${TARGET_FEWER_LLM}×): ${verdict(fewer >= TARGET_FEWER_LLM)}`,
    );
    console.log(
      `  prompt chars old/new ${ratio(o.promptChars, n.promptChars).toFixed(2)}×, Steam calls old/new ${ratio(o.steamCalls, n.steamCalls).toFixed(2)}×`,
    );
    console.log(`  warm new vs cold old: time ${ratio(o.ms, w.ms).toFixed(2)}×`);
    console.log(`  most LLM requests in flight at once: ${llm.maxInFlight()}`);
  } finally {
    await llm.close();
    await steam.close();
  }
}

try {
  await main();
} catch (error) {
  console.error('benchmark failed:', error);
  process.exitCode = 1;
}
