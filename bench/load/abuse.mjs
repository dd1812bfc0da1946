// The abuse phase of bench:load (issue 9): one misbehaving client against our server with its
// default per-client budgets, while a well-behaved client (another loopback address, so another
// client) keeps calling a tool. Prints what the abuse cost and whether the other client noticed:
//   unread    an SSE stream that is never read, fed 1 MiB of JSON-RPC batches: RSS growth, statuses,
//             whether the server closed the stream; again with the message budget raised, so the
//             SSE buffer bound alone has to hold (target: ≤ 20 MiB RSS growth)
//   sessions  1,000 GET /sse from one client: statuses (429 past the per-client rate and cap)
//   forwarded 300 GET /sse each with a new X-Forwarded-For: statuses (a forged header is no new client)
//   slow      50 requests whose body trickles: statuses and seconds to the answer (408 at BODY_TIMEOUT_MS)
//   good      p50/p99 of the well-behaved client's tool calls without the abuse and during it
import { Buffer } from 'node:buffer';
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { SseSession } from './sse-client.mjs';
import { HOST } from './util.mjs';

/** The well-behaved client's address: Linux routes all of 127/8 to loopback. */
const GOOD_ADDRESS = '127.0.0.2';
const UNREAD_BYTES = 1_048_576;
const BATCH = 100;
const ONE_CLIENT_SESSIONS = 1_000;
const FORGED_SESSIONS = 300;
const SLOW_BODIES = 50;
/** Under RATE_LIMIT_PER_MINUTE's default (120 tool calls a minute per client). */
const GOOD_INTERVAL_MS = 600;
const GOOD_BASELINE_S = 10;

export async function abusePhase(server, { opt, fake, startServer }) {
  const baseline = await goodClient(server, opt, { seconds: GOOD_BASELINE_S });
  const stop = { now: false };
  const during = goodClient(server, opt, { stop });
  const rssBefore = await server.rss();
  const unread = await unreadStream(server);
  const [sessions, slow] = await Promise.all([
    (async () => ({
      oneClient: await openMany(server, ONE_CLIENT_SESSIONS, () => ({})),
      forged: undefined,
    }))(),
    slowBodies(server),
  ]);
  sessions.forged = await openMany(server, FORGED_SESSIONS, () => ({ 'x-forwarded-for': randomAddress() }));
  stop.now = true;
  const good = await during;
  const rssAfter = await server.rss();
  const alive = server.alive && (await server.healthz()).status === 'ok';

  // The SSE buffer bound on its own: the message budget no longer stops the flood first.
  const raised = await startServer('ours', fake.url, { MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000' });
  let unreadRaised;
  try {
    // Loaded and warm like the first server, so the growth measured is the stream's alone.
    await goodClient(raised, opt, { seconds: 2 });
    await sleep(1_000);
    unreadRaised = await unreadStream(raised);
  } finally {
    await raised.stop();
  }
  return { baseline, good, unread, unreadRaised, sessions, slow, rssBefore, rssAfter, alive };
}

export function printAbuse(r) {
  const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;
  const counts = (m) =>
    Object.entries(m)
      .sort()
      .map(([k, n]) => `${n}× ${k}`)
      .join(', ');
  const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
  const unreadLine = (label, u) =>
    `  ${label}: sent ${(u.sentBytes / 1024).toFixed(0)} KiB in ${u.posts} POSTs (${counts(u.statuses)}); ` +
    `RSS +${mib(u.peakKiB - u.beforeKiB)} at peak (target ≤ 20 MiB); stream closed by the server: ${u.closedByServer ? 'yes' : 'no'}`;
  console.log('\nAbuse (our server, default per-client budgets; one abusive client, one well-behaved)');
  console.log(unreadLine('unread SSE stream, 1 MiB of batches', r.unread));
  console.log(unreadLine('same, message budget raised (SSE buffer bound alone)', r.unreadRaised));
  console.log(`  ${ONE_CLIENT_SESSIONS} sessions opened by one client: ${counts(r.sessions.oneClient)}`);
  console.log(`  ${FORGED_SESSIONS} sessions with a new X-Forwarded-For each: ${counts(r.sessions.forged)}`);
  console.log(
    `  ${SLOW_BODIES} slow bodies: ${counts(r.slow.statuses)}; answered after ${r.slow.minS.toFixed(1)}–${r.slow.maxS.toFixed(1)} s`,
  );
  console.log(
    `  well-behaved client: without abuse ${r.baseline.calls} calls p50 ${ms(r.baseline.p50)} p99 ${ms(r.baseline.p99)} ` +
      `(${r.baseline.failures} failed); during abuse ${r.good.calls} calls p50 ${ms(r.good.p50)} p99 ${ms(r.good.p99)} (${r.good.failures} failed)`,
  );
  console.log(
    `  server RSS ${mib(r.rssBefore)} before the abuse, ${mib(r.rssAfter)} after; healthy afterwards: ${r.alive ? 'yes' : 'NO'}`,
  );
}

/** Calls a tool every GOOD_INTERVAL_MS from its own address; latencies of the answers. */
async function goodClient(server, opt, { seconds, stop }) {
  const session = new SseSession(server, {}, GOOD_ADDRESS);
  const latencies = [];
  let failures = 0;
  await session.open();
  await session.initialize();
  const until = seconds ? performance.now() + seconds * 1000 : Infinity;
  while (performance.now() < until && !stop?.now) {
    const started = performance.now();
    try {
      const { message, at } = await session.request('tools/call', {
        name: 'get_top_games',
        arguments: opt.TOOL_ARGS,
      });
      if (message.result?.isError) failures++;
      else latencies.push(at - started);
    } catch {
      failures++;
    }
    await sleep(Math.max(0, GOOD_INTERVAL_MS - (performance.now() - started)));
  }
  session.close();
  latencies.sort((a, b) => a - b);
  const pick = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { calls: latencies.length + failures, failures, p50: pick(50), p99: pick(99) };
}

/** Opens GET /sse on a raw socket, reads the endpoint frame, then never reads again. */
function openUnreadSse(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, HOST);
    let text = '';
    const state = { socket, closed: false, endpoint: undefined };
    socket.on('connect', () =>
      socket.write(`GET /sse HTTP/1.1\r\nHost: ${HOST}\r\nAccept: text/event-stream\r\n\r\n`),
    );
    socket.on('data', (chunk) => {
      if (state.endpoint) return;
      text += chunk.toString();
      const match = /data: (\/messages\?sessionId=[\w-]+)\n\n/.exec(text);
      if (match) {
        state.endpoint = match[1];
        socket.pause();
        resolve(state);
      }
    });
    socket.on('close', () => {
      state.closed = true;
      if (!state.endpoint)
        reject(new Error(`unread SSE: closed before the endpoint frame: ${text.slice(0, 200)}`));
    });
    socket.on('error', () => {});
  });
}

