// Small shared pieces of bench:load (and anything else that drives the server over loopback):
// a bounded pool, percentiles, a failure tally, ports, and process RSS/CPU readings from /proc.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';

export const HOST = '127.0.0.1';

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Runs fn(0..total-1) with at most `concurrency` in flight. */
export async function pool(total, concurrency, fn) {
  let next = 0;
  const worker = async () => {
    while (next < total) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, total)) }, worker));
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A tally of failure reasons. */
export class Failures {
  constructor() {
    this.total = 0;
    this.reasons = new Map();
  }
  add(reason) {
    this.total++;
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }
  toString() {
    if (this.total === 0) return '0';
    const parts = [...this.reasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${n}× ${r}`);
    return `${this.total} (${parts.join('; ')})`;
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function procRssKiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
}

/** utime + stime of the whole process (all threads), in microseconds. */
export async function procCpuUs(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
}

export function benchCpuUs() {
  const u = process.cpuUsage();
  return u.user + u.system;
}

export function httpGet(port, urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: HOST, port, path: urlPath, agent: false, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`)),
      );
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export function ulimitN() {
  try {
    return execFileSync('sh', ['-c', 'ulimit -n']).toString().trim();
  } catch {
    return '?';
  }
}
