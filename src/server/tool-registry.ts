import { setMaxListeners } from 'node:events';
import type { z } from 'zod';
import type { Cache } from '../cache.js';
import { createCallDeadline, isDeadlineError, raceAbort } from '../deadline.js';
import { publicMessage, UpstreamError, UserError } from '../errors.js';
import type { Metrics, ToolOutcome } from '../observability/metrics.js';
import type { ToolContext, ToolDefinition, ToolDeps } from '../tools/index.js';
import type { ListedTool } from './listed-tool.js';

export interface LoadedTools {
  tools: readonly ToolDefinition[];
  deps: ToolDeps;
}

export interface CallResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/**
 * The tools, their tools/list entries shared by all sessions, and the one place where
 * a call is validated, timed, counted, logged and turned into an MCP result.
 */
export class ToolRegistry {
  private readonly names: string[];
  private readonly numericArgs: Map<string, Set<string>>;
  private active = 0;
  private draining = false;
  private readonly idleWaiters = new Set<() => void>();
  /** The tools/list result: one object for every call, so the SSE transport serializes it once. */
  readonly listResult: { tools: ListedTool[] };

  constructor(
    /** tools/list, computed ahead (see app/tools-list.ts). */
    readonly listed: ListedTool[],
    /** The tools and their services, loaded with the first call (listing needs neither). */
    private readonly load: () => Promise<LoadedTools>,
    private readonly metrics: Metrics,
    /** Finished results of cacheable tools, so a repeated call is a lookup; none kept without. */
    private readonly results?: Cache,
    /** TOOL_DEADLINE_MS: the overall limit of one call of a tool without its own deadline. */
    private readonly deadlineMs = 30_000,
  ) {
    this.listResult = { tools: listed };
    this.names = listed.map((t) => t.name);
    this.numericArgs = new Map(listed.map((t) => [t.name, numericProperties(t.inputSchema)]));
  }

  async call(name: string, rawArgs: unknown, ctx: ToolContext): Promise<CallResult> {
    if (!this.names.includes(name)) {
      const names = this.names.join(', ');
      // Quote only the start of the name: a client must not get its (any-length) input reflected.
      const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
      return errorResult(`Unknown tool "${shown}". Available tools: ${names}. 未知工具。`);
    }
    if (this.draining)
      return errorResult('The server is restarting; retry in a moment. 服务正在重启，请稍后重试。');
    const started = performance.now();
    let outcome: ToolOutcome = 'ok';
    this.active++;
    try {
      const { tools, deps } = await this.load();
      const tool = tools.find((t) => t.name === name);
      if (!tool) throw new Error(`tool ${name} is listed but not loaded`);
      const parsed = tool.input.safeParse(this.coerceNumbers(name, rawArgs));
      if (!parsed.success) {
        outcome = 'user_error';
        return errorResult(describeIssues(parsed.error));
      }
      const cacheKey = tool.cacheable ? `${name}:${JSON.stringify(parsed.data)}` : undefined;
      const cached = cacheKey ? this.results?.peek<CallResult>(cacheKey) : undefined;
      if (cached) return cached;
      // One call fans out to many upstream requests, each listening on this signal.
      setMaxListeners(100, ctx.signal);
      const structured = await this.runHandler(tool, parsed.data, deps, ctx);
      const checked = tool.output.safeParse(structured);
      if (!checked.success) {
        ctx.logger.error(
          { tool: name, issues: checked.error.issues.slice(0, 5) },
          'tool output failed its schema',
        );
        outcome = 'internal_error';
        return errorResult(publicMessage(new Error('output')));
      }
      const result = okResult(structured as Record<string, unknown>);
      // Partial answers (with warnings) are not kept: the next call may get the whole answer.
      if (cacheKey && !('warnings' in (structured as object))) this.results?.set(cacheKey, result);
      return result;
    } catch (error) {
      if (isDeadlineError(error)) {
        outcome = 'upstream_error';
        ctx.logger.warn({ tool: name, deadlineMs: this.deadlineMs }, 'tool call reached its deadline');
        return errorResult(deadlineMessage(this.deadlineMs));
      }
      outcome =
        error instanceof UserError
          ? 'user_error'
          : error instanceof UpstreamError
            ? 'upstream_error'
            : 'internal_error';
      // Stacks only for the unexpected: an outage would otherwise log one per call.
      if (outcome === 'internal_error') ctx.logger.error({ tool: name, err: error }, 'tool call failed');
      else if (error instanceof UpstreamError) {
        const { code, status, message } = error;
        ctx.logger.warn({ tool: name, code, status, error: message }, 'tool call failed upstream');
      } else ctx.logger.info({ tool: name, error: (error as Error).message }, 'tool call refused');
      return errorResult(publicMessage(error));
    } finally {
      if (--this.active === 0) for (const wake of this.idleWaiters) wake();
      const ms = performance.now() - started;
      this.metrics.toolCall(name, outcome, ms);
      ctx.logger.debug({ tool: name, outcome, ms: Math.round(ms) }, 'tool call');
    }
  }

