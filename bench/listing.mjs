// tools/list size as a plain client (no MCP Apps extension) receives it from the built bundle
// over stdio: bytes per tool, and the growth of the original six tools, and of those six plus
// find_similar_games, against the listing before the play/similar fields were added.
// Usage: npm run bench:listing   (BASE=/path/to/an/older/worktree to measure the baseline live)
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** The six tools the server started with. */
export const ORIGINAL_TOOLS = [
  'search_games',
  'get_game_details',
  'get_discounted_games',
  'get_top_games',
  'get_free_games',
  'recommend_games',
];

/**
 * Bytes per tool of the listing at commit 1299fa7, before languages, deck, Chinese reviews,
 * players, find_similar_games, the wallet tools and icons (measured with this script, BASE=…).
 */
const BASELINE_1299FA7 = {
  recommend_games: 3784,
  search_games: 2589,
  get_discounted_games: 2564,
  get_game_details: 3987,
  get_top_games: 2420,
  get_free_games: 2405,
};

/** The tools/list entries of the bundle in `dir`, as the JSON text of each entry. */
export async function listedTools(dir) {
  const child = spawn(process.execPath, [path.join(dir, 'dist/main.js'), '--stdio'], {
    env: { ...process.env, LOG_LEVEL: 'error' },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const send = (msg) => child.stdin.write(`${JSON.stringify(msg)}\n`);
  const line = await new Promise((resolve, reject) => {
    let buf = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before tools/list`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buf += chunk;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const text = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const msg = JSON.parse(text);
        if (msg.id === 1) {
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
        } else if (msg.id === 2) resolve(text);
      }
    });
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'bench', version: '1' },
      },
    });
  });
  child.removeAllListeners('exit');
  child.kill();
  return Object.fromEntries(
    JSON.parse(line).result.tools.map((tool) => [tool.name, Buffer.byteLength(JSON.stringify(tool))]),
  );
}

/** Bytes of the named tools' entries (with the separating commas, as in the tools array). */
export function bytesOf(sizes, names) {
  return names.reduce((sum, name) => sum + sizes[name], 0) + Math.max(names.length - 1, 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const now = await listedTools(root);
  const base = process.env.BASE ? await listedTools(path.resolve(process.env.BASE)) : BASELINE_1299FA7;
  const all = Object.keys(now);
  console.log(`tools/list for a plain client (dist/, stdio), bytes per tool:`);
  for (const name of all) {
    const was = base[name] ? `  (was ${base[name]}, ${pct(now[name] / base[name])})` : '  (new)';
    console.log(`  ${name.padEnd(24)} ${String(now[name]).padStart(6)}${was}`);
  }
  const orig = bytesOf(base, ORIGINAL_TOOLS);
  const six = bytesOf(now, ORIGINAL_TOOLS);
  const seven = bytesOf(now, [...ORIGINAL_TOOLS, 'find_similar_games']);
  const total = bytesOf(now, all);
  console.log(`  baseline: the original ${ORIGINAL_TOOLS.length} tools ${orig} bytes`);
  console.log(`  (a) original ${ORIGINAL_TOOLS.length} tools now         ${six} bytes  ${pct(six / orig)}`);
  console.log(`  (b) + find_similar_games          ${seven} bytes  ${pct(seven / orig)}`);
  console.log(`  (c) all ${all.length} tools                  ${total} bytes  ${pct(total / orig)}`);
}

function pct(ratio) {
  const growth = (ratio - 1) * 100;
  return `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %`;
}
