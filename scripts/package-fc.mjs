#!/usr/bin/env node
// Assembles the Function Compute code package: deploy/aliyun/package/ = dist/ + start.sh.
// Runs `npm run build` first when dist/main.js is missing. Usage: node scripts/package-fc.mjs [--rebuild]
// (CODE_CACHE_NODES=/path/to/node22 with --rebuild adds a V8 code cache for Node 22; see the guide).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(root, 'dist');
const kitDir = join(root, 'deploy', 'aliyun');
const outDir = join(kitDir, 'package');

function fail(message) {
  console.error(`package-fc: ${message}`);
  process.exit(1);
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [{ path, size: statSync(path).size }];
  });
}

function formatBytes(n) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

if (process.argv.includes('--rebuild') || !existsSync(join(distDir, 'main.js'))) {
  console.error('package-fc: dist/main.js missing (or --rebuild): running `npm run build`');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail(`npm run build failed (exit ${build.status ?? build.signal})`);
  if (!existsSync(join(distDir, 'main.js'))) fail('npm run build did not produce dist/main.js');
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
// Source maps are not loaded at run time; leaving them out keeps the upload small.
cpSync(distDir, join(outDir, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.map') });
copyFileSync(join(kitDir, 'start.sh'), join(outDir, 'start.sh'));
chmodSync(join(outDir, 'start.sh'), 0o755);

const files = walk(outDir);
const total = files.reduce((sum, f) => sum + f.size, 0);
for (const f of files) console.log(`  ${relative(outDir, f.path).padEnd(48)} ${formatBytes(f.size)}`);
console.log(
  `package-fc: ${relative(root, outDir)}/ — ${files.length} files, ${formatBytes(total)} (uncompressed)`,
);
console.log('package-fc: next: cd deploy/aliyun && s deploy -y');
