import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { callTool, connectClient, TOOL_NAMES } from '../helpers/mcp-clients.js';
import { CARDS_URI, UI_EXTENSION, UI_MIME_TYPE } from '../../src/server/app-ui.js';
import { ROOT, baseEnv, startServerProcess } from '../helpers/server-process.js';

/** What `npm pack` may weigh: the bundle compresses to about half a megabyte. */
const MAX_PACKED_BYTES = 1024 * 1024;
const MAX_UNPACKED_BYTES = 4 * 1024 * 1024;
/** npx and two server starts are slow on a loaded machine; nothing here measures time. */
const SLOW = 60_000;

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: Array<{ path: string }>;
}

let work: string;
let consumer: string;
let packed: PackResult;
let steam: FakeSteam;

// The tarball npm would publish (built from dist/: the test suite builds first), installed the way
// `npx steam-game-mcp` installs it: into an empty folder, from the tarball alone, with no network.
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'npm-package-'));
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  packed = (JSON.parse(out) as PackResult[])[0]!;
  consumer = path.join(work, 'consumer');
  execFileSync('mkdir', [consumer]);
  writeFileSync(path.join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
  execFileSync(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(work, packed.filename)],
    { cwd: consumer, encoding: 'utf8' },
  );
}, 120_000);

beforeAll(async () => {
  steam = await startFakeSteam();
});

afterAll(async () => {
  await steam?.close();
  rmSync(work, { recursive: true, force: true });
});

const steamEnv = () => ({ STEAM_STORE_URL: steam.url, STEAM_API_URL: steam.url, STEAM_RETRIES: '0' });

describe('the npm package', () => {
  it('holds the bundle and docs only, within its size bound', () => {
    const files = packed.files.map((f) => f.path).sort();
    console.info(
      `npm package: ${(packed.size / 1024).toFixed(1)} KiB packed, ` +
        `${(packed.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${files.length} files`,
    );
    expect(packed.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
    expect(packed.unpackedSize).toBeLessThanOrEqual(MAX_UNPACKED_BYTES);
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/main.js',
        'dist/server.js',
        'dist/package.json',
        'dist/ui/game-cards.html', // the MCP Apps game cards, read when a client asks
        'LICENSE',
      ]),
    );
    expect(files).toEqual(expect.arrayContaining(['README.md', 'package.json']));
    for (const file of files) {
      expect(file).toMatch(
        /^(dist\/[\w-]+\.js|dist\/package\.json|dist\/ui\/game-cards\.html|docs\/[\w-]+\.md|[A-Z]+\.md|LICENSE|package\.json)$/,
      );
    }
  });

  it('installs nothing but itself: the bundle needs no dependencies', () => {
    const installed = readdirSync(path.join(consumer, 'node_modules')).filter((n) => !n.startsWith('.'));
    expect(installed).toEqual(['steam-game-mcp']);
  });

  /** A real SDK client on `npx steam-game-mcp` (stdio) in the consumer folder. */
  async function connectInstalled(capabilities: ClientCapabilities = {}): Promise<Client> {
    const client = new Client({ name: 'npm-package-test', version: '1.0.0' }, { capabilities });
    await client.connect(
      new StdioClientTransport({
        command: 'npx',
        args: ['--offline', 'steam-game-mcp'],
        cwd: consumer,
        env: baseEnv(steamEnv()),
        stderr: 'ignore',
      }),
    );
    return client;
  }

  it(
    'a client that declares MCP Apps reads the game cards from the installed package',
    async () => {
      const client = await connectInstalled({
        extensions: { [UI_EXTENSION]: { mimeTypes: [UI_MIME_TYPE] } },
      });
      try {
        const { contents } = await client.readResource({ uri: CARDS_URI });
        expect(contents[0]).toMatchObject({ uri: CARDS_URI, mimeType: UI_MIME_TYPE });
        expect((contents[0] as { text?: string }).text).toMatch(/^<!doctype html>/i);
      } finally {
        await client.close();
      }
    },
    SLOW,
  );

  it(
    '`npx steam-game-mcp` serves MCP over stdio to a real SDK client',
    async () => {
      const client = await connectInstalled();
      try {
        const { tools } = await client.listTools();
        expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(TOOL_NAMES));
        // A tool call loads the lazy services chunk from the installed package, not from this checkout.
        const result = await callTool<{ games: Array<{ name: string }> }>(client, 'search_games', {
          keywords: '黑神话',
          max_results: 3,
        });
        expect(result.games.map((g) => g.name)).toContain('黑神话：悟空');
      } finally {
        await client.close();
      }
    },
    SLOW,
  );

  it(
    '`steam-game-mcp --http` serves SSE and Streamable HTTP',
    async () => {
      const server = await startServerProcess(steamEnv(), {
        cwd: consumer,
        bundle: path.join(consumer, 'node_modules/steam-game-mcp/dist/main.js'),
        args: ['--http'],
      });
      try {
        for (const transport of ['streamable', 'sse'] as const) {
          const conn = await connectClient(transport, { url: server.url });
          try {
            const result = await callTool<{ games: unknown[] }>(conn.client, 'get_top_games', { limit: 2 });
            expect(result.games.length, transport).toBeGreaterThan(0);
          } finally {
            await conn.close();
          }
        }
      } finally {
        expect(await server.stop()).toBe(0);
      }
    },
    SLOW,
  );

  it(
    '`npx steam-game-mcp --help` runs the terminal CLI from the package alone',
    () => {
      const help = execFileSync('npx', ['--offline', 'steam-game-mcp', '--help'], {
        cwd: consumer,
        env: baseEnv(),
        encoding: 'utf8',
      });
      expect(help).toContain('recommend');
      expect(help).toMatch(/[\u4e00-\u9fff]/); // the Chinese half of the help
    },
    SLOW,
  );

  it('run by hand in a terminal, says what it waits for instead of sitting silent', async () => {
    const bin = path.join(consumer, 'node_modules/.bin/steam-game-mcp');
    // script(1) gives the server a pseudo-terminal as stdin, as a person's shell would.
    const tty = spawn('script', ['-qfec', bin, '/dev/null'], {
      env: baseEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no hint within 10 s:\n${output}`)), 10_000);
        tty.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('npx steam-game-mcp --http')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(output).toContain('waiting for a client on stdin');
      expect(output).toContain('正在通过 stdio 等待 MCP 客户端');
    } finally {
      tty.kill('SIGKILL');
    }
  });
});
