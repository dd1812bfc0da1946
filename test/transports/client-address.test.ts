import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../src/transports/client-address.js';

const req = (forwarded: string | string[] | undefined, socket = '10.0.0.5') =>
  ({
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    socket: { remoteAddress: socket },
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('trusts no header by default: the socket address, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(req('203.0.113.9'), 0)).toBe('10.0.0.5');
    expect(clientAddress(req(undefined), 0)).toBe('10.0.0.5');
  });

  it('behind n proxies takes the n-th entry from the right, ignoring what the client prepended', () => {
    expect(clientAddress(req('198.51.100.1'), 1)).toBe('198.51.100.1');
    expect(clientAddress(req('6.6.6.6, 198.51.100.1'), 1)).toBe('198.51.100.1');
    expect(clientAddress(req('6.6.6.6, 198.51.100.1, 172.16.0.2'), 2)).toBe('198.51.100.1');
    expect(clientAddress(req(['6.6.6.6', '198.51.100.1']), 1)).toBe('198.51.100.1');
  });

  it('falls back to the socket without a header, and to the leftmost entry when the chain is short', () => {
    expect(clientAddress(req(undefined), 1)).toBe('10.0.0.5');
    expect(clientAddress(req(' , '), 1)).toBe('10.0.0.5');
    expect(clientAddress(req('198.51.100.1'), 3)).toBe('198.51.100.1');
  });
});
