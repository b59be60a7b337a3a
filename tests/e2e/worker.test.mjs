// The probe as a Cloudflare Worker (worker/), run by workerd through npm's miniflare (the
// runtime binary ships inside the npm package), against loopback servers started here. It must
// answer /api/check with the same JSON as the native `explain502 serve --probe` for the same
// targets (timings aside), refuse the same addresses with the same errors, apply the
// rate-limiting binding per client, and say where it ran (`probe.colo`). Private targets are
// allowed only here, through the ALLOW_PRIVATE binding (never set in wrangler.toml).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { Miniflare } from 'miniflare';
import { freePort } from './support/servers.mjs';
import { buildCli, cliPath } from '../../tools/cli.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'worker', 'dist');
const servers = [];
const stops = [];

/** A loopback HTTP server answering every request with `handler`. */
async function listen(handler) {
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return server.address().port;
}

/** `explain502 serve --probe …` on a free loopback port (stopped by pid). */
async function nativeProbe(flags) {
  const site = mkdtempSync(join(tmpdir(), 'explain502-worker-site-'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>site</title>');
  const child = spawn(cliPath,
    ['serve', '--port', '0', '--probe', '--burst', '1000', ...flags, site], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const port = Number(line.match(/127\.0\.0\.1:(\d+)/)[1]);
  stops.push(() => { child.stdout.destroy(); process.kill(child.pid); });
  return (target) => ask(`http://127.0.0.1:${port}`, target, fetch);
}

async function workerProbe(bindings, limit = 1000) {
  const mf = new Miniflare({
    modulesRoot: dist,
    modules: [
      { type: 'ESModule', path: join(dist, 'index.js') },
      { type: 'ESModule', path: join(dist, 'pkg', 'explain502.js') },
      { type: 'CompiledWasm', path: join(dist, 'pkg', 'explain502_bg.wasm') },
    ],
    compatibilityDate: '2026-07-01',
    bindings,
    ratelimits: { LIMITER: { namespace_id: '1019', simple: { limit, period: 60 } } },
    cf: { colo: 'TST' },
  });
  stops.push(() => mf.dispose());
  await mf.ready;
  return (target, client = '192.0.2.7') => ask('http://probe.example', target,
    (url) => mf.dispatchFetch(url, { headers: { 'CF-Connecting-IP': client } }));
}

async function ask(base, target, get) {
  const response = await get(`${base}/api/check?url=${encodeURIComponent(target)}`);
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text), cors: response.headers.get('access-control-allow-origin') };
}

/** The answer without its timings (and the Worker's colo), for comparison. */
function timeless(value) {
  if (Array.isArray(value)) return value.map(timeless);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value)
      .filter(([key]) => key !== 'elapsed_ms' && key !== 'colo')
      .map(([key, v]) => [key, timeless(v)]));
  }
  return value;
}

let targets;
let ports;

