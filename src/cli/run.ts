import { createSpinner } from 'nanospinner';
import type { Config } from '../config/load.js';
import { silentLogger } from '../observability/logger.js';
import { INVALID_ARGUMENTS, type CallResult, type ToolRegistry } from '../server/tool-registry.js';
import type { CommandSpec } from './spec.js';
import { renderResult } from './render.js';

export interface Terminal {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
}

/**
 * Loads the tools with their services, in-process (src/app/services.ts): the caller decides how,
 * so the CLI itself holds no lazy import.
 */
export type LoadTools = () => Promise<{ standaloneTools(config: Config): ToolRegistry }>;

/** Exit codes: 0 ok, 1 the tool failed (Steam down, nothing found…), 2 a usage error. */
export const EXIT = { ok: 0, toolError: 1, usage: 2 } as const;

/**
 * Calls one tool in-process, through the same registry (validation, errors, caching) and
 * services as the server, and prints the result: a table for a person, JSON for a script.
 */
export async function runTool(
  command: CommandSpec,
  args: Record<string, unknown>,
  json: boolean,
  config: Config,
  term: Terminal,
  loadTools: LoadTools,
): Promise<number> {
  const interactive = !json && term.stderr.isTTY === true;
  const colors = !json && term.stdout.isTTY === true && !term.env.NO_COLOR;
  const spinner = interactive
    ? createSpinner(
        command.tool === 'recommend_games'
          ? '正在分析需求 / analyzing the request'
          : '正在查询 Steam / querying Steam',
        {
          stream: term.stderr,
        },
      ).start()
    : undefined;
  const aborter = new AbortController();
  const interrupt = () => aborter.abort();
  process.once('SIGINT', interrupt);
  let result: CallResult;
  try {
    const registry = (await loadTools()).standaloneTools(config);
    result = await registry.call(command.tool, args, {
      signal: aborter.signal,
      logger: silentLogger,
      progress: (_step, _total, message) => spinner?.update({ text: message }),
    });
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
  if (result.isError) {
    const error = (JSON.parse(result.content[0]!.text) as { error: string }).error;
    spinner?.error({ text: '失败 / failed' });
    if (json) term.stdout.write(`${result.content[0]!.text}\n`);
    else term.stderr.write(`${error}\n`);
    // Arguments the tool's schema refuses (--max 500) are the command line's fault.
    return error.startsWith(INVALID_ARGUMENTS) ? EXIT.usage : EXIT.toolError;
  }
  spinner?.success({ text: '完成 / done' });
  const structured = result.structuredContent!;
  term.stdout.write(
    json
      ? `${JSON.stringify(structured, null, 2)}\n`
      : `${renderResult(command.tool, structured, { colors, width: term.stdout.columns || 100 })}\n`,
  );
  return EXIT.ok;
}
