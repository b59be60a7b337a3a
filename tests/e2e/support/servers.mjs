// Starting and stopping real servers for the e2e tests: loopback only, stopped by pid.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The kernel's ephemeral range: the local ports it hands to outgoing connections. A port taken
 * from it can be taken again while a test has its server stopped (the app "down" then "back"):
 * an outgoing connection of the browser, of nginx or of the test itself, or a connect to the
 * stopped port itself (TCP's simultaneous open connects a socket to itself when the kernel picks
 * the same local port), and the restart then fails with EADDRINUSE (CI, stop 27, Firefox's
 * journey). Ports below the range are never handed out by the kernel.
 */
function ephemeralLow() {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

const bindable = (port) => new Promise((resolve) => {
  const server = createServer();
  server.once('error', () => resolve(false));
  server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
});

// The ports handed out lately: a caller often draws two before binding either (a gateway's
// port, then its admin port), and "nothing listens" holds for both until one starts, so the
// same port must not come back at once (seen: Caddy's admin API drawn on the gateway's own
// port, blind round 48). The last 512 are skipped.
const handedOut = [];

/**
 * A free TCP port on 127.0.0.1 (nothing listens on it once this returns), below the ephemeral
 * range (above): tried at random in 28000 .. range start (above MongoDB's 27017/27018, which the
 * log reader's port rule reads as another protocol's), 64 tries at most; the kernel's pick only if
 * none binds. Never one of the last 512 it returned in this process.
 */
export async function freePort() {
  const low = 28000;
  const high = Math.max(low + 1, ephemeralLow());
  for (let i = 0; i < 64; i += 1) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.includes(port) || !(await bindable(port))) continue;
    handedOut.push(port);
    if (handedOut.length > 512) handedOut.shift();
    return port;
  }
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once 127.0.0.1:port accepts a connection; rejects after `ms`. */
export async function waitForPort(port, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${ms} ms`);
}

/**
 * Spawns a server process and waits for its port. Returns { pid, stop(), output() }.
 * stop() signals the pid and waits for it to exit.
 */
export async function startProcess(command, args, { port, env } = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const handle = {
    pid: child.pid,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(child.pid, signal);
      const timer = setTimeout(() => { try { process.kill(child.pid, 'SIGKILL'); } catch {} }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  if (port) {
    try {
      await Promise.race([
        waitForPort(port),
        exited.then((code) => { throw new Error(`${command} exited (${code}) before listening:\n${output}`); }),
      ]);
    } catch (error) {
      await handle.stop('SIGKILL');
      throw error;
    }
  }
  return handle;
}

/**
 * A real nginx on 127.0.0.1:port with `serverBlock` (the inside of `server { }`) in a
 * scratch prefix. Runs in the foreground so its pid is the master's.
 */
export async function startNginx(port, serverBlock) {
  const prefix = mkdtempSync(join(tmpdir(), 'explain502-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `${name}_temp_path ${join(prefix, name)};`).join('\n  ');
  const config = `
${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log stderr notice;
events { worker_connections 128; }
http {
  access_log off;
  ${temp}
  include /etc/nginx/mime.types;
  server {
    listen 127.0.0.1:${port};
    ${serverBlock}
  }
}`;
  const file = join(prefix, 'nginx.conf');
  writeFileSync(file, config);
  return startProcess('/usr/sbin/nginx', ['-p', prefix, '-c', file], { port });
}
