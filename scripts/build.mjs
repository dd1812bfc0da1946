// Bundles the server into dist/, CommonJS, no node_modules needed at run time:
//
// - main.js        the entry (src/app/main.ts): installs the V8 code cache, requires server.js
// - <name>.js      one file per entry of the lazy table, src/app/lazy.ts, which says what loads
//                  when: server.js (the start path: config, logger, node:http, the first SSE
//                  frame), runtime.js (the MCP SDK, the tool registry with tools/list computed
//                  at build time, stdio), services.js (the tools, Steam, the recommender), the
//                  libraries (openai, pino, prom-client), the CLI…
// - shared-errors.js  the error classes, one identity across files
// - *.js.v8-*.cache  V8 code cache for the chunks, per V8 version (scripts/record-code-cache.mjs)
// - ui/game-cards.html  the MCP Apps game cards, read when a host first asks (scripts/build-ui.mjs)
import { build } from 'esbuild';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist');

const SRC = path.join(root, 'src') + path.sep;
const LAZY_TABLE = path.join(root, 'src/app/lazy.ts');
const TOOLS_LIST = path.join(root, 'src/app/tools-list.ts');

/**
 * The lazy table's entries as files: { [resolved source path]: '<name>.js' }. The table is
 * bundled with each import() replaced by the path it resolves to, then run: so its own imports,
 * resolved as the real build resolves them, decide the chunking.
 */
async function lazyChunks() {
  const { outputFiles } = await build({
    entryPoints: [LAZY_TABLE],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'lazy-targets',
        setup(b) {
          b.onResolve({ filter: /.*/ }, async (args) => {
            if (args.kind !== 'dynamic-import' || args.pluginData === 'inner') return undefined;
            if (args.path.startsWith('node:')) return { path: args.path, namespace: 'lazy-target' };
            const resolved = await b.resolve(args.path, {
              kind: args.kind,
              resolveDir: args.resolveDir,
              importer: args.importer,
              pluginData: 'inner',
            });
            return { path: resolved.path, namespace: 'lazy-target', errors: resolved.errors };
          });
          b.onLoad({ filter: /.*/, namespace: 'lazy-target' }, (args) => ({
            contents: `export const target = ${JSON.stringify(args.path)};`,
            loader: 'js',
          }));
        },
      },
    ],
  });
  const { lazy } = await requireBuilt(outputFiles[0].text, 'lazy-table');
  const chunks = {};
  for (const [name, part] of Object.entries(lazy)) {
    const { target } = await part.load();
    if (!target.startsWith('node:')) chunks[target] = `${name}.js`; // built-ins stay require()s
  }
  return chunks;
}

/** Dynamic imports that become their own file; every other one is bundled, evaluated lazily. */
const CHUNKS = await lazyChunks();
/**
 * Modules whose single identity matters across files (errors are checked with instanceof): each
 * is its own file, required by every chunk that uses it.
 */
const SHARED = { [path.join(root, 'src/errors.ts')]: 'shared-errors.js' };

