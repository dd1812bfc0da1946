import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Built from parts so this file does not match itself. */
const siblingReference = new RegExp(['\\.\\.', 'shared'].join('[\\\\/]'));

/** Files a fresh clone would hold: tracked plus new ones not ignored (so a test fails before its commit). */
function repositoryFiles(): string[] {
  const output = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return output.split('\0').filter((file) => file.length > 0);
}

describe('a fresh clone holds everything it reads', () => {
  it('no file refers to a reference folder beside the checkout', () => {
    const offenders: string[] = [];
    for (const file of repositoryFiles()) {
      let text: string;
      try {
        text = readFileSync(path.join(repoRoot, file), 'utf8');
      } catch {
        continue; // deleted in the work tree but still in the index
      }
      if (siblingReference.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('the pattern catches the forms a path can take', () => {
    const forms = [
      ['..', 'shared', 'steam'].join('/'),
      ['..', '..', 'shared'].join('/'),
      ['..', 'shared'].join('\\'),
    ];
    for (const reference of forms) {
      expect(siblingReference.test(reference)).toBe(true);
    }
    expect(siblingReference.test('@modelcontextprotocol/sdk/shared/transport.js')).toBe(false);
  });
});
