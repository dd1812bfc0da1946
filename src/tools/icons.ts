/**
 * Tool icons (MCP 2025-11-25 `icons`): one small inline SVG glyph per tool, as a data: URI so no
 * client fetches anything. A tool without its own glyph gets the gamepad.
 */
export interface ToolIcon {
  /** A data: URI that names its type (image/svg+xml), so no `mimeType` override is needed. */
  src: string;
}

/** 24×24 stroke paths (rounded, 2 px), in the style of common UI icon sets. */
const GLYPHS: Record<string, string> = {
  search_games: '<circle cx="11" cy="11" r="7"/><path d="M21 21l-5-5"/>',
  get_game_details: '<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7.5v.5"/>',
  get_discounted_games:
    '<path d="M3 12V4h8l10 10-8 8z"/><circle cx="7.5" cy="8.5" r="1"/><path d="M10 16l6-6"/>',
  get_top_games:
    '<path d="M8 21h8M12 17v4M7 4h10v5a5 5 0 0 1-10 0zM7 6H4a3 3 0 0 0 3 4M17 6h3a3 3 0 0 1-3 4"/>',
  get_free_games: '<path d="M4 11h16v10H4zM3 7h18v4H3zM12 7v14M12 7C10 3 6 4 8 7M12 7c2-4 6-3 4 0"/>',
  get_price_verdict: '<path d="M12 3v18M7 21h10M4 7h16M4 7l-3 7a3 3 0 0 0 6 0zM20 7l-3 7a3 3 0 0 0 6 0z"/>',
  compare_region_prices:
    '<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18"/>',
  get_wishlist_deals:
    '<path d="M12 20s-8-4.8-8-10.5A4.5 4.5 0 0 1 12 6.6a4.5 4.5 0 0 1 8 2.9C20 15.2 12 20 12 20z"/>',
  find_similar_games: '<path d="M4 4h11v11H4zM9 9h11v11H9z"/>',
  recommend_games: '<path d="M12 3l2.6 5.6 6.1.7-4.5 4.2 1.2 6-5.4-3-5.4 3 1.2-6-4.5-4.2 6.1-.7z"/>',
};

const GAMEPAD =
  '<path d="M6 8h12a4 4 0 0 1 4 4v3a3 3 0 0 1-5.4 1.8L15 15H9l-1.6 1.8A3 3 0 0 1 2 15v-3a4 4 0 0 1 4-4z"/>' +
  '<path d="M7 11v3M5.5 12.5h3M16 12h.01M18 13.5h.01"/>';

/**
 * One mid-tone blue-grey, legible on light and on dark backgrounds (contrast ≥ 3:1 on white and on
 * near-black): one icon per tool instead of a light and a dark one keeps tools/list small.
 */
const COLOUR = '#6f8296';

export function toolIcons(toolName: string): ToolIcon[] {
  const glyph = GLYPHS[toolName] ?? GAMEPAD;
  // Only the characters a URI cannot hold are escaped (attributes use single quotes).
  return [{ src: `data:image/svg+xml,${svg(glyph).replace(/[<>#%" ]/g, encodeURIComponent)}` }];
}

function svg(glyph: string): string {
  return (
    `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='${COLOUR}' ` +
    `stroke-width='2' stroke-linecap='round'>${glyph.replaceAll('"', "'")}</svg>`
  );
}
