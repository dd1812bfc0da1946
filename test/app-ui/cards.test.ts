import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, FrameLocator, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allTools } from '../../src/tools/index.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import {
  chromiumInstalled,
  CHROMIUM,
  focusedInView,
  hostCall,
  launchChromium,
  openHost,
  startImageCdn,
  type HostPage,
  type ImageCdn,
} from './browser.js';

/** Screenshots for reviewers (gitignored). */
const SHOTS = path.join(ROOT, 'test-output/app-ui');
const WIDTHS = [360, 1024] as const;
const THEMES = ['light', 'dark'] as const;

interface LanguageSupport {
  interface: boolean;
  subtitles: boolean;
  full_audio: boolean;
}
interface Game {
  app_id: string;
  name: string;
  price: number | null;
  original_price: number | null;
  discount: number;
  currency: string;
  is_free: boolean;
  url: string;
  review_positive_pct: number | null;
  languages?: Partial<Record<'schinese' | 'tchinese' | 'english', LanguageSupport>> | null;
  deck?: 'verified' | 'playable' | 'unsupported' | 'unknown';
  review_schinese_pct?: number | null;
  review_schinese_count?: number | null;
  current_players?: number | null;
  recommendation_score?: number;
  recommendation_reason?: string;
}
interface ToolResult {
  structuredContent?: {
    games?: Game[];
    recommendations?: Game[];
    details?: Game & { screenshots: string[] };
  };
  isError?: boolean;
}

const LIST_TOOLS: [string, Record<string, unknown>][] = [
  ['recommend_games', { user_query: '推荐一些开放世界RPG游戏，100元以内', max_results: 4 }],
  ['search_games', { keywords: '黑神话', max_results: 4 }],
  ['get_discounted_games', { min_discount: 30, max_results: 4 }],
  ['get_top_games', { max_results: 4 }],
  ['get_free_games', { max_results: 4 }],
];

const LISTS_SIMILAR = allTools.some((t) => t.name === 'find_similar_games');

const DECK_LABELS = { verified: 'Deck 已验证', playable: 'Deck 可玩', unsupported: 'Deck 不支持' };

const cny = (n: number) => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(n);
const count = (n: number) => new Intl.NumberFormat('zh-CN').format(n);