function chunking(self) {
  return {
    name: 'chunking',
    setup(b) {
      // A chunk is reached through a one-line CommonJS module, so esbuild emits require()
      // (cheap, and compiled with the code cache) rather than import() (the slower ESM loader).
      b.onLoad({ filter: /.*/, namespace: 'chunk' }, (args) => ({
        contents: `module.exports = require('./${args.path}');`,
        loader: 'js',
      }));
      // zod re-exports every message locale, and evaluating them is a large part of its load
      // time; the server only uses English messages (zod's default), so only that one ships.
      b.onResolve({ filter: /\/locales\/index\.c?js$/ }, (args) =>
        args.importer.includes(`${path.sep}zod${path.sep}`)
          ? { path: args.path.endsWith('.cjs') ? 'cjs' : 'esm', namespace: 'zod-locales' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => {
        const en = JSON.stringify(
          path.join(root, `node_modules/zod/v4/locales/en.${args.path === 'cjs' ? 'cjs' : 'js'}`),
        );
        const contents =
          args.path === 'cjs' ? `exports.en = require(${en});` : `export { default as en } from ${en};`;
        return { contents, loader: 'js', resolveDir: root };
      });
      // Chunks are compiled by vm.Script (the code cache), where import() has no loader: a lazy
      // built-in becomes a lazy require.
      b.onResolve({ filter: /^node:/ }, (args) =>
        args.kind === 'dynamic-import' ? { path: args.path, namespace: 'lazy-builtin' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
      // z.fromJSONSchema is unused, yet its module spreads zod's whole namespace when it loads.
      b.onResolve({ filter: /\/from-json-schema\.js$/ }, (args) =>
        args.importer.includes(`${path.sep}zod${path.sep}`)
          ? { path: 'from-json-schema', namespace: 'not-bundled' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'not-bundled' }, () => ({
        contents: 'export function fromJSONSchema() { throw new Error("z.fromJSONSchema is not bundled"); }',
        loader: 'js',
      }));
      // debug (ioredis's logging) asks for supports-color inside a try: it is absent, let it fail there.
      b.onResolve({ filter: /^supports-color$/ }, (args) =>
        args.importer.includes(`${path.sep}debug${path.sep}`)
          ? { path: args.path, namespace: 'absent' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'absent' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled`)});`,
        loader: 'js',
      }));
      // The SDK's default JSON Schema validator (Ajv, a large library) serves elicitation only; the
      // server passes its own validator (src/server/create-server.ts), so Ajv is left out.
      b.onResolve({ filter: /validation\/ajv-provider\.js$/ }, () => ({ path: 'ajv', namespace: 'no-ajv' }));
      b.onLoad({ filter: /.*/, namespace: 'no-ajv' }, () => ({
        contents:
          'export class AjvJsonSchemaValidator { constructor() { throw new Error("Ajv is not bundled: pass jsonSchemaValidator"); } }',
        loader: 'js',
      }));
      // The SDK's types.js builds all its zod schemas when it loads, on the way to the first
      // tools/list, and a server uses about half of them. Building a zod schema has no side
      // effect, so its calls are marked pure and esbuild drops the schemas nothing references.
      b.onLoad({ filter: /@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]types\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        let marked = 0;
        const pure = (prefix) => (marked++, `${prefix}/* @__PURE__ */ `);
        const contents = source
          .replace(/(?<![\w$.])(?=z\.)/g, () => pure(''))
          .replace(/^((?:export )?const \w+ = )(?=[A-Z]\w*\.)/gm, (_, decl) => pure(decl));
        if (marked < 100)
          console.warn(`SDK types.js: only ${marked} schema calls marked pure (its layout changed?)`);
        return { contents, loader: 'js' };
      });
      // tools/list, computed here rather than at every start (src/app/tools-list.ts).
      b.onLoad({ filter: /[\\/]tools-list\.ts$/ }, (args) =>
        args.path !== TOOLS_LIST
          ? undefined
          : {
              contents: `export const toolListing = JSON.parse(${JSON.stringify(JSON.stringify(listing))});`,
              loader: 'js',
            },
      );
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.namespace === 'chunk') return { path: args.path, external: true };
        if (args.pluginData === 'inner' || args.namespace !== 'file') return undefined;
        if (args.kind === 'dynamic-import' && args.importer.startsWith(SRC) && args.importer !== LAZY_TABLE) {
          const where = path.relative(root, args.importer);
          return { errors: [{ text: `${where}: import('${args.path}') belongs in src/app/lazy.ts` }] };
        }
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'inner',
        });
        const shared = SHARED[resolved.path];
        if (shared && shared !== self) return { path: shared, namespace: 'chunk' };
        if (args.kind !== 'dynamic-import') return resolved;
        // A chunk importing itself (through the lazy table) gets its own module back.
        const name = CHUNKS[resolved.path];
        return name ? { path: name, namespace: 'chunk' } : resolved;
      });
    },
  };
}

