// Builds the MCP Apps game cards (src/ui/cards) into one self-contained HTML file,
// dist/ui/game-cards.html: inline CSS and JS, nothing fetched but Steam's images. Served by the
// server as ui://steam-game-mcp/game-cards.html to clients that render MCP Apps.
import { build } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import path from 'node:path';

const BUDGET_BYTES = 60 * 1024;

/**
 * @param {string} root the repository
 * @param {string} out dist/
 * @param {string[]} toolNames the tools the server lists; the cards offer actions only for these
 */
export async function buildUi(root, out, toolNames) {
  const dir = path.join(root, 'src/ui/cards');
  const { outputFiles } = await build({
    entryPoints: [path.join(dir, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome111', 'firefox111', 'safari16.4'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const script = outputFiles[0].text.trim();
  if (/<\/script/i.test(script)) throw new Error('build-ui: the script contains "</script"');
  const { outputFiles: css } = await build({
    entryPoints: [path.join(dir, 'styles.css')],
    bundle: true,
    write: false,
    minify: true,
    logLevel: 'warning',
  });
  const template = await readFile(path.join(dir, 'index.html'), 'utf8');
  // Functions as replacements: `$&` and friends in the code must stay literal.
  const html = template
    .replace('%TOOLS%', () => toolNames.join(' '))
    .replace('%STYLES%', () => css[0].text.trim())
    .replace('%SCRIPT%', () => script);
  const size = Buffer.byteLength(html);
  if (size > BUDGET_BYTES)
    throw new Error(`build-ui: game-cards.html is ${size} bytes, over its ${BUDGET_BYTES}-byte budget`);
  await mkdir(path.join(out, 'ui'), { recursive: true });
  await writeFile(path.join(out, 'ui/game-cards.html'), html);
  return size;
}