function post(port, path, body, agent) {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: HOST,
        port,
        method: 'POST',
        path,
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', (error) => resolve(error.code ?? 'error'));
    req.end(body);
  });
}

async function unreadStream(server) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const stream = await openUnreadSse(server.port);
  const beforeKiB = await server.rss();
  let peakKiB = beforeKiB;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakKiB = Math.max(peakKiB, (await server.rss()) ?? 0);
      await sleep(50);
    }
  })();
  const statuses = {};
  const initialize = JSON.stringify({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 'abuse', version: '1' } },
  });
  await post(server.port, stream.endpoint, initialize, agent);
  let sentBytes = 0;
  let posts = 0;
  for (let id = 1; sentBytes < UNREAD_BYTES; id += BATCH) {
    const body = JSON.stringify(
      Array.from({ length: BATCH }, (_, i) => ({ jsonrpc: '2.0', id: id + i, method: 'tools/list' })),
    );
    const status = await post(server.port, stream.endpoint, body, agent);
    statuses[status] = (statuses[status] ?? 0) + 1;
    sentBytes += Buffer.byteLength(body);
    posts++;
  }
  await sleep(1_000); // answers still being written
  sampling = false;
  await sampler;
  // A paused socket may not notice the close: a 404 for the session says the server closed it.
  const closedByServer = stream.closed || Boolean(statuses[404]);
  stream.socket.destroy();
  agent.destroy();
  return { sentBytes, posts, statuses, beforeKiB, peakKiB, closedByServer };
}

/** Opens `count` SSE streams from 127.0.0.1, 50 at a time, holding those accepted until all are tried. */
async function openMany(server, count, headers) {
  const statuses = {};
  const open = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const status = await new Promise((resolve) => {
        const req = http.get({
          host: HOST,
          port: server.port,
          path: '/sse',
          agent: false,
          headers: headers(),
        });
        req.on('response', (res) => {
          if (res.statusCode === 200) open.push(req);
          else res.resume();
          resolve(res.statusCode);
        });
        req.on('error', (error) => resolve(error.code ?? 'error'));
      });
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  for (const req of open) req.destroy();
  return statuses;
}

/** Requests that send headers and the start of a body, then a byte every 2 s. */
async function slowBodies(server) {
  const started = performance.now();
  const answers = await Promise.all(
    Array.from(
      { length: SLOW_BODIES },
      () =>
        new Promise((resolve) => {
          const socket = net.connect(server.port, HOST);
          let text = '';
          let drip;
          socket.on('connect', () => {
            socket.write(
              `POST /mcp HTTP/1.1\r\nHost: ${HOST}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"jsonrpc"`,
            );
            drip = setInterval(() => socket.write(' '), 2_000);
          });
          socket.on('data', (chunk) => (text += chunk.toString()));
          socket.on('error', () => {});
          socket.on('close', () => {
            clearInterval(drip);
            resolve({
              status: /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 'closed',
              s: (performance.now() - started) / 1000,
            });
          });
          setTimeout(() => socket.destroy(), 60_000).unref();
        }),
    ),
  );
  const statuses = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  return { statuses, minS: Math.min(...answers.map((a) => a.s)), maxS: Math.max(...answers.map((a) => a.s)) };
}

function randomAddress() {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `${octet()}.${octet()}.${octet()}.${octet()}`;
}
