import type { z } from 'zod';
import type { SteamCatalog } from '../catalog/types.js';
import type { Logger } from '../observability/logger.js';
import type { Recommender } from '../recommend/types.js';
import type { Wallet } from '../user/wallet.js';

/** What handlers may use. Built once in main and shared by every session. */
export interface ToolDeps {
  catalog: SteamCatalog;
  recommender: Recommender;
  /** Wishlist deals, region prices, price verdicts (issue 12). */
  wallet: Wallet;
}

export interface ToolContext {
  signal: AbortSignal;
  logger: Logger;
  /** Reports progress when the client asked for it (a progress token); a no-op otherwise. */
  progress(progress: number, total: number, message: string): void;
}

export interface ToolAnnotations {
  readOnlyHint: boolean;
  openWorldHint: boolean;
  idempotentHint?: boolean;
}

/**
 * A tool is data: name, schemas and a handler that returns the structured result
 * (the server turns it into structuredContent + a text block). Throw UserError for
 * problems the caller can fix.
 */
export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  /** Identical calls within a short TTL may reuse the finished result (pure reads of Steam data). */
  cacheable?: boolean;
  /** The handler keeps its own deadline (recommend_games): the registry's TOOL_DEADLINE_MS is not applied. */
  ownDeadline?: boolean;
  handler(args: z.output<I>, deps: ToolDeps, ctx: ToolContext): Promise<z.input<O>>;
}

export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(tool: ToolDefinition<I, O>) {
  return tool;
}

/** The Steam tools read the public store: read-only, open world. */
export const READ_ONLY_STEAM: ToolAnnotations = {
  readOnlyHint: true,
  openWorldHint: true,
  idempotentHint: true,
};
