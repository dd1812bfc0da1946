#!/usr/bin/env node
// Builds the desktop extension (MCP Bundle, for Claude Desktop and other MCPB hosts):
// release/steam-game-mcp-<version>.mcpb = deploy/mcpb/manifest.json + the bundle in server/.
// The manifest gets package.json's version and the tools the bundle really lists (asked over
// stdio, which also proves the staged copy starts). Source maps and V8 code caches stay out: the
// desktop's own Node would reject caches made for another V8.
// Usage: npm run bundle:mcpb [-- --out DIR]   (runs `npm run build` first when dist/ is missing)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packExtension } from '@anthropic-ai/mcpb';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const outFlag = process.argv.indexOf('--out');
const outDir = path.resolve(outFlag > 0 ? process.argv[outFlag + 1] : path.join(root, 'release'));

function fail(message) {
  console.error(`bundle-mcpb: ${message}`);
  process.exit(1);
}

if (!existsSync(path.join(dist, 'main.js'))) {
  console.error('bundle-mcpb: dist/main.js missing: running `npm run build`');
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) fail('npm run build failed');
}

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(path.join(root, 'deploy/mcpb/manifest.json'), 'utf8'));
const stage = mkdtempSync(path.join(tmpdir(), 'mcpb-stage-'));
try {
  mkdirSync(path.join(stage, 'server'));
  for (const file of readdirSync(dist)) {
    if (file.endsWith('.js') || file === 'package.json') {
      copyFileSync(path.join(dist, file), path.join(stage, 'server', file));
    }
  }
  // The game-card UI (MCP Apps) is read from server/ui/ when a client asks for it.
  mkdirSync(path.join(stage, 'server/ui'));
  copyFileSync(path.join(dist, 'ui/game-cards.html'), path.join(stage, 'server/ui/game-cards.html'));
  for (const file of ['README.md', 'LICENSE']) copyFileSync(path.join(root, file), path.join(stage, file));

  manifest.version = pkg.version;
  manifest.tools = await listStagedTools(path.join(stage, 'server/main.js'));
  writeFileSync(path.join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  mkdirSync(outDir, { recursive: true });
  const output = path.join(outDir, `${pkg.name}-${pkg.version}.mcpb`);
  if (!(await packExtension({ extensionPath: stage, outputPath: output, silent: true }))) {
    fail('mcpb pack refused the bundle (run `npx mcpb validate deploy/mcpb/manifest.json`)');
  }
  const bytes = readFileSync(output);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  console.log(
    `${path.relative(process.cwd(), output)}  ${(bytes.length / 1024).toFixed(1)} KiB  sha256 ${sha256}`,
  );
  console.log(`tools: ${manifest.tools.map((t) => t.name).join(', ')}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}

/** Starts the staged server as a desktop would (stdio) and asks for its tools. */
async function listStagedTools(entry) {
  const client = new Client({ name: 'bundle-mcpb', version: pkg.version });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [entry, '--stdio'],
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' },
      stderr: 'inherit',
    }),
  );
  try {
    const { tools } = await client.listTools();
    return tools.map((tool) => ({
      name: tool.name,
      description: firstSentence(tool.description ?? tool.name),
    }));
  } finally {
    await client.close();
  }
}

function firstSentence(text) {
  const line = text.split('\n')[0].trim();
  const end = line.search(/(?<!\be\.g|\bi\.e)[。.](\s|$)/);
  return end > 0 ? line.slice(0, end + 1) : line;
}
