import type { SteamCatalog } from '../catalog/types.js';
import type { Cache } from '../cache.js';
import type { Logger } from '../observability/logger.js';
import { PROMPTS } from './definitions.js';
import { matchTagNames } from './tag-names.js';

export interface Completion {
  values: string[];
  total: number;
  hasMore: boolean;
}

export interface CompleterOptions {
  /** The catalog, loaded with the services on the first game-name completion. */
  loadCatalog: () => Promise<Pick<SteamCatalog, 'suggestGameNames'>>;
  logger: Logger;
  /** Each typed term's suggestions, reused so a term goes to Steam once while it is fresh. */
  cache: Cache;
  /** A completion answers within this, with nothing rather than late: the user is typing. */
  timeoutMs?: number;
}

/** At most this many values per answer (the protocol allows 100; a picker shows fewer). */
export const MAX_VALUES = 10;
/** Longer input is not a name being typed: no lookup, no suggestions. */
export const MAX_INPUT_CHARS = 100;
const NOTHING: Completion = { values: [], total: 0, hasMore: false };

/**
 * Answers completion/complete for the prompts' arguments: game names from the store's
 * suggestions (each typed term looked up once per TTL, concurrent lookups of one term
 * coalesced, bounded in time and count) and tag names from the recommender's vocabulary.
 */
export class PromptCompleter {
  private readonly cache: Cache;

  constructor(private readonly options: CompleterOptions) {
    this.cache = options.cache;
  }

  /**
   * Unknown prompts and arguments complete to nothing (not an error: the user is typing).
   * `admitLookup` is asked before a term goes to Steam (cached terms are free): the per-client cap.
   */
  async complete(
    promptName: string,
    argumentName: string,
    value: string,
    admitLookup: () => Promise<boolean> | boolean = () => true,
  ): Promise<Completion> {
    const source = PROMPTS.find((p) => p.name === promptName)?.arguments.find(
      (a) => a.name === argumentName,
    )?.completion;
    if (!source || source === 'none' || value.length > MAX_INPUT_CHARS) return NOTHING;
    if (source === 'tags') return this.tags(value);
    return limit(await this.gameNames(value, admitLookup));
  }

  /** The last of comma-separated tags is completed; the ones before it are kept. */
  private tags(value: string): Completion {
    const cut = Math.max(value.lastIndexOf(','), value.lastIndexOf('，'), value.lastIndexOf('、'));
    const head = value.slice(0, cut + 1);
    const chosen = new Set(head.split(/[,，、]/).map((t) => t.trim()));
    return limit(
      matchTagNames(value.slice(cut + 1))
        .filter((name) => !chosen.has(name))
        .map((name) => head + name),
    );
  }

  private async gameNames(value: string, admitLookup: () => Promise<boolean> | boolean): Promise<string[]> {
    const term = value.trim().replace(/\s+/g, ' ');
    if (!term) return [];
    const key = term.toLowerCase();
    const cached = this.cache.peek<string[]>(key);
    if (cached) return cached;
    if (!(await admitLookup())) return [];
    const timeoutMs = this.options.timeoutMs ?? 3_000;
    try {
      const { value: names } = await this.cache.getOrLoad('completion', key, async () => {
        const catalog = await this.options.loadCatalog();
        return catalog.suggestGameNames(term, { signal: AbortSignal.timeout(timeoutMs) });
      });
      return names;
    } catch (error) {
      this.options.logger.debug({ err: error, term }, 'game name completion failed');
      return [];
    }
  }
}

function limit(values: string[]): Completion {
  return { values: values.slice(0, MAX_VALUES), total: values.length, hasMore: values.length > MAX_VALUES };
}
