import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumInstalled = existsSync(CHROMIUM);

const HOST_DIR = path.join(import.meta.dirname, 'host');

/** The hosts the cards load images from (the CSP in src/server/app-ui.ts allows exactly these). */
const CDN_HOSTS = ['*.steamstatic.com', 'steamcdn-a.akamaihd.net'];

/**
 * Chromium with Steam's CDN hosts resolved to the loopback stand-in, in the browser's own
 * resolver: every frame's image requests (the sandboxed view's too, in whatever process it runs)
 * reach it, with nothing to intercept. The stand-in's certificate is self-signed, hence
 * --ignore-certificate-errors; nothing else is reachable here anyway. The host page is served by
 * a route, which Chromium counts as a public address space, so its view reaching a loopback
 * "CDN" would need Local Network Access permission: those checks are off.
 */
export async function launchChromium(cdn: ImageCdn): Promise<Browser> {
  const rules = CDN_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${cdn.port}`).join(', ');
  // --no-sandbox: CI containers run as root, where Chromium's own sandbox cannot start.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      `--host-resolver-rules=${rules}`,
      '--ignore-certificate-errors',
      '--disable-features=LocalNetworkAccessChecks',
    ],
  });
}

export interface ImageCdn {
  port: number;
  /** Image paths served so far (evidence that the stand-in, not Steam, answered). */
  served: string[];
  close(): Promise<void>;
}

/** An HTTPS server on loopback answering every image URL with a placeholder cover. */
export async function startImageCdn(): Promise<ImageCdn> {
  // A throwaway self-signed certificate (openssl ships with Debian, as Chromium does).
  const dir = await mkdtemp(path.join(tmpdir(), 'cards-cdn-'));
  const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=steamstatic.test',
  ]); // prettier-ignore
  const tls = { key: await readFile(key), cert: await readFile(cert) };
  await rm(dir, { recursive: true, force: true });
  const served: string[] = [];
  const server = createServer(tls, (req, res) => {
    served.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' });
    res.end(placeholderImage(req.url ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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

/** A stand-in for Steam's CDN (unreachable here): a cover with the app id, per URL path. */
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