async function bundle(entry, name) {
  await build({
    ...(entry.startsWith('/')
      ? { entryPoints: [entry] }
      : { stdin: { contents: `module.exports = require('${entry}');`, resolveDir: root } }),
    outfile: path.join(out, name),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [chunking(name)],
  });
  const file = path.join(out, name);
  await writeFile(file, asciiOnly(await readFile(file, 'utf8'), name));
}

/**
 * esbuild keeps non-ASCII characters in comments and regular expressions. One such character
 * makes V8 hold the whole chunk's source as UTF-16: twice the memory for as long as the process
 * lives, and a slow UTF-8 decode on every start (noticeable for runtime.js). Escaped as \uXXXX the
 * meaning is the same in strings, regular expressions (also when built from String.raw text),
 * identifiers and comments. (Source-map columns after such a character shift a little.)
 */
function asciiOnly(code, name) {
  return code.replace(/[^\p{ASCII}]/gu, (char, offset) => {
    // `\中` (an identity escape) would become `\\u4E2D`: a backslash and text. Never silently.
    if (code[offset - 1] === '\\') throw new Error(`${name}: escaped non-ASCII character at ${offset}`);
    let escaped = '';
    for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}

/** listTools(allTools), run from source once per build. */
async function computeListing() {
  const { outputFiles } = await build({
    entryPoints: [TOOLS_LIST],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  return (await requireBuilt(outputFiles[0].text, 'tool-listing')).toolListing;
}

/** Runs a CommonJS module built in memory. */
async function requireBuilt(code, name) {
  const file = path.join(await mkdtemp(path.join(tmpdir(), `${name}-`)), `${name}.cjs`);
  await writeFile(file, code);
  try {
    return createRequire(import.meta.url)(file);
  } finally {
    await rm(path.dirname(file), { recursive: true, force: true });
  }
}

const listing = await computeListing();
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
// dist/ holds CommonJS: require() is cheaper at start-up than ESM loading and allows a code cache.
await writeFile(path.join(out, 'package.json'), '{ "type": "commonjs" }\n');
await bundle(path.join(root, 'src/app/main.ts'), 'main.js');
for (const [entry, name] of Object.entries({ ...CHUNKS, ...SHARED })) await bundle(entry, name);
const { buildUi } = await import('./build-ui.mjs');
const uiBytes = await buildUi(
  root,
  out,
  listing.map((tool) => tool.name),
);
console.log(`ui/game-cards.html: ${(uiBytes / 1024).toFixed(1)} KiB (budget 60 KiB)`);

let total = 0;
const rows = [];
for (const f of (await readdir(out)).sort()) {
  if (!f.endsWith('.js')) continue;
  const { size } = await stat(path.join(out, f));
  total += size;
  rows.push(`  ${f.padEnd(24)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
}
console.log(
  `dist/ bundle:\n${rows.join('\n')}\n  ${'total'.padEnd(24)} ${(total / 1024).toFixed(1).padStart(8)} KiB`,
);

// A V8 code cache for the chunks, recorded by running the bundle once with this Node, and with
// each Node binary in CODE_CACHE_NODES (comma-separated paths: e.g. Node 22 for FC's Node 22).
// Only an optimization: if recording fails, the bundle still works (it just compiles at start).
const { recordCodeCache } = await import('./record-code-cache.mjs');
const nodes = [process.execPath, ...(process.env.CODE_CACHE_NODES ?? '').split(',').filter(Boolean)];
for (const node of nodes) {
  try {
    console.log(`V8 code cache recorded for V8 ${await recordCodeCache(node)} (${node})`);
  } catch (error) {
    console.warn(
      `code cache not recorded for ${node} (the server works without it): ${error.message.split('\n')[0]}`,
    );
  }
}
