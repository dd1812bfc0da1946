import type { ToolDefinition } from './define-tool.js';
import { findSimilarGamesTool } from './find-similar-games.js';
import { getDiscountedGamesTool } from './get-discounted-games.js';
import { getFreeGamesTool } from './get-free-games.js';
import { getGameDetailsTool } from './get-game-details.js';
import { getTopGamesTool } from './get-top-games.js';
import { getWishlistDealsTool } from './get-wishlist-deals.js';
import { compareRegionPricesTool } from './compare-region-prices.js';
import { getPriceVerdictTool } from './get-price-verdict.js';
import { recommendGamesTool } from './recommend-games.js';
import { searchGamesTool } from './search-games.js';

/** Every tool the server offers, in the order tools/list shows them. */
export const allTools: readonly ToolDefinition[] = [
  recommendGamesTool,
  searchGamesTool,
  getDiscountedGamesTool,
  getGameDetailsTool,
  getTopGamesTool,
  getFreeGamesTool,
  getWishlistDealsTool,
  compareRegionPricesTool,
  getPriceVerdictTool,
  findSimilarGamesTool,
] as unknown as readonly ToolDefinition[];

export type { ToolDeps, ToolContext, ToolDefinition } from './define-tool.js';