before(async () => {
  buildCli();
  execFileSync('node', [join(root, 'worker', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  const nginx502 = readFileSync(join(root, 'tests/fixtures/nginx/closed/response.http'), 'latin1');
  const up = await listen((req, res) => { res.writeHead(200, { Server: 'tiny' }); res.end('ok'); });
  const gateway = await listen((req, res) => {
    // The body and headers of a real nginx 502 (tests/fixtures/nginx/).
    const [head, body] = nginx502.split('\r\n\r\n');
    res.writeHead(502, { Server: head.match(/^Server: (.*)$/mi)?.[1] ?? 'nginx', 'Content-Type': 'text/html' });
    res.end(body);
  });
  const unavailable = await listen((req, res) => { res.writeHead(503, { 'Retry-After': '120' }); res.end('maintenance'); });
  const missing = await listen((req, res) => { res.writeHead(404); res.end('no such page'); });
  const hops = await listen((req, res) => {
    const n = Number(new URL(req.url, 'http://x').searchParams.get('n') ?? 0);
    res.writeHead(n < 2 ? 302 : 200, n < 2 ? { Location: `/?n=${n + 1}` } : {});
    res.end(n < 2 ? '' : 'arrived');
  });
  const looping = await listen((req, res) => { res.writeHead(302, { Location: '/again' }); res.end(); });
  const closed = await freePort();
  ports = [up, gateway, unavailable, missing, hops, looping, closed];
  targets = {
    up: `http://127.0.0.1:${up}/`,
    gateway: `http://127.0.0.1:${gateway}/shop`,
    unavailable: `http://127.0.0.1:${unavailable}/`,
    missing: `http://127.0.0.1:${missing}/nope`,
    redirected: `http://127.0.0.1:${hops}/`,
    looping: `http://127.0.0.1:${looping}/`,
    closed: `http://127.0.0.1:${closed}/`,
  };
});

after(async () => {
  for (const stop of stops) await Promise.resolve().then(stop).catch(() => {});
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

test('the Worker answers the same JSON as the native server for the same loopback targets', async () => {
  const allowPorts = ports.flatMap((p) => ['--allow-port', String(p)]);
  const native = await nativeProbe(['--allow-private', ...allowPorts]);
  const worker = await workerProbe({ ALLOW_PRIVATE: '1', ALLOW_PORTS: ports.join(',') });
  for (const [name, target] of Object.entries(targets)) {
    const [n, w] = [await native(target), await worker(target)];
    assert.equal(w.status, n.status, `${name}: status`);
    assert.equal(w.cors, '*');
    assert.deepEqual(timeless(w.json), timeless(n.json), `${name}: same JSON`);
    assert.equal(w.json.probe.colo, 'TST', `${name}: says where it ran`);
  }
  const gateway = await worker(targets.gateway);
  assert.equal(gateway.json.verdict, 'down_for_everyone');
  assert.equal(gateway.json.probe.report.family, 'bad_gateway');
  assert.equal((await worker(targets.looping)).json.probe.redirects, 5);
});

test('the Worker refuses the same addresses as the native server, with the same errors', async () => {
  const native = await nativeProbe([]);
  const worker = await workerProbe({});
  const refused = [
    'http://127.0.0.1/', 'http://localhost/', 'http://[::1]/', 'http://0x7f000001/', 'http://2130706433/',
    'http://0177.0.0.1/', 'http://127.1/', 'http://[::ffff:127.0.0.1]/', 'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/', 'http://10.0.0.1/', 'http://192.168.1.1/', 'http://100.64.0.1/', 'http://0.0.0.0/',
    'http://[64:ff9b:1:7f00:0:100:808:808]/', 'http://[2002:7f00:1::]/', 'http://[2001:0:4136:e378:8000:63bf:3f57:fdf2]/',
    'http://192.88.99.1/', 'http://metadata.google.internal/', 'http://printer.local/',
    'http://user:secret@example.com/', 'http://example.com:8080/', 'http://8.8.8.8:22/', 'http://1.2.3.08/',
    'http://0999999999999999999/', 'file:///etc/passwd', 'ftp://example.com/', 'not a url', `${targets.up}`,
    'http://probe.example/api/check',
  ];
  for (const target of refused) {
    const [n, w] = [await native(target), await worker(target)];
    if (target.includes('probe.example')) {
      // The Worker's own host name: refused by the Worker (the native server is not that host).
      assert.equal(w.status, 400);
      assert.match(w.json.error, /is this probe itself/);
      continue;
    }
    assert.equal(n.status, 400, `${target}: native refuses (${JSON.stringify(n.json)})`);
    assert.equal(w.status, n.status, `${target}: status`);
    assert.deepEqual(w.json, n.json, `${target}: same error`);
  }
});

test('the Worker limits each client with the rate-limiting binding', async () => {
  const worker = await workerProbe({}, 3);
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await worker('http://127.0.0.1/', '198.51.100.9')).status);
  assert.deepEqual(statuses, [400, 400, 400, 429, 429]);
  const limited = await worker('http://127.0.0.1/', '198.51.100.9');
  assert.equal(limited.json.error, 'too many checks from this address: wait a minute');
  // Another client, and the same IPv6 /64 counted as one.
  assert.equal((await worker('http://127.0.0.1/', '198.51.100.10')).status, 400);
  for (let i = 0; i < 3; i++) await worker('http://127.0.0.1/', `2001:db8:1:2::${i + 1}`);
  assert.equal((await worker('http://127.0.0.1/', '2001:db8:1:2::ff')).status, 429);
});
