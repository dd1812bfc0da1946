import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

type Compile = (this: NodeModule, content: string, filename: string) => unknown;

/**
 * Where a chunk's cache for this V8 lives: `<chunk>.js.v8-<version>.cache`. V8 accepts a cache
 * only from its own version, so the bundle may carry one set per Node line (Node 20 and 22).
 */
export function cacheFile(chunk: string): string {
  return `${chunk}.v8-${process.versions.v8.split('-')[0]}.cache`;
}

/**
 * Compiles the bundle's own CommonJS chunks with a V8 code cache made at build time
 * (`cacheFile(chunk)` beside each chunk): V8 then skips most parsing and compiling of the
 * SDK and zod, which dominates the time to the first tools/list. A cache from another V8
 * (another Node version) is rejected by V8 itself and the chunk compiles as usual.
 *
 * With `record`, scripts are kept and `writeCodeCache()` saves their cache after they ran,
 * so functions compiled lazily while serving requests are in it too; chunks that did not load
 * get a compile-only cache.
 */
export function installCodeCache(
  dir: string,
  record: boolean,
): { writeCodeCache(): string[]; rejected: string[] } {
  const proto = Module.prototype as unknown as { _compile: Compile };
  const original = proto._compile;
  const recorded = new Map<string, vm.Script>();
  const rejected: string[] = [];
  proto._compile = function (content, filename) {
    if (path.dirname(filename) !== dir) return original.call(this, content, filename);
    let cachedData: Buffer | undefined;
    try {
      cachedData = record ? undefined : readFileSync(cacheFile(filename));
    } catch {
      // no cache for this chunk: compile normally
    }
    // Node's own loader ignores a leading #! line; the wrapped source must too.
    const source = content.startsWith('#!') ? `//${content}` : content;
    const script = new vm.Script(Module.wrap(source), { filename, cachedData });
    if (script.cachedDataRejected) rejected.push(path.basename(filename));
    if (record) recorded.set(filename, script);
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const require = Module.createRequire(filename);
    return wrapper.call(this.exports, this.exports, require, this, filename, dir);
  };
  return {
    rejected,
    writeCodeCache() {
      for (const [filename, script] of recorded)
        writeFileSync(cacheFile(filename), script.createCachedData());
      // Chunks this run did not load get a compile-only cache (the entry needs none).
      const entry = path.resolve(process.argv[1] ?? '');
      for (const file of readdirSync(dir)) {
        const filename = path.join(dir, file);
        if (!file.endsWith('.js') || filename === entry || recorded.has(filename)) continue;
        const script = new vm.Script(Module.wrap(readFileSync(filename, 'utf8')), { filename });
        writeFileSync(cacheFile(filename), script.createCachedData());
      }
      return [...recorded.keys()].map((f) => path.basename(f));
    },
  };
}
