import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

/**
 * The MCP conformance suite's prompt and completion scenarios against the bundle's /mcp.
 * The suite needs Node 22: CI provides NODE22_BIN (.ci/run); without it (or Node 22 itself)
 * this is skipped. prompts-get-simple / -with-args / -embedded-resource / -with-image ask for
 * the reference server's test_* prompts, which a product does not ship; prompts.test.ts gets
 * each of this server's prompts instead.
 */
const node22 =
  process.env.NODE22_BIN ??
  (Number(process.versions.node.split('.')[0]) >= 22 ? process.execPath : undefined);
const CONFORMANCE = path.join(ROOT, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const SCENARIOS = ['prompts-list', 'completion-complete'];

// Stateless mode (MCP_STATELESS=1) frames its HTTP itself (stateless-post.ts): it is checked too.
describe.skipIf(!node22).each([
  { mode: 'sessions', env: {} as Record<string, string> },
  { mode: 'stateless', env: { MCP_STATELESS: '1' } },
])('MCP conformance: prompts and completions ($mode)', ({ env }) => {
  let steam: FakeSteam;
  let server: ServerProcess;
  let cwd: string;

  beforeAll(async () => {
    steam = await startFakeSteam();
    server = await startServerProcess({ STEAM_STORE_URL: steam.url, STEAM_API_URL: steam.url, ...env });
    // The suite writes results/ into its working directory.
    cwd = await mkdtemp(path.join(tmpdir(), 'conformance-'));
  });

  afterAll(async () => {
    await server?.stop();
    await steam?.close();
    if (cwd) await rm(cwd, { recursive: true, force: true });
  });

  it.each(SCENARIOS)(
    '%s passes',
    async (scenario) => {
      const { stdout } = await promisify(execFile)(
        node22!,
        [CONFORMANCE, 'server', '--url', `${server.url}/mcp`, '--scenario', scenario],
        { cwd, timeout: 60_000 },
      );
      expect(stdout).toContain(`[${scenario}]`);
      expect(stdout).toMatch(/Passed: (\d+)\/\1, 0 failed/);
    },
    70_000,
  );
});
