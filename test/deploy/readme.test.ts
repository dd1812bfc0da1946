import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ROOT } from '../helpers/server-process.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
};

interface McpServers {
  mcpServers: Record<string, { command?: string; args?: string[]; env?: Record<string, string> }>;
}

/** The README's ```json blocks that configure a client (indented ones in lists included). */
const clientConfigs = [...readme.matchAll(/^( *)```json\n([\s\S]*?)^\1```/gm)]
  .map((m) => JSON.parse(m[2]!) as McpServers)
  .filter((json) => 'mcpServers' in json);

describe('README', () => {
  it('its client snippets are JSON, and the npx ones start this package on stdio', () => {
    const npx = clientConfigs.flatMap((c) => Object.values(c.mcpServers)).filter((s) => s.command === 'npx');
    expect(npx.length).toBeGreaterThanOrEqual(2); // English and Chinese
    for (const server of npx) {
      expect(server.args).toEqual(['-y', pkg.name]); // no flag: stdio, the default off FC
      expect(loadConfig({}, server.args).server.transport).toBe('stdio');
      for (const name of Object.keys(server.env ?? {})) expect(readme).toContain(`\`${name}\``);
    }
    expect(Object.keys(pkg.bin)).toEqual([pkg.name]);
  });

  it('"npm start" serves HTTP, as the two commands promise', () => {
    expect(readme).toMatch(/npm install && npm start +# builds the bundle and serves http:\/\/[\d.]+:8000/);
    const args = pkg.scripts.start!.split(/\s+/).slice(2);
    expect(loadConfig({}, args).server.transport).toBe('http');
  });

  it('every `npm run` script it names exists', () => {
    const named = new Set([...readme.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
    expect(named).toContain('bundle:mcpb');
    for (const script of named) expect(Object.keys(pkg.scripts), script).toContain(script);
  });
});
