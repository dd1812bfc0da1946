import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumInstalled = existsSync(CHROMIUM);

const HOST_DIR = path.join(import.meta.dirname, 'host');

export async function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI containers run as root, where Chromium's own sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** The test host page and its script, bundled for the browser. */
export async function hostFiles(): Promise<{ html: string; js: string }> {
  const { outputFiles } = await build({
    entryPoints: [path.join(HOST_DIR, 'host.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'warning',
  });
  return { html: await readFile(path.join(HOST_DIR, 'host.html'), 'utf8'), js: outputFiles[0]!.text };
}

/** A stand-in for Steam's CDN (unreachable here): a cover with the app id, per URL. */
function placeholderImage(url: string): string {
  const id = /\/apps\/(\d+)\//.exec(url)?.[1] ?? '0';
  const hue = (Number(id) * 47) % 360;
  const header = url.includes('header');
  const label = header ? `App ${id}` : `App ${id} · screenshot`;
  const [w, h] = header ? [460, 215] : [640, 360];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,38%)"/>` +
    `<stop offset="1" stop-color="hsl(${(hue + 60) % 360},60%,22%)"/></linearGradient></defs>` +
    `<rect width="${w}" height="${h}" fill="url(#g)"/>` +
    `<text x="24" y="${h - 25}" font-family="sans-serif" font-size="22" fill="rgba(255,255,255,.85)">${label}</text></svg>`
  );
}

export interface HostPage {
  page: Page;
  /** Console errors, page errors and CSP violations so far. */
  problems: string[];
  cspViolations: string[];
}

/** Opens the test host on the server's origin (so /mcp is same-origin) at the given width. */
export async function openHost(browser: Browser, serverUrl: string, width: number): Promise<HostPage> {
  const files = await hostFiles();
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('close', () => void context.close());
  const problems: string[] = [];
  const cspViolations: string[] = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy/i.test(text)) cspViolations.push(text);
    if (msg.type() === 'error') problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  // The host's own MCP stream may be cut when a test closes the page, and an image still loading
  // is aborted when the view replaces it (the list after "details"); any other failure counts.
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    if (request.url().startsWith(serverUrl) || error === 'net::ERR_ABORTED') return;
    problems.push(`request failed (${error}): ${request.url()}`);
  });
  await page.route(`${serverUrl}/__host/**`, (route) => {
    const js = route.request().url().endsWith('.js');
    return route.fulfill({
      contentType: js ? 'text/javascript' : 'text/html; charset=utf-8',
      body: js ? files.js : files.html,
    });
  });
  // On the context, so requests of every frame (the sandboxed view too) are served.
  await context.route(/^https:\/\/[a-z.]+\.steamstatic\.com\//, (route) =>
    route.fulfill({ contentType: 'image/svg+xml', body: placeholderImage(route.request().url()) }),
  );
  await page.goto(`${serverUrl}/__host/index.html`);
  await page.waitForFunction(() => 'testHost' in globalThis);
  return { page, problems, cspViolations };
}

/**
 * Calls `window.testHost[method](...args)` in the page (test/app-ui/host/host.ts). The Node
 * tests have no DOM types, so the host is reached by name.
 */
export function hostCall<T = unknown>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ({ method, args }) => {
      const host = (globalThis as unknown as { testHost: Record<string, unknown> }).testHost;
      const member = host[method];
      return typeof member === 'function' ? (member as (...a: unknown[]) => unknown)(...args) : member;
    },
    { method, args },
  ) as Promise<T>;
}

/** The class and tag of the focused element inside the view. */
export function focusedInView(frame: FrameLocator): Promise<{ className: string; tagName: string }> {
  return frame.locator('html').evaluate((html) => {
    const active = (
      html as unknown as { ownerDocument: { activeElement: { className: string; tagName: string } | null } }
    ).ownerDocument.activeElement;
    return { className: active?.className ?? '', tagName: active?.tagName ?? '' };
  });
}
