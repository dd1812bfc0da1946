import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layer order of docs/architecture.md ("## Layers"), enforced: every import in src/ (static,
 * dynamic, require(), type-only) must go to its own layer or one its row names. Read from the
 * doc so the doc and the check cannot drift apart.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const srcRoot = path.join(repoRoot, 'src');
const docPath = 'docs/architecture.md';

interface Layer {
  name: string;
  /** Folders (`steam/`) and files (`errors.ts`) under src/. */
  entries: string[];
  /** Layer names; `every layer` allows all. */
  mayImport: string[] | 'all';
}

interface Exception {
  file: string;
  target: string;
}

interface LayerOrder {
  layers: Layer[];
  exceptions: Exception[];
}

interface ImportSite {
  /** src/-relative, with forward slashes. */
  file: string;
  line: number;
  specifier: string;
  /** src/-relative path of the imported file (or folder), when it is inside src/. */
  target: string;
}

/** The cells of each row of the first Markdown table under `heading` (header row left out). */
function tableRows(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`${docPath} has no "${heading}" heading`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,6} /.test(line)) break;
    if (!line.trim().startsWith('|')) {
      if (rows.length) break;
      continue;
    }
    rows.push(
      line
        .trim()
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
  }
  return rows.filter((cells) => !cells.every((c) => /^-+$/.test(c))).slice(1);
}

const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

function parseLayerOrder(markdown: string): LayerOrder {
  const layers = tableRows(markdown, '## Layers').map(([name = '', entries = '', mayImport = '']) => ({
    name,
    entries: codeSpans(entries),
    mayImport:
      mayImport === 'every layer'
        ? ('all' as const)
        : mayImport === 'nothing else'
          ? []
          : mayImport.split(',').map((n) => n.trim()),
  }));
  const names = new Set(layers.map((l) => l.name));
  for (const layer of layers) {
    if (layer.mayImport === 'all') continue;
    for (const name of layer.mayImport) {
      if (!names.has(name))
        throw new Error(`${docPath}: layer "${layer.name}" may import unknown layer "${name}"`);
    }
  }
  const exceptions = tableRows(markdown, '### Pending exceptions').map(([file = '', target = '']) => ({
    file: codeSpans(file)[0] ?? '',
    target: codeSpans(target)[0] ?? '',
  }));
  return { layers, exceptions };
}

/** The layer of a src/-relative path: its most specific entry (a file before its folder). */
function layerOf(order: LayerOrder, file: string): { layer: Layer; entry: string } | undefined {
  let best: { layer: Layer; entry: string } | undefined;
  for (const layer of order.layers) {
    for (const entry of layer.entries) {
      const matches = entry.endsWith('/') ? file.startsWith(entry) : file === entry;
      if (matches && (!best || entry.length > best.entry.length)) best = { layer, entry };
    }
  }
  return best;
}

/** Every module specifier a file names: import/export … from, import(), require(), import('x').T. */
function importsOf(file: string, source: string): { line: number; specifier: string }[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: { line: number; specifier: string }[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      found.push({
        line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
        specifier: specifier.text,
      });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node, node.moduleReference.expression);
    else if (ts.isCallExpression(node)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) add(node, node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node, node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The src/-relative target of a relative specifier (`../http/upstream.js` → `http/upstream.ts`). */
function resolveTarget(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined; // a package
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  if (joined.startsWith('..')) return undefined;
  return joined.replace(/\.js$/, '.ts');
}

function importSites(files: ReadonlyMap<string, string>): ImportSite[] {
  return [...files].flatMap(([file, source]) =>
    importsOf(file, source).flatMap(({ line, specifier }) => {
      const target = resolveTarget(file, specifier);
      return target === undefined ? [] : [{ file, line, specifier, target }];
    }),
  );
}

/** What breaks the order, one readable line each; empty when the imports keep it. */
function layerViolations(order: LayerOrder, files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const file of files.keys()) {
    if (!layerOf(order, file)) {
      problems.push(`src/${file} is in no layer of ${docPath}: add its folder to the row it belongs to`);
    }
  }
  for (const layer of order.layers) {
    for (const entry of layer.entries) {
      const present = [...files.keys()].some((f) =>
        entry.endsWith('/') ? f.startsWith(entry) : f === entry,
      );
      if (!present)
        problems.push(
          `${docPath} places src/${entry} in "${layer.name}", but src/ has no such ${entry.endsWith('/') ? 'folder' : 'file'}`,
        );
    }
  }
  const used = new Set<Exception>();
  for (const site of importSites(files)) {
    const from = layerOf(order, site.file);
    const to = layerOf(order, site.target);
    if (!from || !to || from.layer === to.layer || from.layer.mayImport === 'all') continue;
    if (from.layer.mayImport.includes(to.layer.name)) continue;
    const exception = order.exceptions.find(
      (e) => e.file === `src/${site.file}` && e.target === `src/${site.target}`,
    );
    if (exception) {
      used.add(exception);
      continue;
    }
    const allowed = from.layer.mayImport.length ? from.layer.mayImport.join(', ') : 'nothing outside it';
    problems.push(
      `src/${site.file}:${site.line} imports '${site.specifier}' (${to.layer.name}): ` +
        `"${from.layer.name}" may import only ${allowed} (${docPath}, ## Layers)`,
    );
  }
  for (const e of order.exceptions) {
    if (!used.has(e))
      problems.push(
        `${docPath} lists the exception ${e.file} → ${e.target}, which no longer occurs: remove it`,
      );
  }
  return problems;
}

function sourceFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) walk(full);
      else if (/\.(ts|tsx|mts|cts)$/.test(item.name) && !item.name.endsWith('.d.ts')) {
        files.set(path.relative(srcRoot, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
      }
    }
  };
  walk(srcRoot);
  return files;
}

describe('imports keep the layer order of docs/architecture.md', () => {
  const order = parseLayerOrder(readFileSync(path.join(repoRoot, docPath), 'utf8'));

  it('every file in src/ is placed, and every import points down the table', () => {
    expect(layerViolations(order, sourceFiles())).toEqual([]);
  });

  it('an import up the table fails, naming the file, the import and the rule', () => {
    const files = new Map([
      ['recommend/pipeline.ts', "import { TtlCache } from '../http/ttl-cache.js';\n"],
      ['http/ttl-cache.ts', 'export class TtlCache {}\n'],
    ]);
    const problems = layerViolations(order, files).filter((p) => p.startsWith('src/recommend'));
    expect(problems).toEqual([
      `src/recommend/pipeline.ts:1 imports '../http/ttl-cache.js' (infrastructure): "services" may import only ` +
        `upstream clients, domain, core (docs/architecture.md, ## Layers)`,
    ]);
  });

  it('sees dynamic, require and type-only imports as well as static ones', () => {
    const source = [
      "import type { Config } from '../config/load.js';",
      "export { x } from './x.js';",
      "const lazy = () => import('../app/runtime.js');",
      "const sdk = require('openai');",
      "type T = import('../steam/types.js').Tag;",
    ].join('\n');
    expect(importsOf('llm/x.ts', source).map((i) => i.specifier)).toEqual([
      '../config/load.js',
      './x.js',
      '../app/runtime.js',
      'openai',
      '../steam/types.js',
    ]);
  });

  it('a file in no layer fails', () => {
    const problems = layerViolations(order, new Map([['unplaced/thing.ts', '']]));
    expect(problems).toContain(
      `src/unplaced/thing.ts is in no layer of ${docPath}: add its folder to the row it belongs to`,
    );
  });
});
