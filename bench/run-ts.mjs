// Runs a TypeScript bench script: bundles it with esbuild (node_modules stay external) into the
// git-ignored .bench/ directory, imports it, and removes the bundle afterwards.
// Usage: node bench/run-ts.mjs bench/recommend.ts
import { build } from 'esbuild';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node bench/run-ts.mjs <entry.ts>');
  process.exit(2);
}
const outDir = path.join(root, '.bench');
const outfile = path.join(outDir, `${path.basename(entry, '.ts')}-${process.pid}.mjs`);
await mkdir(outDir, { recursive: true });
await build({
  entryPoints: [path.resolve(entry)],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
try {
  await import(pathToFileURL(outfile).href);
} finally {
  await rm(outfile, { force: true });
}
