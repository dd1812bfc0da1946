import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Which `.env` file to read, if any. Never the working directory: in stdio mode that is whatever
 * folder the desktop client chose, and a `.env` planted there could point DASHSCOPE_BASE_URL
 * elsewhere and receive the API key. Only a file named with `--env-file PATH`, or the one beside
 * the package (the folder holding `dist/`), which only whoever installed the server can write.
 */
export function chooseEnvFile(
  argv: readonly string[],
  packageDir: string,
): { path: string; explicit: boolean } | undefined {
  const named = envFileArgument(argv);
  if (named !== undefined) return { path: path.resolve(named), explicit: true };
  const besidePackage = path.join(packageDir, '.env');
  return existsSync(besidePackage) ? { path: besidePackage, explicit: false } : undefined;
}

/** `--env-file PATH` or `--env-file=PATH`; an empty string when the flag has no value. */
function envFileArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--env-file') return argv[i + 1] ?? '';
    if (arg.startsWith('--env-file=')) return arg.slice('--env-file='.length);
  }
  return undefined;
}