// CI installs Chromium (.ci/run); elsewhere these tests need `apt-get install chromium`.
describe.skipIf(!chromiumInstalled && !process.env.CI)(
  `game cards in headless Chromium (${CHROMIUM}) through a test MCP Apps host`,
  () => {
    let cdn: ImageCdn;
    let steam: FakeSteam;
    let llm: FakeLlm;
    let server: ServerProcess;
    let browser: Browser;
    const pages: HostPage[] = [];

    beforeAll(async () => {
      await mkdir(SHOTS, { recursive: true });
      steam = await startFakeSteam();
      llm = await startFakeLlm();
      server = await startServerProcess({
        STEAM_STORE_URL: steam.url,
        STEAM_API_URL: steam.url,
        STEAM_RETRIES: '0',
        DASHSCOPE_BASE_URL: llm.baseUrl,
        DASHSCOPE_API_KEY: 'sk-test-cards',
        LLM_MODEL: 'qwen3-test',
      });
      cdn = await startImageCdn();
      browser = await launchChromium(cdn);
    }, 60_000);

    afterEach(() => {
      // Every view, every theme, every width: no console errors, no CSP violations.
      for (const host of pages.splice(0)) {
        expect(host.cspViolations).toEqual([]);
        expect(host.problems).toEqual([]);
        void host.page.close();
      }
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await llm?.close();
      await steam?.close();
      await cdn?.close();
    });

    async function open(width: number): Promise<HostPage> {
      const host = await openHost(browser, server.url, width);
      pages.push(host);
      return host;
    }

    const view = (host: HostPage): FrameLocator => host.page.frameLocator('#frame iframe');

    /** The iframe's height as the host set it (from size-changed) and the view's content height. */
    async function heights(host: HostPage): Promise<[number, number]> {
      const frameHeight = await host.page
        .locator('#frame iframe')
        .evaluate((f) => (f as unknown as { clientHeight: number }).clientHeight);
      const content = await view(host)
        .locator('html')
        .evaluate((el) => (el as unknown as { scrollHeight: number }).scrollHeight);
      return [frameHeight, content];
    }

    async function shoot(host: HostPage, name: string): Promise<void> {
      for (const theme of THEMES) {
        await hostCall(host.page, 'setTheme', theme);
        await view(host).locator(`html[data-theme="${theme}"]`).waitFor();
        // The view reports its size and the host fits the iframe to it: no inner scrolling.
        await expect
          .poll(async () => {
            const [a, b] = await heights(host);
            return a - b;
          })
          .toBe(0);
        // A viewport as tall as the page (rather than a full-page capture, which leaves the
        // iframe's lower part unpainted), so every lazy image is in view and loaded.
        const width = host.page.viewportSize()!.width;
        const height = await host.page.evaluate(
          () =>
            (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document
              .documentElement.scrollHeight,
        );
        await host.page.setViewportSize({ width, height });
        await expect
          .poll(() =>
            view(host)
              .locator('img')
              .evaluateAll((imgs) =>
                imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0),
              ),
          )
          .toBe(true);
        await host.page.screenshot({ path: path.join(SHOTS, `${name}-${width}-${theme}.png`) });
        await host.page.setViewportSize({ width, height: 800 });
      }
    }

    async function assertCards(frame: FrameLocator, games: Game[]): Promise<void> {
      const cards = frame.locator('article.card');
      await expect.poll(() => cards.count()).toBe(games.length);
      for (const game of games) {
        const card = frame.locator(`article.card[data-app-id="${game.app_id}"]`);
        await card.scrollIntoViewIfNeeded(); // covers load lazily, as a reader scrolls
        expect(await card.locator('.name').textContent()).toBe(game.name);
        const price = (await card.locator('.price').textContent()) ?? '';
        if (game.is_free) expect(price).toContain('免费');
        else if (game.price !== null) expect(price).toContain(cny(game.price));
        if (game.discount > 0) {
          expect(await card.locator('.badge.discount').textContent()).toBe(`-${game.discount}%`);
          expect(await card.locator('s.was').textContent()).toBe(cny(game.original_price!));
        } else expect(await card.locator('.badge.discount').count()).toBe(0);
        if (game.review_positive_pct !== null)
          expect(await card.locator('.review.all [role=meter]').getAttribute('aria-valuenow')).toBe(
            String(Math.round(game.review_positive_pct)),
          );
        if (game.recommendation_score !== undefined) {
          expect(await card.locator('.score').textContent()).toContain(
            String(Math.round(game.recommendation_score)),
          );
          expect(await card.locator('.reason').textContent()).toBe(game.recommendation_reason);
        }
        // "More like this" exactly when the server lists find_similar_games.
        expect(await card.locator('button.similar').count()).toBe(LISTS_SIMILAR ? 1 : 0);
        await expect
          .poll(() =>
            card.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
          )
          .toBeGreaterThan(0);
      }
    }

    /** Deck, Chinese-language, Chinese-review and player fields of a card or detail view, zh-CN. */
    async function assertPlayFields(el: Locator, game: Game): Promise<void> {
      const deck = el.locator('.badge.deck');
      if (game.deck && game.deck !== 'unknown') expect(await deck.textContent()).toBe(DECK_LABELS[game.deck]);
      else expect(await deck.count()).toBe(0);
      const zh = game.languages?.schinese ?? game.languages?.tchinese;
      const chinese = el.locator('.badge.chinese');
      if (zh && (zh.interface || zh.subtitles || zh.full_audio))
        expect(await chinese.textContent()).toBe(
          (game.languages?.schinese ? '简体中文' : '繁体中文') + (zh.full_audio ? ' · 中文配音' : ''),
        );
      else expect(await chinese.count()).toBe(0);
      const zhReviews = el.locator('.review.zh');
      if (game.review_schinese_pct != null) {
        expect(await zhReviews.locator('[role=meter]').getAttribute('aria-valuenow')).toBe(
          String(Math.round(game.review_schinese_pct)),
        );
        if (game.review_schinese_count)
          expect(await zhReviews.locator('.label').textContent()).toContain(
            count(game.review_schinese_count),
          );
      } else expect(await zhReviews.count()).toBe(0);
      const players = el.locator('.players');
      if (game.current_players != null)
        expect(await players.textContent()).toBe(`在线 ${count(game.current_players)}`);
      else expect(await players.count()).toBe(0);
    }

    for (const width of WIDTHS) {
      it.each(LIST_TOOLS)(`%s renders its games as cards at ${width} px`, async (tool, args) => {
        const host = await open(width);
        const result = await hostCall<ToolResult>(host.page, 'show', tool, args, 'light', 'zh-CN');
        expect(result.isError).toBeFalsy();
        const games = result.structuredContent!.recommendations ?? result.structuredContent!.games!;
        expect(games.length).toBeGreaterThan(0);
        await assertCards(view(host), games);
        // Readable at this width: nothing wider than the viewport.
        const overflow = await view(host)
          .locator('html')
          .evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await shoot(host, tool);
      });

      it(`"details" shows the detail view with screenshots, "back" returns, at ${width} px`, async () => {
        const host = await open(width);
        const result = await hostCall<ToolResult>(host.page, 'show', ...LIST_TOOLS[0]!, 'light', 'zh-CN');
        const first = result.structuredContent!.recommendations![0]!;
        const frame = view(host);
        await frame.locator(`article.card[data-app-id="${first.app_id}"] button.details`).click();
        const detail = frame.locator('article.detail');
        await detail.waitFor();
        expect(await detail.getAttribute('data-app-id')).toBe(first.app_id);
        expect(await detail.locator('h2.name').textContent()).toBe(first.name);
        expect(await hostCall(host.page, 'toolCalls')).toEqual([
          { name: 'get_game_details', arguments: { game_identifier: first.app_id } },
        ]);
        const [sent] = await hostCall<ToolResult[]>(host.page, 'toolResults');
        await assertPlayFields(detail, sent!.structuredContent!.details!);
        await expect.poll(() => detail.locator('.shot-grid img').count()).toBeGreaterThan(0);
        await shoot(host, 'details');
        await detail.locator('button.back').click();
        await expect.poll(() => frame.locator('article.card').count()).toBe(4);
      });
    }

    it('"open in Steam" goes through the host; the sandbox never navigates', async () => {
      const host = await open(1024);
      const result = await hostCall<ToolResult>(
        host.page,
        'show',
        'search_games',
        { keywords: '黑神话', max_results: 2 },
        'dark',
        'zh-CN',
      );
      const game = result.structuredContent!.games![0]!;
      await view(host).locator(`article.card[data-app-id="${game.app_id}"] button.open-steam`).click();
      await expect.poll(() => hostCall(host.page, 'openedLinks')).toEqual([game.url]);
      expect(host.page.frames().map((f) => f.url())).toEqual([
        `${server.url}/__host/index.html`,
        'about:srcdoc',
      ]);
    });

    it('is keyboard reachable: Tab reaches "details", Enter opens the detail view', async () => {
      const host = await open(360);
      await hostCall(
        host.page,
        'show',
        'get_discounted_games',
        { min_discount: 30, max_results: 3 },
        'light',
        'en-US',
      );
      const frame = view(host);
      await frame.locator('article.card').first().waitFor();
      expect(await frame.locator('button.details').first().textContent()).toBe('Details');
      let focused = { className: '', tagName: '' };
      for (let i = 0; i < 5 && !focused.className.includes('details'); i++) {
        await host.page.keyboard.press('Tab');
        focused = await focusedInView(frame);
      }
      expect(focused).toEqual({ className: 'primary details', tagName: 'BUTTON' });
      await host.page.keyboard.press('Enter');
      await frame.locator('article.detail').waitFor();
      // Focus moves to the new view, so the next Tab continues from there.
      expect((await focusedInView(frame)).tagName).toMatch(/H2|BUTTON/);
    });

    it.runIf(LISTS_SIMILAR)(
      '"more like this" renders find_similar_games: Deck, Chinese and player fields as the server sent them',
      async () => {
        const host = await open(1024);
        const result = await hostCall<ToolResult>(
          host.page,
          'show',
          'search_games',
          { keywords: '黑神话', max_results: 1 },
          'light',
          'zh-CN',
        );
        const [reference] = result.structuredContent!.games!;
        const frame = view(host);
        // Let the first view finish loading before replacing it (no aborted image request).
        await assertCards(frame, [reference!]);
        await frame.locator(`article.card[data-app-id="${reference!.app_id}"] button.similar`).click();
        await expect
          .poll(() => hostCall(host.page, 'toolCalls'))
          .toEqual([{ name: 'find_similar_games', arguments: { game_identifier: reference!.app_id } }]);
        await expect.poll(() => hostCall<ToolResult[]>(host.page, 'toolResults')).toHaveLength(1);
        const [similar] = await hostCall<ToolResult[]>(host.page, 'toolResults');
        const games = similar!.structuredContent!.games!;
        // The fake catalog gives these games every kind of field, so each branch is exercised.
        expect(games.some((g) => g.deck === 'verified')).toBe(true);
        expect(games.some((g) => g.languages?.schinese?.full_audio)).toBe(true);
        expect(games.some((g) => g.review_schinese_pct != null && g.review_schinese_count)).toBe(true);
        expect(games.some((g) => g.current_players != null)).toBe(true);
        expect(games.some((g) => g.current_players == null)).toBe(true);
        await expect
          .poll(() =>
            frame
              .locator('article.card')
              .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-app-id'))),
          )
          .toEqual(games.map((g) => g.app_id));
        expect(games.map((g) => g.app_id)).not.toContain(reference!.app_id);
        await assertCards(frame, games);
        for (const game of games)
          await assertPlayFields(frame.locator(`article.card[data-app-id="${game.app_id}"]`), game);
        await shoot(host, 'similar');
      },
    );

    it('the host enforces the declared CSP: an undeclared origin is refused (so "no violations" means something)', async () => {
      const host = await open(360);
      await hostCall(host.page, 'show', 'get_free_games', { max_results: 1 }, 'light', 'zh-CN');
      await view(host).locator('article.card').waitFor();
      const blocked = await view(host)
        .locator('html')
        .evaluate(() =>
          fetch('https://example.com/').then(
            () => false,
            () => true,
          ),
        );
      expect(blocked).toBe(true);
      await expect.poll(() => host.cspViolations.length).toBeGreaterThan(0);
      host.cspViolations.length = 0;
      host.problems.length = 0;
    });
  },
);
