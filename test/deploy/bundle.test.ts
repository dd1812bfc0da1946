import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFile } from '../../src/app/code-cache.js';
import { lazy } from '../../src/app/lazy.js';
import { ROOT } from '../helpers/server-process.js';

const dist = path.join(ROOT, 'dist');
const chunks = readdirSync(dist).filter((f) => f.endsWith('.js'));

describe('the bundle in dist/', () => {
  it('carries a V8 code cache for this Node for every chunk but the entry', () => {
    const missing = chunks.filter((f) => f !== 'main.js' && !existsSync(cacheFile(path.join(dist, f))));
    expect(missing).toEqual([]);
  });

  // scripts/build.mjs makes each entry of the lazy table (src/app/lazy.ts) its own file.
  it('has the entry and one file per lazily loaded part', () => {
    const parts = Object.keys(lazy).filter((name) => !['v8', 'vm'].includes(name));
    expect(chunks).toEqual(expect.arrayContaining(['main.js', ...parts.map((name) => `${name}.js`)]));
  });

  // The terminal CLI is its own chunk: the server's start path and runtime carry none of it.
  it.each(['main.js', 'server.js', 'runtime.js'])('%s leaves the CLI and its libraries out', (file) => {
    const source = readFileSync(path.join(dist, file), 'utf8');
    expect(chunks).toContain('cli.js');
    for (const marker of ['cli-table3', 'nanospinner', 'parseCommandLine', 'renderResult'])
      expect(source).not.toContain(marker);
  });

  // One non-ASCII character makes V8 keep a whole chunk's source as UTF-16 (scripts/build.mjs).
  it.each(chunks)('%s is pure ASCII, so V8 holds its source in one byte per character', (file) => {
    const source = readFileSync(path.join(dist, file), 'utf8');
    const offending = /[^\p{ASCII}]/u.exec(source);
    expect(offending && source.slice(Math.max(0, offending.index - 40), offending.index + 10)).toBeNull();
  });

  // src/app/code-cache.ts compiles chunks with vm.Script, where import() has no module loader
  // and rejects at run time (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING): every lazy load is a require.
  it.each(chunks)('%s has no import() expression', (file) => {
    const source = readFileSync(path.join(dist, file), 'utf8');
    const found = /(?<![\w$.])import\(\s*"/.exec(source);
    expect(found && source.slice(Math.max(0, found.index - 60), found.index + 30)).toBeNull();
  });
});
