import type { Cache } from '../cache.js';
import { UpstreamError } from '../errors.js';
import type { ChatClient } from '../llm/chat-client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { extractJsonObject, llmFailureReason } from './llm-answer.js';
import { LlmNeedsSchema, mergeNeeds } from './needs-schema.js';
import { buildAnalysisPrompt } from './prompts.js';
import { parseRequestByRules, rulesUnderstood } from './rule-parser.js';
import type { UserNeeds } from './types.js';

export interface Analysis {
  needs: UserNeeds;
  /** 'understood': the rules explained the whole request, so the model was not asked. */
  source: 'llm' | 'cache' | 'rules' | 'understood';
  /** Why the rules were used instead of the model; null when the model answered. */
  degradedReason: string | null;
  llmCalls: number;
}

export interface AnalyzerDeps {
  chat: ChatClient;
  logger: Logger;
  currency: string;
  metrics: Metrics;
  /** Model analyses by normalized query: a repeated request costs no LLM call. */
  cache: Cache;
}

type RequestAnalyzer = (query: string, opts: { signal: AbortSignal; budgetMs: number }) => Promise<Analysis>;

export function createRequestAnalyzer(deps: AnalyzerDeps): RequestAnalyzer {
  const { cache } = deps;

  return async (query, { signal, budgetMs }) => {
    const key = normalizeQuery(query);
    const cached = cache.peek<UserNeeds>(key);
    deps.metrics.cacheLookup('recommend_analysis', cached ? 'hit' : 'miss');
    // A copy: callers may adjust the needs they get back.
    if (cached) return { needs: structuredClone(cached), source: 'cache', degradedReason: null, llmCalls: 0 };
    const rules = parseRequestByRules(query);
    if (!deps.chat.available) {
      return {
        needs: rules,
        source: 'rules',
        degradedReason: llmFailureReason('analysis', unavailable()),
        llmCalls: 0,
      };
    }
    // Nothing left for a model to interpret: skip the round trip (not a degradation).
    if (rulesUnderstood(query, rules)) {
      return { needs: rules, source: 'understood', degradedReason: null, llmCalls: 0 };
    }
    const prompt = buildAnalysisPrompt(query, deps.currency);
    try {
      const answer = await deps.chat.complete({
        purpose: 'analyze',
        system: prompt.system,
        user: prompt.user,
        json: true,
        maxTokens: prompt.maxTokens,
        // The rules are a good fallback, so a failed analysis is not retried: that keeps
        // the whole recommendation within three LLM calls.
        maxRetries: 0,
        signal: AbortSignal.any([signal, AbortSignal.timeout(Math.max(1, budgetMs))]),
      });
      const needs = mergeNeeds(LlmNeedsSchema.parse(extractJsonObject(answer.text)), rules);
      // Only model answers are cached: a rules fallback should not hide a recovered model.
      cache.set(key, needs);
      return { needs, source: 'llm', degradedReason: null, llmCalls: 1 };
    } catch (error) {
      signal.throwIfAborted();
      deps.logger.info({ stage: 'analysis' }, 'analysis fell back to rules');
      return {
        needs: rules,
        source: 'rules',
        degradedReason: llmFailureReason('analysis', error),
        llmCalls: 1,
      };
    }
  };
}

export function normalizeQuery(query: string): string {
  return query.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

function unavailable(): UpstreamError {
  return new UpstreamError('LLM_UNAVAILABLE', 'No LLM configured');
}
