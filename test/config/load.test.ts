import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { EnvSchema } from '../../src/config/schema.js';
import { ConfigError } from '../../src/errors.js';
import { VERSION } from '../../src/version.js';

describe('loadConfig', () => {
  it('defaults to stdio (HTTP on 127.0.0.1:8000 when asked), Chinese store text and CNY', () => {
    const config = loadConfig({});
    expect(config.server).toMatchObject({
      host: '127.0.0.1',
      port: 8000,
      transport: 'stdio',
      heartbeatMs: 15_000,
    });
    expect(config.steam).toMatchObject({ language: 'schinese', country: 'CN' });
    expect(config.platform.name).toBe('generic');
    expect(config.logLevel).toBe('info');
    expect(Object.isFrozen(config.server)).toBe(true);
  });

  it('takes the port from FC_SERVER_PORT, then FC_CUSTOM_LISTEN_PORT, then PORT', () => {
    expect(loadConfig({ PORT: '3000' }).server.port).toBe(3000);
    expect(loadConfig({ PORT: '3000', FC_CUSTOM_LISTEN_PORT: '9001' }).server.port).toBe(9001);
    expect(
      loadConfig({ PORT: '3000', FC_CUSTOM_LISTEN_PORT: '9001', FC_SERVER_PORT: '9000' }).server.port,
    ).toBe(9000);
  });

  it('detects Function Compute from its variables', () => {
    const config = loadConfig({
      FC_RUNTIME: 'custom.debian12',
      FC_FUNCTION_NAME: 'f',
      FC_REGION: 'cn-hangzhou',
    });
    expect(config.platform).toEqual({ name: 'aliyun-fc', functionName: 'f', region: 'cn-hangzhou' });
    expect(config.server.host).toBe('0.0.0.0'); // FC's gateway connects from outside the sandbox
  });

  it('HOST wins over the platform default', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).server.host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '127.0.0.1', FC_REGION: 'cn-hangzhou' }).server.host).toBe('127.0.0.1');
  });

  it('--stdio on the command line selects stdio', () => {
    expect(loadConfig({}, ['--stdio']).server.transport).toBe('stdio');
    expect(loadConfig({ MCP_TRANSPORT: 'stdio' }).server.transport).toBe('stdio');
  });

  it('picks the transport: flag, then MCP_TRANSPORT, then http on FC, else stdio (npx)', () => {
    expect(loadConfig({}).server.transport).toBe('stdio');
    expect(loadConfig({}, ['--http']).server.transport).toBe('http');
    expect(loadConfig({ MCP_TRANSPORT: 'stdio' }, ['--http']).server.transport).toBe('http');
    expect(loadConfig({ MCP_TRANSPORT: 'http' }, ['--stdio']).server.transport).toBe('stdio');
    expect(loadConfig({ MCP_TRANSPORT: 'http' }).server.transport).toBe('http');
    expect(loadConfig({ FC_FUNCTION_NAME: 'f' }).server.transport).toBe('http');
    expect(loadConfig({ FC_SERVER_PORT: '9000', MCP_TRANSPORT: 'stdio' }).server.transport).toBe('stdio');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DASHSCOPE_API_KEY: '  ' }).llm.apiKey).toBeUndefined();
  });

  it('reports every bad variable at once, by name', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', STEAM_STORE_URL: 'not a url', SSE_HEARTBEAT_MS: '5', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'STEAM_STORE_URL', 'SSE_HEARTBEAT_MS', 'LOG_LEVEL'])
      expect(problems).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('strips trailing slashes from upstream URLs', () => {
    expect(loadConfig({ STEAM_STORE_URL: 'http://127.0.0.1:9/' }).steam.storeUrl).toBe('http://127.0.0.1:9');
  });
});

describe('wallet settings', () => {
  it('keys are optional; the community URL has a default', () => {
    const { wallet } = loadConfig({});
    expect(wallet).toEqual({
      communityUrl: 'https://steamcommunity.com',
      steamApiKey: undefined,
      itadUrl: 'https://api.isthereanydeal.com',
      itadApiKey: undefined,
      fxRatesCny: undefined,
    });
  });

  it('FX_RATES_CNY: rates per currency and the date they are from', () => {
    const { wallet } = loadConfig({ FX_RATES_CNY: 'usd=7.12, HKD=0.91,JPY=0.047@2026-12-01' });
    expect(wallet.fxRatesCny).toEqual({
      rates: { CNY: 1, USD: 7.12, HKD: 0.91, JPY: 0.047 },
      date: '2026-12-01',
    });
  });

  it.each(['USD=7.1', 'USD=7.1@yesterday', 'USD=-1@2026-12-01', 'USD@2026-12-01', '@2026-12-01'])(
    'FX_RATES_CNY=%j is refused, naming the variable',
    (value) => {
      expect(() => loadConfig({ FX_RATES_CNY: value })).toThrow(/FX_RATES_CNY/);
    },
  );

  it('STEAM_API_KEY must look like a Steam key (32 hex digits)', () => {
    expect(() => loadConfig({ STEAM_API_KEY: 'not-a-key' })).toThrow(ConfigError);
    expect(loadConfig({ STEAM_API_KEY: 'ab'.repeat(16) }).wallet.steamApiKey).toBe('ab'.repeat(16));
  });
});

describe('documentation stays in step with the schema', () => {
  it('.env.example mentions every variable', () => {
    const example = readFileSync('.env.example', 'utf8');
    const missing = Object.keys(EnvSchema.shape).filter((key) => !example.includes(key));
    expect(missing).toEqual([]);
  });

  it('VERSION equals package.json version', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
