import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, FrameLocator } from 'playwright-core';
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

const cny = (n: number) => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(n);

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

    it('renders Deck, Chinese-language, Chinese-review and player fields when a tool has them', async () => {
      const host = await open(1024);
      const base = await hostCall<ToolResult & { structuredContent: Record<string, unknown> }>(
        host.page,
        'show',
        'search_games',
        { keywords: '黑神话', max_results: 1 },
        'light',
        'zh-CN',
      );
      // Let the first view finish loading before replacing it (no aborted image request).
      await assertCards(view(host), base.structuredContent.games!);
      const game = {
        ...base.structuredContent.games![0]!,
        deck: 'verified',
        languages: {
          schinese: { interface: true, subtitles: true, full_audio: true },
          english: { interface: true },
        },
        review_schinese_pct: 91.4,
        review_schinese_count: 52311,
        current_players: 123456,
      };
      const enriched = { ...base, structuredContent: { ...base.structuredContent, games: [game] } };
      await hostCall(
        host.page,
        'showResult',
        'search_games',
        { keywords: '黑神话' },
        enriched,
        'light',
        'zh-CN',
      );
      const card = view(host).locator('article.card');
      await card.waitFor();
      expect(await card.locator('.badge.deck-verified').textContent()).toBe('Deck 已验证');
      expect(await card.locator('.badge.chinese').textContent()).toBe('简体中文 · 中文配音');
      expect(await card.locator('.review.zh [role=meter]').getAttribute('aria-valuenow')).toBe('91');
      expect(await card.locator('.review.zh .label').textContent()).toContain('52,311');
      expect(await card.locator('.players').textContent()).toContain('123,456');
    });

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
