import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { redactUserinfo } from '../../src/config/problems.js';
import { redactCredentialUrl } from '../../src/observability/logger.js';
import { ConfigError } from '../../src/errors.js';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration problems never print a secret and always say the rule', () => {
  it('a short token: the rule, not the value', () => {
    const message = problemsOf({ MCP_AUTH_TOKEN: 'tiny7q' });
    expect(message).not.toContain('tiny7q');
    expect(message).toContain('MCP_AUTH_TOKEN');
    expect(message).toContain('must be at least 16 characters');
    expect(message).toContain('至少 16 个字符');
    expect(message).not.toContain('Invalid input');
  });

  it('every rule is stated in English and Chinese', () => {
    const message = problemsOf({
      PORT: 'abc',
      SSE_HEARTBEAT_MS: '5',
      CACHE_MAX_ENTRIES: '9999999999',
      MCP_TRANSPORT: 'carrier-pigeon',
      STEAM_COUNTRY: 'CHN',
      STEAM_STORE_URL: 'ftp://store',
    });
    expect(message).toContain('PORT="abc": must be a whole number / 须为整数');
    expect(message).toContain('SSE_HEARTBEAT_MS="5": must be at least 1000 / 不能小于 1000');
    expect(message).toContain('must be at most 1000000 / 不能大于 1000000');
    expect(message).toContain('must be one of: http, stdio / 须为以下之一：http, stdio');
    expect(message).toContain('two-letter country code');
    expect(message).toContain('must be an http:// or https:// URL');
  });

  it('a URL with a password is shown without it', () => {
    const message = problemsOf({ DASHSCOPE_BASE_URL: 'ftp://alice:s3cr3t-pw@proxy.example/v1' });
    expect(message).not.toContain('s3cr3t-pw');
    expect(message).not.toContain('alice');
    expect(message).toContain('ftp://***@proxy.example/v1');
  });

  it('REDIS_URL: a wrong scheme is refused with the rule in both languages, the password never shown', () => {
    for (const url of ['http://:hunter2-pw@r-bp1.redis.rds.aliyuncs.com:6379', 'redis//:hunter2-pw@x/y@z']) {
      const message = problemsOf({ REDIS_URL: url });
      expect(message).toContain('REDIS_URL=');
      expect(message).toContain('must be a redis:// or rediss:// (TLS) URL');
      expect(message).toContain('须为 redis:// 或 rediss://');
      expect(message).not.toContain('hunter2');
    }
    expect(problemsOf({ REDIS_URL: 'http://:hunter2-pw@r-bp1.example:6379', PORT: 'x' })).toContain(
      'http://***@r-bp1.example:6379',
    );
  });

  it('REDIS_URL: redis:// and rediss:// are taken, with the Redis settings beside them', () => {
    const config = loadConfig({ REDIS_URL: 'rediss://default:p%40ss@r-bp1.example:6380/2' });
    expect(config.redis).toEqual({
      url: 'rediss://default:p%40ss@r-bp1.example:6380/2',
      keyPrefix: 'steam-game-mcp',
      commandTimeoutMs: 500,
    });
    expect(loadConfig({}).redis.url).toBeUndefined();
    expect(redactCredentialUrl('redis://:a@b/c:d@host:6379/0')).toBe('redis://***@host:6379/0');
    expect(redactCredentialUrl('redis://host:6379')).toBe('redis://host:6379');
  });

  it('an unresolved Serverless Devs reference is refused, naming the variable', () => {
    const message = problemsOf({
      MCP_AUTH_TOKEN: "${env('MCP_AUTH_TOKEN')}",
      DASHSCOPE_API_KEY: '${env(KEY)}',
    });
    expect(message).toContain('MCP_AUTH_TOKEN: holds an unresolved Serverless Devs reference');
    expect(message).toContain('DASHSCOPE_API_KEY: holds an unresolved');
    expect(message).toContain('未解析');
    expect(message.match(/MCP_AUTH_TOKEN/g)).toHaveLength(1); // not also as "too short"
  });

  it('an API key with a bad value elsewhere is never echoed', () => {
    const key = 'sk-abcdefghijklmnopqrstuvwxyz012345';
    const message = problemsOf({ DASHSCOPE_API_KEY: key, PORT: '-1' });
    expect(message).not.toContain(key);
  });

  it('long values are cut', () => {
    const message = problemsOf({ LLM_MODEL: 'x', PORT: '9'.repeat(500) });
    expect(message.length).toBeLessThan(400);
  });

  it('redactUserinfo leaves URLs without credentials alone', () => {
    expect(redactUserinfo('https://dashscope.aliyuncs.com/v1')).toBe('https://dashscope.aliyuncs.com/v1');
    expect(redactUserinfo('see http://u:p@h:1/x and https://k@y/z')).toBe(
      'see http://***@h:1/x and https://***@y/z',
    );
  });
});
