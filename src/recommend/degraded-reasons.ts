import { UpstreamError, isAbortError } from '../errors.js';

export type LlmStage = 'analysis' | 'scoring';

const FALLBACK: Record<LlmStage, { zh: string; en: string }> = {
  analysis: { zh: '已按规则解析需求', en: 'the request was parsed by rules' },
  scoring: { zh: '已按规则评分排序', en: 'games were ranked by rules' },
};

/** A human-readable, secret-free note on why a stage fell back to rules (Chinese / English). */
export function llmFailureReason(stage: LlmStage, error: unknown): string {
  const { zh, en } = FALLBACK[stage];
  const what = stage === 'analysis' ? 'LLM analysis' : 'LLM scoring';
  const code = error instanceof UpstreamError ? error.code : isAbortError(error) ? 'LLM_TIMEOUT' : 'LLM_HTTP';
  switch (code) {
    case 'LLM_UNAVAILABLE':
      return `未配置大模型（DASHSCOPE_API_KEY），${zh} / No LLM configured; ${en}`;
    case 'LLM_TIMEOUT':
      return `大模型响应超时，${zh} / ${what} timed out; ${en}`;
    case 'LLM_BAD_OUTPUT':
      return `大模型返回了无法解析的内容，${zh} / ${what} returned unusable output; ${en}`;
    default: {
      const status = error instanceof UpstreamError && error.status ? ` HTTP ${error.status}` : '';
      return `大模型调用失败${status}，${zh} / ${what} failed${status}; ${en}`;
    }
  }
}

/** One note instead of two when no model is configured at all. */
export const NO_LLM_REASON =
  '未配置大模型（DASHSCOPE_API_KEY），已按规则解析需求并排序 / No LLM configured; the request was parsed and games ranked by rules';
