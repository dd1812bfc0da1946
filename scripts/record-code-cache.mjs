// Runs the freshly built bundle once through a typical session (SSE handshake, tools/list, a tool
// call, /mcp, /metrics) with MCP_CODE_CACHE_RECORD=1; on exit the server writes
// dist/<chunk>.js.v8-<version>.cache for every chunk (compile-only for those the session did not
// load). V8 takes a cache only from its own version: recordCodeCache(node) records with that Node
// binary, so one bundle can carry caches for Node 20 and 22. See src/app/code-cache.ts.
import { spawn, execFileSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

const dist = path.resolve(import.meta.dirname, '../dist');
const closed = 'http://127.0.0.1:9'; // nothing listens: tool calls fail fast, no network needed

/** Records the code cache for `node`; resolves with its V8 version. */
export async function recordCodeCache(node = process.execPath) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    MCP_CODE_CACHE_RECORD: '1',
    STEAM_STORE_URL: closed,
    STEAM_API_URL: closed,
    STEAM_RETRIES: '0',
  };
  const child = spawn(node, [path.join(dist, 'main.js'), '--http'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });

  const port = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stderr.on('data', (chunk) => {
      buffer += chunk;
      const m = /"port":(\d+)[^\n]*"msg":"listening/.exec(buffer);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) while recording:\n${buffer}`)));
  });

  const request = (method, url, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: url, method, headers }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  const json = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const init = (id) => ({
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'record', version: '1' } },
  });

  // Legacy SSE session: read frames until the answers to ids 1..3 have arrived.
  await new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/sse' }, (res) => {
        let buffer = '';
        let started = false;
        res.setEncoding('utf8');
        res.on('data', async (chunk) => {
          buffer += chunk;
          const endpoint = /data: (\/messages\?sessionId=\S+)/.exec(buffer)?.[1];
          if (endpoint && !started) {
            started = true;
            await request('POST', endpoint, init(1), json);
            await request('POST', endpoint, { jsonrpc: '2.0', method: 'notifications/initialized' }, json);
            await request('POST', endpoint, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, json);
            const args = { keywords: 'cache warm-up' };
            await request(
              'POST',
              endpoint,
              {
                jsonrpc: '2.0',
                id: 3,
                method: 'tools/call',
                params: { name: 'search_games', arguments: args },
              },
              json,
            );
          }
          if (buffer.includes('"id":3')) {
            res.destroy();
            resolve();
          }
        });
      })
      .on('error', reject);
  });
  const session = await request('POST', '/mcp', init(1), json);
  await request(
    'POST',
    '/mcp',
    { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    { ...json, 'mcp-session-id': session.headers['mcp-session-id'] },
  );
  await request('GET', '/metrics');
  child.kill('SIGTERM');
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the server exited with ${code} while recording`);
  return execFileSync(node, ['-p', "process.versions.v8.split('-')[0]"], { encoding: 'utf8' }).trim();
}
