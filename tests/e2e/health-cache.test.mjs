// The snippets of docs/operators/health-cache.md, run as written in a real nginx and a real
// Varnish: bursts of probes reach the app once per cache period, whether it is down or up.
// Ports and the cache path are the only things replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess } from './support/servers.mjs';

const doc = readFileSync('docs/operators/health-cache.md', 'utf8');
const blocks = (lang) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** An app on `port` that answers 200 and counts what it was asked. */
function startApp(port) {
  const app = `let hits = 0;
require('node:http').createServer((req, res) => { console.log('hit', ++hits); res.end('ok'); })
  .listen(${port}, '127.0.0.1');`;
  return startProcess(process.execPath, ['-e', app], { port });
}
const appHits = (app) => (app.output().match(/^hit/gm) ?? []).length;

/** `rounds` bursts of `size` concurrent probes 0.5 s apart; returns the statuses seen. */
async function bursts(url, rounds = 3, size = 30) {
  const statuses = new Set();
  for (let round = 0; round < rounds; round++) {
    const answers = await Promise.all(Array.from({ length: size }, () => fetch(url, { method: 'HEAD' })));
    for (const answer of answers) statuses.add(answer.status);
    await sleep(500);
  }
  return [...statuses];
}

test('nginx: the documented health cache sends one probe per period to the app', async () => {
  const [httpBlock, location] = blocks('nginx');
  const [port, inner, appPort] = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'explain502-health-nginx-'));
  const log = join(dir, 'access.log');
  const ports = (text) => text.replaceAll('127.0.0.1:8081', `127.0.0.1:${inner}`).replaceAll('127.0.0.1:8080', `127.0.0.1:${appPort}`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((n) => `${n}_temp_path ${join(dir, n)};`).join(' ');
  writeFileSync(join(dir, 'nginx.conf'), `
${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off; worker_processes 1; pid ${join(dir, 'nginx.pid')}; error_log stderr notice;
events { worker_connections 256; }
http {
  ${temp}
  log_format hops '$server_port $request $status';
  access_log ${log} hops;
  ${ports(httpBlock).replace('/var/cache/nginx/health', join(dir, 'health'))}
  server { listen 127.0.0.1:${port}; ${ports(location)} }
}`);
  writeFileSync(log, '');
  const nginx = await startProcess('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { port });
  let app;
  try {
    const url = `http://127.0.0.1:${port}/healthz`;
    const innerHops = () => readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith(`${inner} `)).length;
    assert.deepEqual(await bursts(url), [503]);
    assert.equal(innerHops(), 1, '90 probes while down, one attempt at the app');

    app = await startApp(appPort);
    await sleep(5_200); // the cached "down" expires
    const statuses = await bursts(url);
    assert.ok(statuses.includes(200), `back: ${statuses}`);
    assert.equal(appHits(app), 1, '90 probes while up, one request to the app');
  } finally {
    await app?.stop();
    await nginx.stop();
  }
});

test('Varnish: the documented VCL sends one probe per period to the app', async () => {
  const [vcl] = blocks('vcl');
  const [port, appPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'explain502-health-varnish-'));
  // Counts cache misses for the test; VCL appends a second vcl_deliver to the first.
  writeFileSync(join(dir, 'health.vcl'), `${vcl.replace('.port = "8080"', `.port = "${appPort}"`)}
sub vcl_deliver { set resp.http.X-Test-Hits = obj.hits; }
`);
  const varnish = await startProcess('/usr/sbin/varnishd', ['-F', '-j', 'none', '-a', `127.0.0.1:${port}`,
    '-T', 'none', '-f', join(dir, 'health.vcl'), '-n', join(dir, 'varnish'), '-s', 'malloc,16m'], { port });
  let app;
  try {
    const url = `http://127.0.0.1:${port}/healthz`;
    const misses = async () => {
      const answers = await Promise.all(Array.from({ length: 30 }, () => fetch(url, { method: 'HEAD' })));
      return answers.filter((a) => a.headers.get('x-test-hits') === '0').length;
    };
    assert.equal(await misses(), 1, '30 probes while down, one backend fetch');
    assert.deepEqual(await bursts(url, 2), [503]);

    app = await startApp(appPort);
    await sleep(5_200);
    const statuses = await bursts(url);
    assert.ok(statuses.includes(200), `back: ${statuses}`);
    assert.equal(appHits(app), 1, '90 probes while up, one request to the app');
  } finally {
    await app?.stop();
    await varnish.stop();
  }
});
