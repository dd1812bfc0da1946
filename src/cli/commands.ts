import { parseArgs } from 'node:util';
import { COMMANDS, type CommandSpec } from './spec.js';

/** What the command line asks for. */
export type Invocation =
  | { kind: 'help'; command?: CommandSpec }
  | { kind: 'call'; command: CommandSpec; args: Record<string, unknown>; json: boolean };

/** A command line that cannot be run (exit code 2); the message is bilingual. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: CommandSpec,
  ) {
    super(message);
  }
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** argv without node and the script, e.g. ["search", "艾尔登法环", "--max", "5"]. */
export function parseCommandLine(argv: readonly string[]): Invocation {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const command = COMMANDS.find((c) => c.name === rest[0]);
    return { kind: 'help', command };
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command)
    throw new UsageError(`Unknown command "${name.slice(0, 40)}". 未知命令 "${name.slice(0, 40)}"。`);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        // Read by main.ts before parsing (the configuration comes first), accepted here.
        'env-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(command.options.map((o) => [o.flag, { type: o.type }])),
      },
    });
  } catch (error) {
    // parseArgs explains unknown flags and missing values in English; add the Chinese.
    throw new UsageError(`${(error as Error).message} 参数有误。`, command);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help', command };
  const args: Record<string, unknown> = {};
  const text = positionals.join(' ').trim();
  if (command.positional && text) args[command.positional.argument] = text;
  else if (command.positional?.required)
    throw new UsageError(
      `Missing ${command.positional.label}, e.g. ${command.example}. 缺少参数：${command.positional.label}。`,
      command,
    );
  else if (text)
    throw new UsageError(
      `"${command.name}" takes no words, only flags. ${command.name} 不接受位置参数。`,
      command,
    );
  for (const option of command.options) {
    const value = (values as Record<string, unknown>)[option.flag];
    if (typeof value !== 'string') continue;
    // Numbers go to the tool as numbers, so its own range checks and messages apply.
    args[option.argument] = option.list
      ? value
          .split(/[,，、]/)
          .map((v) => v.trim())
          .filter(Boolean)
      : NUMERIC.test(value.trim())
        ? Number(value)
        : value;
  }
  return { kind: 'call', command, args, json: values.json === true };
}
