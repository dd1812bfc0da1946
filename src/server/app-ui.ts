import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClientCapabilities, ReadResourceResult, Resource } from '@modelcontextprotocol/sdk/types.js';
import type { ListedTool } from './listed-tool.js';

/**
 * Interactive game cards for hosts that render MCP Apps (SEP-1865, extension
 * `io.modelcontextprotocol/ui`): their tools/list entries point at one `ui://` HTML resource,
 * built with the bundle (scripts/build-ui.mjs). Other clients see none of this.
 */
export const UI_EXTENSION = 'io.modelcontextprotocol/ui';
export const UI_MIME_TYPE = 'text/html;profile=mcp-app';
export const CARDS_URI = 'ui://steam-game-mcp/game-cards.html';

/**
 * The tools whose results the cards render. Attaching the UI to another tool is one more name
 * here (a name the server does not list is ignored).
 */
export const CARD_TOOLS: ReadonlySet<string> = new Set([
  'recommend_games',
  'search_games',
  'get_discounted_games',
  'get_top_games',
  'get_free_games',
  'get_game_details',
  'find_similar_games',
  'get_wishlist_deals',
]);

/** Cover art and screenshots come from Steam's CDN; the cards load nothing else. */
const CSP = { resourceDomains: ['https://*.steamstatic.com', 'https://steamcdn-a.akamaihd.net'] };

/** True when the client declared it renders `text/html;profile=mcp-app` resources. */
export function acceptsAppUi(capabilities: ClientCapabilities | undefined): boolean {
  const ui = capabilities?.extensions?.[UI_EXTENSION] as { mimeTypes?: unknown } | undefined;
  return Array.isArray(ui?.mimeTypes) && ui.mimeTypes.includes(UI_MIME_TYPE);
}

/** tools/list for UI clients: the same entries, the card tools with `_meta.ui.resourceUri`. */
export function withAppUi(listed: readonly ListedTool[]): ListedTool[] {
  return listed.map((tool) =>
    CARD_TOOLS.has(tool.name) ? { ...tool, _meta: { ui: { resourceUri: CARDS_URI } } } : tool,
  );
}

export const CARDS_RESOURCE: Resource = {
  uri: CARDS_URI,
  name: 'game_cards',
  title: 'Steam game cards',
  description: 'Cards for Steam game lists and recommendations, and a detail view. 游戏卡片与详情视图。',
  mimeType: UI_MIME_TYPE,
};

/** The bundle's own folder (this file is bundled into dist/*.js); run from source, ./dist. */
const DIST =
  typeof __dirname === 'string' && path.basename(__dirname) === 'dist' ? __dirname : path.resolve('dist');
let html: string | undefined;

/**
 * resources/read of the cards: the HTML is read from disk once, when a host first asks. A small
 * file read once, so synchronously: node:fs is loaded at start anyway, node:fs/promises is not.
 */
export async function readCardsResource(): Promise<ReadResourceResult> {
  html ??= readFileSync(path.join(DIST, 'ui/game-cards.html'), 'utf8');
  return {
    contents: [
      {
        uri: CARDS_URI,
        mimeType: UI_MIME_TYPE,
        text: html,
        _meta: { ui: { csp: CSP, prefersBorder: false } },
      },
    ],
  };
}