  /**
   * Runs the handler under TOOL_DEADLINE_MS: at the deadline its signal aborts (marked, so the
   * catalog returns what it has with a warning); a little later the call stops waiting for it.
   */
  private async runHandler(
    tool: ToolDefinition,
    args: unknown,
    deps: ToolDeps,
    ctx: ToolContext,
  ): Promise<unknown> {
    if (tool.ownDeadline) return tool.handler(args as never, deps, ctx);
    const deadline = createCallDeadline(this.deadlineMs, ctx.signal);
    try {
      const running = tool.handler(args as never, deps, { ...ctx, signal: deadline.signal });
      return await raceAbort(running, deadline.hardSignal);
    } finally {
      deadline.dispose();
    }
  }

  /** Refuses new calls and waits up to `timeoutMs` for running ones; true if all finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    if (this.active === 0) return true;
    let wake!: () => void;
    const idle = new Promise<boolean>((resolve) => (wake = () => resolve(true)));
    this.idleWaiters.add(wake);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([idle, timeout]);
    } finally {
      clearTimeout(timer);
      this.idleWaiters.delete(wake);
    }
  }

  /** LLM clients often send "10" for 10; accept numeric strings where a number is expected. */
  private coerceNumbers(name: string, args: unknown): unknown {
    if (!args || typeof args !== 'object' || Array.isArray(args)) return args ?? {};
    const numeric = this.numericArgs.get(name);
    if (!numeric?.size) return args;
    const out: Record<string, unknown> = { ...(args as Record<string, unknown>) };
    for (const key of numeric) {
      const value = out[key];
      if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) out[key] = Number(value);
    }
    return out;
  }
}

function numericProperties(schema: Record<string, unknown>): Set<string> {
  const props = (schema.properties ?? {}) as Record<string, { type?: string }>;
  return new Set(
    Object.entries(props)
      .filter(([, p]) => p.type === 'number' || p.type === 'integer')
      .map(([k]) => k),
  );
}

/** How a refusal of a call's arguments starts (the CLI exits 2 on it). */
export const INVALID_ARGUMENTS = 'Invalid arguments. 参数无效。';

function describeIssues(error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const path = issue.path.join('.') || '(arguments)';
    return issue.message.includes(String(issue.path[0] ?? '\u0000'))
      ? issue.message
      : `${path}: ${issue.message}`;
  });
  return `${INVALID_ARGUMENTS}\n${[...new Set(lines)].join('\n')}`;
}

function okResult(structured: Record<string, unknown>): CallResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(structured, null, 2) }],
    structuredContent: structured,
  };
}

function deadlineMessage(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return (
    `The call did not finish within its ${seconds} s limit (TOOL_DEADLINE_MS) and had nothing partial to show: ` +
    `Steam may be slow; try again shortly or ask for fewer results. 调用超过 ${seconds} 秒时限且没有可返回的部分结果，` +
    `Steam 可能较慢，请稍后重试或减少结果数量。`
  );
}

/** A readable tool error: `{success:false, error}` as text, never a stack trace. */
export function errorResult(message: string): CallResult {
  const structured = { success: false, error: message };
  return { content: [{ type: 'text', text: JSON.stringify(structured, null, 2) }], isError: true };
}
