import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getMcpConfigForManifest, unpackExtension, type McpbManifestAny } from '@anthropic-ai/mcpb';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { EnvSchema } from '../../src/config/schema.js';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { TOOL_NAMES } from '../helpers/mcp-clients.js';
import { ROOT, baseEnv } from '../helpers/server-process.js';

// The manifest schema published with the MCPB toolchain (@anthropic-ai/mcpb), for the version we declare.
const manifestSchema = readJson(
  path.join(ROOT, 'node_modules/@anthropic-ai/mcpb/dist/mcpb-manifest-v0.3.schema.json'),
) as object;
const committed = readJson(path.join(ROOT, 'deploy/mcpb/manifest.json')) as Manifest;
const pkg = readJson(path.join(ROOT, 'package.json')) as { name: string; version: string };

type Manifest = McpbManifestAny & {
  manifest_version: string;
  user_config: Record<string, { sensitive?: boolean; default?: string }>;
  server: { mcp_config: { env: Record<string, string> } };
  tools?: Array<{ name: string }>;
};

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

const ajv = new Ajv({ strict: false, allErrors: true });
ajvFormats.default(ajv);
const validateManifest = ajv.compile(manifestSchema);

let work: string;
let unpacked: string;
let steam: FakeSteam;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'mcpb-'));
  const out = execFileSync(process.execPath, ['scripts/bundle-mcpb.mjs', '--out', work], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  console.info(out.trim());
  unpacked = path.join(work, 'unpacked');
  const ok = await unpackExtension({
    mcpbPath: path.join(work, `${pkg.name}-${pkg.version}.mcpb`),
    outputDir: unpacked,
    silent: true,
  });
  expect(ok).toBe(true);
  steam = await startFakeSteam();
}, 120_000);

afterAll(async () => {
  await steam?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the desktop bundle (.mcpb)', () => {
  it('its manifest is valid against the MCPB manifest schema', () => {
    expect(committed.manifest_version).toBe('0.3');
    expect(validateManifest(committed), JSON.stringify(validateManifest.errors, null, 2)).toBe(true);
    // The validator really checks: a user_config entry without a title is refused.
    const broken = structuredClone(committed) as unknown as { user_config: Record<string, object> };
    broken.user_config.steam_country = { type: 'string', description: 'no title' };
    expect(validateManifest(broken)).toBe(false);
  });

  it('asks for the DashScope key as a secret and the Steam region/language with the real defaults', () => {
    const { user_config: config, server } = committed;
    expect(config.dashscope_api_key?.sensitive).toBe(true);
    const defaults = loadConfig({});
    expect(config.steam_country?.default).toBe(defaults.steam.country);
    expect(config.steam_language?.default).toBe(defaults.steam.language);
    const known = Object.keys(EnvSchema.shape);
    for (const name of Object.keys(server.mcp_config.env)) expect(known).toContain(name);
  });

  it('holds the manifest (with the package version and the real tools), the bundle and no sources', () => {
    const manifest = readJson(path.join(unpacked, 'manifest.json')) as Manifest;
    expect(validateManifest(manifest), JSON.stringify(validateManifest.errors, null, 2)).toBe(true);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.tools?.map((t) => t.name)).toEqual(expect.arrayContaining(TOOL_NAMES));
    const files = readdirSync(unpacked, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => path.relative(unpacked, path.join(f.parentPath, f.name)))
      .sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'manifest.json',
        'server/main.js',
        'server/ui/game-cards.html',
      ]),
    );
    for (const file of files)
      expect(file).toMatch(
        /^(server\/[\w-]+\.js|server\/package\.json|server\/ui\/game-cards\.html|[\w.]+)$/,
      );
  });

  it('starts as a desktop starts it: stdio, the command and env computed from the user config', async () => {
    const manifest = readJson(path.join(unpacked, 'manifest.json')) as Manifest;
    // The same function MCPB hosts use to turn the manifest and the user's settings into a command.
    const config = await getMcpConfigForManifest({
      manifest,
      extensionPath: unpacked,
      systemDirs: {
        HOME: tmpdir(),
        DATA: tmpdir(),
        DESKTOP: tmpdir(),
        DOCUMENTS: tmpdir(),
        DOWNLOADS: tmpdir(),
      },
      userConfig: { steam_country: 'US', steam_language: 'english' }, // no key: left empty
      pathSeparator: path.sep,
    });
    expect(config?.command).toBe('node');
    expect(config?.env?.DASHSCOPE_API_KEY).toBe(''); // empty means unset, never the literal ${...}
    const client = new Client({ name: 'desktop-like-host', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath, // a desktop runs "node" with its own Node runtime
        args: config!.args,
        cwd: tmpdir(),
        env: {
          ...baseEnv({ STEAM_STORE_URL: steam.url, STEAM_API_URL: steam.url, STEAM_RETRIES: '0' }),
          ...config!.env,
        },
        stderr: 'ignore',
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(TOOL_NAMES));
      const result = await client.callTool({
        name: 'search_games',
        arguments: { keywords: 'Hollow Knight' },
      });
      expect(result.isError ?? false).toBe(false);
      // The user's region and language reached the Steam requests.
      const search = steam.requests.find((r) => r.path.startsWith('/search/results'));
      expect(search?.query.get('cc')).toBe('US');
      expect(search?.query.get('l')).toBe('english');
    } finally {
      await client.close();
    }
  }, 60_000);
});
