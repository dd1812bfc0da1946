import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { checkAccess, corsHeaders } from '../../src/transports/access.js';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const server = (env: Record<string, string>) => loadConfig(env).server;

describe('checkAccess', () => {
  const token = 'a-very-long-secret-token';

  it('requires the bearer token when one is configured', () => {
    const config = server({ MCP_AUTH_TOKEN: token, HOST: '0.0.0.0' });
    expect(checkAccess(req({ host: 'x' }), config)?.status).toBe(401);
    expect(checkAccess(req({ host: 'x', authorization: 'Bearer wrong' }), config)?.status).toBe(401);
    expect(checkAccess(req({ host: 'x', authorization: `Bearer ${token}` }), config)).toBeUndefined();
    expect(checkAccess(req({ host: 'x', authorization: `bearer ${token}` }), config)).toBeUndefined();
  });

  it('lets anyone in when no token is configured', () => {
    expect(checkAccess(req({ host: 'example.com' }), server({ HOST: '0.0.0.0' }))).toBeUndefined();
  });

  it('bound to loopback, refuses foreign Host and Origin (DNS rebinding)', () => {
    const config = server({ HOST: '127.0.0.1' });
    expect(checkAccess(req({ host: '127.0.0.1:8000' }), config)).toBeUndefined();
    expect(
      checkAccess(req({ host: 'localhost:8000', origin: 'http://localhost:3000' }), config),
    ).toBeUndefined();
    expect(checkAccess(req({ host: 'evil.example:8000' }), config)?.status).toBe(403);
    expect(checkAccess(req({ host: 'localhost:8000', origin: 'http://evil.example' }), config)?.status).toBe(
      403,
    );
  });

  it('applies configured allow-lists', () => {
    const config = server({ ALLOWED_HOSTS: 'mcp.example.com', ALLOWED_ORIGINS: 'https://app.example.com' });
    expect(checkAccess(req({ host: 'mcp.example.com' }), config)).toBeUndefined();
    expect(checkAccess(req({ host: 'other.example.com' }), config)?.status).toBe(403);
    expect(
      checkAccess(req({ host: 'mcp.example.com', origin: 'https://evil.example' }), config)?.status,
    ).toBe(403);
  });
});

describe('corsHeaders', () => {
  it('allows only listed origins', () => {
    const config = server({ ALLOWED_ORIGINS: 'https://app.example.com' });
    expect(
      corsHeaders(req({ origin: 'https://app.example.com' }), config)['Access-Control-Allow-Origin'],
    ).toBe('https://app.example.com');
    expect(corsHeaders(req({ origin: 'https://evil.example' }), config)).toEqual({});
    expect(corsHeaders(req({ origin: 'https://app.example.com' }), server({}))).toEqual({});
  });
});
