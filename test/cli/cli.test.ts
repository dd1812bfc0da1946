import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/spec.js';
import { fixedLatency, startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { FAKE_GAMES } from '../helpers/fake-steam-games.js';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { BULK_GAMES, fakeUserRoutes } from '../helpers/fake-steam-users.js';
import { BUNDLE } from '../helpers/server-process.js';

/** The bundle's CLI, against the fake Steam store and model, configured as a user would. */
let steam: FakeSteam;
let llm: FakeLlm;
let cwd: string;
const env = () => ({
  PATH: process.env.PATH ?? '',
  HOME: cwd,
  STEAM_STORE_URL: steam.url,
  STEAM_API_URL: steam.url,
  STEAM_COMMUNITY_URL: steam.url,
  STEAM_RETRIES: '0',
  DASHSCOPE_BASE_URL: llm.baseUrl,
  DASHSCOPE_API_KEY: 'sk-test-secret-key-0123456789',
  LLM_MODEL: 'qwen3-test',
});

beforeAll(async () => {
  steam = await startFakeSteam({ games: [...FAKE_GAMES, ...BULK_GAMES], routes: fakeUserRoutes() });
  // Slow enough answers that the spinner's stages can be seen on the terminal.
  llm = await startFakeLlm({ responder: fixedLatency(800) });
  // Its own folder: no .env of the developer's is read.
  cwd = await mkdtemp(path.join(tmpdir(), 'cli-test-'));
});

afterAll(async () => {
  await steam?.close();
  await llm?.close();
  if (cwd) await rm(cwd, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Without a terminal: stdout and stderr are pipes. */
async function run(args: string[], extra: Record<string, string> = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BUNDLE, ...args], {
      cwd,
      env: { ...env(), ...extra },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: unknown; stdout: string; stderr: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the CLI without a terminal', () => {
  it('search --json prints the tool result as JSON, with no spinner and no colours', async () => {
    const { code, stdout, stderr } = await run(['search', '艾尔登法环', '--max', '3', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout) as { success: boolean; games: { name: string }[] };
    expect(result.success).toBe(true);
    expect(result.games.map((g) => g.name)).toContain('艾尔登法环');
    expect(result.games.length).toBeLessThanOrEqual(3);
    expect(stdout).not.toContain('\u001b[');
  });

  it('deals, free, top and details --json call their tools with the flags as arguments', async () => {
    const deals = JSON.parse((await run(['deals', '--min-discount', '50', '--json'])).stdout) as {
      games: { discount: number }[];
    };
    expect(deals.games.length).toBeGreaterThan(0);
    expect(deals.games.every((g) => g.discount >= 50)).toBe(true);

    const free = JSON.parse((await run(['free', '--tags', '射击,多人', '--json'])).stdout) as {
      tags_filter: string[];
      games: { is_free: boolean }[];
    };
    expect(free.tags_filter).toEqual(['射击', '多人']);
    expect(free.games.every((g) => g.is_free)).toBe(true);

    const top = JSON.parse((await run(['top', 'popularnew', '--max', '2', '--json'])).stdout) as {
      filter_type: string;
      games: { rank: number }[];
    };
    expect(top.filter_type).toBe('popularnew');
    expect(top.games.map((g) => g.rank)).toEqual([1, 2]);

    const details = JSON.parse((await run(['details', '1245620', '--json'])).stdout) as {
      details: { name: string; app_id: string };
    };
    expect(details.details).toMatchObject({ app_id: '1245620', name: '艾尔登法环' });
  });

  it('prints a table when not asked for JSON, still without colours', async () => {
    const { code, stdout } = await run(['search', '艾尔登法环']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/┌.*┐/);
    expect(stdout).toContain('艾尔登法环');
    expect(stdout).not.toContain('\u001b[');
  });

  it('exits 1 on a tool error, with the bilingual message (JSON with --json)', async () => {
    const plain = await run(['details', '这个游戏不存在xyz']);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('未找到');
    const json = await run(['details', '这个游戏不存在xyz', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      success: false,
      error: expect.stringContaining('No Steam game') as unknown,
    });
  });

  it('exits 2 on usage errors: a missing word, an unknown flag, an argument out of range, bad config', async () => {
    const missing = await run(['search']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing 关键词 keywords.*缺少参数/);
    const flag = await run(['search', 'rpg', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--bogus'");
    const range = await run(['top', '--max', '500']);
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/max_results/);
    const config = await run(['search', 'rpg'], { STEAM_TIMEOUT_MS: 'soon' });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('STEAM_TIMEOUT_MS');
  });

  it('verdict and regions: the price tools, as tables and as JSON', async () => {
    const verdict = JSON.parse((await run(['verdict', '艾尔登法环', '--json'])).stdout) as {
      verdict: string;
      price: number;
    };
    expect(verdict).toMatchObject({ verdict: '近期低价', price: 178.8 });
    const verdictTable = await run(['verdict', '1245620']);
    expect(verdictTable.code).toBe(0);
    expect(verdictTable.stdout).toMatch(/结论 Verdict\s*│ 近期低价/);

    const regions = await run(['regions', '1245620', '--regions', 'cn,HK']);
    expect(regions.code).toBe(0);
    expect(regions.stdout).toMatch(/│ CN .*¥\s?178\.8/);
    expect(regions.stdout).toMatch(/│ HK .*-40%/);
    const json = JSON.parse((await run(['regions', '1245620', '--regions', 'cn,HK', '--json'])).stdout) as {
      prices: { region: string; currency: string }[];
    };
    expect(json.prices.map((p) => [p.region, p.currency])).toEqual([
      ['CN', 'CNY'],
      ['HK', 'HKD'],
    ]);
    expect(regions.stdout).toContain("may break Steam's rules");
  });

  it("wishlist: a public wishlist's deals as a table", async () => {
    const { code, stdout } = await run(['wishlist', 'dealhunter', '--min-discount', '30']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/│ 3 │ 艾尔登法环\s+│ ¥178\.8 -40%/);
    expect(stdout).toContain('共找到 3 款 · 3 found');
    expect(stdout).not.toContain('黑神话：悟空'); // full price: below --min-discount
  });

  it('reads --env-file, never a .env in the working directory', async () => {
    await writeFile(path.join(cwd, '.env'), 'STEAM_TIMEOUT_MS=soon\n');
    try {
      expect((await run(['top', '--max', '1', '--json'])).code).toBe(0);
      const named = await run(['top', '--env-file', path.join(cwd, '.env')]);
      expect(named.code).toBe(2);
      expect(named.stderr).toContain('STEAM_TIMEOUT_MS');
      const missing = await run(['top', '--env-file', path.join(cwd, 'nope.env')]);
      // Node 20 itself reads a --env-file anywhere on its command line, and refuses a missing one.
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('nope.env');
    } finally {
      await rm(path.join(cwd, '.env'));
    }
  });

  it('--help in Chinese and English, for the CLI and for each command', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法 Usage');
    for (const c of COMMANDS) {
      expect(help.stdout).toContain(`  ${c.name} `);
      const own = await run([c.name, '--help']);
      expect(own.stdout).toContain(c.summary.zh);
      expect(own.stdout).toContain(c.summary.en);
    }
  });
});

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasTmux)('the CLI on a terminal (tmux)', () => {
  const socket = `steam-cli-test-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
  });

  /** Runs the CLI in a 120×50 terminal; resolves with every distinct screen until it exits. */
  async function onTerminal(name: string, args: string[], extra: Record<string, string> = {}) {
    const vars = Object.entries({ ...env(), TERM: 'xterm-256color', ...extra }).map(([k, v]) => `${k}=${v}`);
    const command = [process.execPath, BUNDLE, ...args].map(quote).join(' ');
    const script = `env -i ${vars.map(quote).join(' ')} ${command}; echo "EXIT:$?"; sleep 30`;
    tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '50', '-c', cwd, script);
    const screens: string[] = [];
    try {
      for (let i = 0; i < 300; i++) {
        const screen = tmux('capture-pane', '-p', '-e', '-t', name);
        if (screens.at(-1) !== screen) screens.push(screen);
        if (/EXIT:\d/.test(screen)) break;
        await sleep(50);
      }
    } finally {
      tmux('kill-session', '-t', name);
    }
    return screens;
  }

  const tableRows = (s: string) => s.split('\n').filter((l) => /^[┌│├└]/.test(l));

  it('recommend shows a spinner through the stages, then a coloured table with CJK-aligned columns', async () => {
    const screens = await onTerminal('recommend', ['recommend', '推荐一些开放世界RPG，100元以内']);
    const plain = screens.map((s) => stripVTControlCharacters(s));
    const last = plain.at(-1)!;
    expect(last).toContain('EXIT:0');
    // The spinner showed the stages as they happened (the fake model takes 0.8 s per call).
    expect(plain.some((s) => s.includes('正在分析需求'))).toBe(true);
    expect(plain.some((s) => /正在为 \d+ 款游戏评分/.test(s))).toBe(true);
    expect(last).toContain('完成 / done');
    expect(last).toContain('推荐理由 Why');
    expect(screens.at(-1)).toContain('\u001b[');
    // CJK-aware widths: every line of the table is as wide on screen as its top border.
    const rows = tableRows(last);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(displayWidth(row)).toBe(displayWidth(rows[0]!));
  }, 30_000);

  it('respects NO_COLOR', async () => {
    const screens = await onTerminal('nocolor', ['search', '艾尔登法环'], { NO_COLOR: '1' });
    const last = screens.at(-1)!;
    expect(last).toContain('EXIT:0');
    const table = tableRows(last);
    expect(table.join('\n')).toContain('艾尔登法环');
    expect(table.join('\n')).not.toContain('\u001b[');
  }, 30_000);
});

/** Columns a line takes on a terminal: CJK and full-width forms take two. */
function displayWidth(line: string): number {
  let width = 0;
  for (const ch of line.trimEnd())
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return width;
}
