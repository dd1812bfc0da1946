#!/usr/bin/env node
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cacheFile, installCodeCache } from './code-cache.js';
import { lazy } from './lazy.js';

/**
 * The bundle's entry (dist/main.js): installs the V8 code cache, then loads the server
 * (dist/server.js) and everything after it through the cache.
 */
const dir = path.dirname(path.resolve(process.argv[1] ?? '.'));
const record = process.env.MCP_CODE_CACHE_RECORD === '1'; // set by scripts/record-code-cache.mjs
if (record || existsSync(cacheFile(path.join(dir, 'server.js')))) {
  const cache = installCodeCache(dir, record);
  process.once('exit', () => {
    if (record) cache.writeCodeCache();
    if (cache.rejected.length) process.stderr.write(`code cache not used for ${cache.rejected.join(', ')}\n`);
  });
}
/**
 * A first argument naming a CLI command (src/cli/spec.ts) runs the terminal CLI
 * (dist/cli.js) instead of the server; the server's start path never loads it.
 */
const CLI_COMMANDS = [
  ...['recommend', 'search', 'details', 'top', 'deals', 'free', 'verdict', 'regions', 'wishlist'],
  ...['help', '--help', '-h'],
];
const first = process.argv[2];
if (first !== undefined && CLI_COMMANDS.includes(first))
  void lazy.cli.load().then((cli) => cli.main(process.argv.slice(2), lazy.services.load));
else void lazy.server.load();
