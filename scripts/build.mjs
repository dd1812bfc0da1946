// Bundles the server into dist/: a small start file plus lazily loaded CommonJS chunks, so the
// FC code package needs no node_modules and the path to listen() stays free of heavy modules.
//
// - main.js      start path: config, logger, node:http, the first SSE frame
// - runtime.js   loaded right after listen: MCP SDK, tools, Steam client, recommender
// - chunk-*.js   every other dynamic import() (HTML parsers, the openai SDK): loaded on first use
// - shared-*.js  modules both sides use, required once so classes and zod are not duplicated
import { build } from 'esbuild';
import { mkdir, rm, stat, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist');
const SHARED = {
  [path.join(root, 'src/errors.ts')]: 'shared-errors.js',
};
/** zod is imported under several subpaths (ours and the SDK's); all come from one shared chunk. */
const ZOD_PATHS = {
  zod: 'root',
  'zod/v4': 'v4',
  'zod/v4-mini': 'mini',
  'zod/v3': 'v3',
  'zod/v4/core': 'core',
};
// Getters: each subpath is evaluated only when something uses it (the SDK's zod/v3 never is).
const ZOD_ENTRY = `${Object.entries(ZOD_PATHS)
  .map(
    ([spec, key]) =>
      `Object.defineProperty(exports, '${key}', { get: () => require(${JSON.stringify(spec)}) });`,
  )
  .join('\n')}\n`;

/** Turns dynamic imports into separate chunk entries and shared modules into external requires. */
function chunking(queue, self) {
  return {
    name: 'chunking',
    setup(b) {
      b.onResolve({ filter: /^zod(\/|$)/ }, (args) => {
        if (self === 'shared-zod.js' || !(args.path in ZOD_PATHS)) return undefined;
        return { path: args.path, namespace: 'zod-shared' };
      });
      b.onLoad({ filter: /.*/, namespace: 'zod-shared' }, (args) => ({
        contents: `module.exports = require('./shared-zod.js').${ZOD_PATHS[args.path]};`,
        loader: 'js',
      }));
      // A lazy chunk is reached through a one-line CommonJS module, so esbuild emits require()
      // (cheap, and compiled with the code cache) rather than import() (the slower ESM loader).
      b.onLoad({ filter: /.*/, namespace: 'lazy-chunk' }, (args) => ({
        contents: `module.exports = require('./${args.path}');`,
        loader: 'js',
      }));
      // zod re-exports all ~50 message locales, and evaluating them is most of zod's load time;
      // the server only ever uses English messages (zod's default), so ship just that one.
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
      // The SDK's default JSON Schema validator (Ajv, ~270 KiB) serves elicitation only; the
      // server passes its own validator (src/server/create-server.ts), so Ajv is left out.
      b.onResolve({ filter: /validation\/ajv-provider\.js$/ }, () => ({ path: 'ajv', namespace: 'no-ajv' }));
      b.onLoad({ filter: /.*/, namespace: 'no-ajv' }, () => ({
        contents:
          'export class AjvJsonSchemaValidator { constructor() { throw new Error("Ajv is not bundled: pass jsonSchemaValidator"); } }',
        loader: 'js',
      }));
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.namespace === 'zod-shared' || args.namespace === 'lazy-chunk') {
          return { path: args.path, external: true };
        }
        if (args.pluginData === 'inner') return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'inner',
        });
        if (resolved.errors.length || resolved.external) return resolved;
        const file = resolved.path;
        const shared = SHARED[args.path] ?? SHARED[file.replace(/\.js$/, '.ts')] ?? SHARED[file];
        if (shared && self !== shared) return { path: `./${shared}`, external: true };
        if (args.kind === 'dynamic-import') {
          const name = chunkName(file);
          queue.add(JSON.stringify({ file, name }));
          return { path: name, namespace: 'lazy-chunk' };
        }
        return resolved;
      });
    },
  };
}

function chunkName(file) {
  const rel = path.relative(path.join(root, 'src'), file);
  if (rel === 'runtime.ts') return 'runtime.js';
  if (!rel.startsWith('..')) return `chunk-${rel.replace(/\.(ts|js)$/, '').replace(/[\\/]/g, '-')}.js`;
  const pkg = file.split('node_modules/').pop().split('/');
  return `chunk-${(pkg[0].startsWith('@') ? `${pkg[0]}-${pkg[1]}` : pkg[0]).replace('@', '')}.js`;
}

async function bundle(entry, name, queue) {
  const input =
    entry === 'zod'
      ? { stdin: { contents: ZOD_ENTRY, resolveDir: root, loader: 'js' } }
      : { entryPoints: [entry] };
  await build({
    ...input,
    outfile: path.join(out, name),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [chunking(queue, name)],
  });
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
// dist/ holds CommonJS: require() is cheaper at start-up than ESM loading and allows a code cache.
await writeFile(path.join(out, 'package.json'), '{ "type": "commonjs" }\n');

const queue = new Set();
const done = new Set();
await bundle(path.join(root, 'src/main.ts'), 'main.js', queue);
await bundle('zod', 'shared-zod.js', queue);
for (const [module, name] of Object.entries(SHARED)) await bundle(module, name, queue);
while (queue.size > done.size) {
  for (const item of [...queue]) {
    if (done.has(item)) continue;
    done.add(item);
    const { file, name } = JSON.parse(item);
    await bundle(file, name, queue);
  }
}

let total = 0;
const rows = [];
for (const f of (await readdir(out)).sort()) {
  if (!f.endsWith('.js')) continue;
  const { size } = await stat(path.join(out, f));
  total += size;
  rows.push(`  ${f.padEnd(44)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
}
console.log(
  `dist/ bundle:\n${rows.join('\n')}\n  ${'total'.padEnd(44)} ${(total / 1024).toFixed(1).padStart(8)} KiB`,
);

// A V8 code cache for the chunks, recorded by running the bundle once (same Node as the build).
await import('./record-code-cache.mjs');
