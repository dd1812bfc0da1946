import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { chooseEnvFile } from '../config/env-file.js';
import { loadConfig, type Config } from '../config/load.js';
import { ConfigError } from '../errors.js';
import { parseCommandLine, UsageError } from './commands.js';
import { helpText } from './help.js';
import { EXIT, runTool, type LoadTools, type Terminal } from './run.js';

/** The terminal CLI (dist/cli.js): `steam-game-mcp <command> …`; resolves to the exit code. */
export async function runCli(argv: readonly string[], term: Terminal, loadTools: LoadTools): Promise<number> {
  let invocation;
  try {
    invocation = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const hint = error.command ? `steam-game-mcp ${error.command.name} --help` : 'steam-game-mcp --help';
    term.stderr.write(`${error.message}\n查看帮助 / see: ${hint}\n`);
    return EXIT.usage;
  }
  if (invocation.kind === 'help') {
    term.stdout.write(`${helpText(invocation.command)}\n`);
    return EXIT.ok;
  }
  let config: Config;
  try {
    config = loadConfig(term.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    term.stderr.write(
      `steam-game-mcp: ${error.message}\n配置无效，请参考 .env.example。Invalid configuration.\n`,
    );
    return EXIT.usage;
  }
  return runTool(invocation.command, invocation.args, invocation.json, config, term, loadTools);
}

/**
 * Reads the same configuration as the server (the environment, then --env-file or the .env
 * beside the package, never the working directory's: see config/env-file.ts), runs, exits.
 */
export function main(argv: readonly string[], loadTools: LoadTools): void {
  const packageDir = path.dirname(path.dirname(realpathSync(process.argv[1] ?? '.')));
  const envFile = chooseEnvFile(argv, packageDir);
  if (envFile?.explicit && !existsSync(envFile.path)) {
    process.stderr.write(
      `steam-game-mcp: --env-file ${envFile.path}: no such file. 找不到 --env-file 指定的文件。\n`,
    );
    process.exit(EXIT.usage);
  }
  if (envFile) process.loadEnvFile(envFile.path);
  runCli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env }, loadTools).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`steam-game-mcp: internal error / 内部错误: ${(error as Error).message}\n`);
      process.exit(EXIT.toolError);
    },
  );
}
