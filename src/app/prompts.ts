import { TtlCache } from '../http/ttl-cache.js';
import type { SteamCatalog } from '../catalog/types.js';
import type { Config } from '../config/load.js';
import type { Logger } from '../observability/logger.js';
import { PromptCompleter } from '../prompts/complete.js';
import { createPrompts, type Prompts } from '../prompts/prompts.js';

/**
 * The prompts with their completer (dist/prompts.js, lazy.prompts): their texts and the tag
 * vocabulary load at the first prompts/* or completion/* request, not on the way to tools/list.
 */
export function loadedPrompts(options: {
  config: Config;
  logger: Logger;
  /** The catalog, loaded with the services on the first game-name completion. */
  loadCatalog: () => Promise<Pick<SteamCatalog, 'suggestGameNames'>>;
}): Prompts {
  const completer = new PromptCompleter({
    loadCatalog: options.loadCatalog,
    logger: options.logger.child({ component: 'prompts' }),
    cache: new TtlCache({ maxEntries: 500, ttlMs: options.config.steam.cacheTtlMs }),
  });
  return createPrompts(completer);
}
