// Cold start: spawn → first `event: endpoint` frame on GET /sse, and spawn → tools/list answered,
// for the bundle in dist/ beside a bare Node HTTP server writing the same frame (the floor), in one
// run, alternating, median of RUNS. Also the idle RSS of the server once tools/list was answered.
// Usage: npm run bench:coldstart   (RUNS=15 NODE=/path/to/node to pick the Node binary)
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.RUNS ?? 15);
const NODE = process.env.NODE ?? process.execPath;
const root = path.resolve(import.meta.dirname, '..');
const bundle = path.join(root, 'dist/main.js');

const floorScript = path.join(mkdtempSync(path.join(tmpdir(), 'floor-')), 'floor.cjs');
writeFileSync(
  floorScript,
  `require('node:http').createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive' });
  res.write('event: endpoint\\ndata: /messages?sessionId=' + require('node:crypto').randomUUID() + '\\n\\n');
}).listen(Number(process.env.PORT), '127.0.0.1');\n`,
);

// Machines here set NODE_EXTRA_CA_CERTS, which FC does not: it adds ~40 ms to every Node start.
const env = { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
delete env.NODE_EXTRA_CA_CERTS;

// Below Linux's ephemeral range (32768+), so client sockets never take a port a server needs.
let nextPort = 20_000 + Math.floor(Math.random() * 10_000);

/** GET /sse as soon as the port accepts; resolves with the endpoint path and the open response. */
function firstFrame(port, deadline) {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const req = http.get({ host: '127.0.0.1', port, path: '/sse', agent: false }, (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', function onData(chunk) {
          buf += chunk;
          const m = /event: endpoint\ndata: (\S+)\n\n/.exec(buf);
          if (m) {
            res.off('data', onData);
            resolve({ endpoint: m[1], res, at: performance.now() });
          }
        });
        res.on('end', () => reject(new Error(`stream ended before the endpoint frame (port ${port})`)));
      });
      req.on('error', () =>
        performance.now() > deadline ? reject(new Error('no frame')) : setTimeout(attempt, 1),
      );
    };
    attempt();
  });
}

function post(port, endpoint, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: endpoint, method: 'POST', agent: false },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.setHeader('content-type', 'application/json');
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Initialize + tools/list over the open SSE stream; resolves when the tools/list answer arrives. */
function toolsList(port, { endpoint, res }) {
  return new Promise((resolve, reject) => {
    let buf = '';
    res.on('data', (chunk) => {
      buf += chunk;
      if (buf.includes('"id":2') && buf.includes('"tools"')) resolve(performance.now());
      if (buf.includes('"id":1,') || buf.includes('"id":1}')) {
        if (!buf.includes('initialized-sent')) {
          buf += 'initialized-sent';
          post(port, endpoint, { jsonrpc: '2.0', method: 'notifications/initialized' })
            .then(() => post(port, endpoint, { jsonrpc: '2.0', id: 2, method: 'tools/list' }))
            .catch(reject);
        }
      }
    });
    post(port, endpoint, {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2024-11-05',
        capabilities: {},
        clientInfo: { name: 'bench', version: '1' },
      },
    }).catch(reject);
  });
}

function rssKiB(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function once(script, withTools) {
  const port = nextPort++;
  const t0 = performance.now();
  // --http: the bundle's default is stdio (npx); the floor script ignores it.
  const child = spawn(NODE, [script, '--http'], { env: { ...env, PORT: String(port) }, stdio: 'ignore' });
  const exited = new Promise((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${path.basename(script)} exited with ${code}`))),
  );
  try {
    const frame = await Promise.race([firstFrame(port, t0 + 15_000), exited]);
    const result = { frame: frame.at - t0 };
    if (withTools) {
      result.tools = (await Promise.race([toolsList(port, frame), exited])) - t0;
      await new Promise((r) => setTimeout(r, 1000));
      result.rss = rssKiB(child.pid);
    }
    frame.res.destroy();
    return result;
  } finally {
    exited.catch(() => {});
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const floor = [];
const ours = [];
await once(floorScript, false); // warm the file cache for both
await once(bundle, true);
for (let i = 0; i < RUNS; i++) {
  floor.push(await once(floorScript, false));
  ours.push(await once(bundle, true));
}

rmSync(path.dirname(floorScript), { recursive: true, force: true });

const f = median(floor.map((r) => r.frame));
const o = median(ours.map((r) => r.frame));
const t = median(ours.map((r) => r.tools));
const rss = median(ours.map((r) => r.rss)) / 1024;
const verdict = (ok) => (ok ? 'PASS' : 'MISS');
console.log(
  `cold start, ${RUNS} runs each, median (node ${NODE === process.execPath ? process.version : NODE})`,
);
console.log(`  floor (bare node:http, same frame)  first frame ${f.toFixed(1)} ms`);
console.log(
  `  steam-game-mcp                      first frame ${o.toFixed(1)} ms  = ${(o / f).toFixed(2)}× floor  (target ≤ 1.5×) ${verdict(o / f <= 1.5)}`,
);
console.log(
  `  steam-game-mcp                      tools/list  ${t.toFixed(1)} ms  = ${(t / f).toFixed(2)}× floor  (target ≤ 2×)   ${verdict(t / f <= 2)}`,
);
console.log(
  `  idle RSS after tools/list           ${rss.toFixed(1)} MiB                  (target ≤ 60 MiB) ${verdict(rss <= 60)}`,
);
