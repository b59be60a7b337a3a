// "Explain my log" (dist/site/log.html) in a real Chromium: recorded gateway log lines pasted
// and dropped as a file are read in the browser by the core's wasm (LogSession), nothing leaves
// the page, and a hostile line is shown as text, never as markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { freePort } from './support/servers.mjs';
import { launchChromium, recordRequests, foreignRequests } from './support/browser.mjs';

const SITE = resolve('dist/site');
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };
const LOGS = resolve('tests/fixtures/logs');

let browser, server, origin;

before(async () => {
  assert.ok(existsSync(join(SITE, 'log.html')), 'dist/site/log.html: run `node tools/build.mjs` first');
  const port = await freePort();
  server = createServer((request, response) => {
    const file = join(SITE, decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (!file.startsWith(SITE) || !existsSync(file)) { response.writeHead(404); response.end(); return; }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise((ready) => server.listen(port, '127.0.0.1', ready));
  origin = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('pasted lines: the causes, the upstreams and the lines, as text', async () => {
  const page = await browser.newPage();
  const requests = recordRequests(page);
  await page.goto(`${origin}/log.html`);
  const lines = ['nginx/no-healthy/error.log', 'nginx/refused/error.log', 'nginx/refused/error.log', 'haproxy/timeout/haproxy.log']
    .map((f) => readFileSync(join(LOGS, f), 'utf8')).join('');
  // A line a client could have shaped: its request carries markup.
  const hostile = '2026/12/06 09:05:07 [error] 1#1: *9 connect() failed (111: Connection refused) while connecting to upstream, client: 1.2.3.4, server: , request: "GET /<img src=x onerror=alert(1)> HTTP/1.1", upstream: "http://10.0.0.2:3000/", host: "x"\n';
  await page.fill('#log-text', lines + hostile + 'not a log line\n');
  await page.click('#log-submit');
  await page.getByTestId('log-headline').waitFor();
  const causes = await page.locator('[data-testid=log-causes] li code').allTextContents();
  assert.deepEqual(causes, ['upstream_down', 'upstream_timeout', 'no_healthy_upstream'], 'most first, ties in the contract order');
  assert.match(await page.getByTestId('log-counts').textContent(), /^6 lines read, 5 recognised/);
  assert.match(await page.getByTestId('log-upstreams').textContent(), /127\.0\.0\.1:46167/);
  assert.equal(await page.locator('[data-testid=log-lines] li').count(), 5);
  assert.equal(await page.locator('#log-result img').count(), 0, 'markup from a log line stays text');
  assert.ok((await page.getByTestId('log-lines').textContent()).includes('<img src=x onerror=alert(1)>'));
  assert.ok(await page.locator('[data-testid=log-advice] pre').count() > 0, 'the developer commands');
  assert.deepEqual(foreignRequests(requests, origin), []);
  await page.close();
});

test('an access log pasted with its error log: the access line takes its request\'s cause', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/log.html`);
  // Recorded (nginx 1.22.1, blind round 41): the access log first, as `cat *.log` gives them.
  const [access, error] = ['access.log', 'error.log'].map((f) => readFileSync(join(LOGS, 'nginx/b41-crash-mid', f), 'utf8'));
  await page.fill('#log-text', access + error);
  await page.click('#log-submit');
  await page.getByTestId('log-headline').waitFor();
  const counts = await page.getByTestId('log-counts').textContent();
  assert.match(counts, /5xx access lines read with their request's error line: 1\./);
  assert.doesNotMatch(counts, /name no reason/);
  const lines = await page.locator('[data-testid=log-lines] li p').allTextContents();
  assert.equal(lines.filter((l) => l.includes('access line, read with its error line')).length, 1);
  assert.ok(lines.every((l) => l.includes('upstream_reset')), lines.join(' | '));
  await page.close();
});

test('a dropped file is read in chunks in the browser, nothing uploaded', async () => {
  const page = await browser.newPage();
  const requests = recordRequests(page);
  const sent = [];
  page.on('request', (request) => { if (request.method() !== 'GET' || request.postData()) sent.push(request.url()); });
  await page.goto(`${origin}/log.html`);
  const varnish = readFileSync(join(LOGS, 'varnish/no-healthy/varnishlog'));
  const caddy = readFileSync(join(LOGS, 'caddy/refused/caddy.log'));
  // About 2.5 MB: the page pushes it a megabyte at a time.
  const parts = [];
  for (let size = 0; size < 2_500_000; size += varnish.length + caddy.length) parts.push(varnish, caddy);
  const body = Buffer.concat(parts);
  const before = requests.length;
  await page.setInputFiles('#log-file', { name: 'varnish-and-caddy.log', mimeType: 'text/plain', buffer: body });
  await page.getByTestId('log-headline').waitFor();
  const causes = await page.locator('[data-testid=log-causes] li code').allTextContents();
  assert.ok(causes.includes('no_healthy_upstream') && causes.includes('upstream_down'), String(causes));
  assert.equal(await page.locator('[data-testid=log-lines] li').count(), 200, 'the first 200 recognised lines shown');
  assert.deepEqual(sent, [], 'no request carried the file');
  assert.ok(requests.slice(before).every((url) => !url.includes('varnish-and-caddy')), 'nor named it');
  assert.deepEqual(foreignRequests(requests, origin), []);
  await page.close();
});

test('a rotated log dropped as .gz reads as the plain one; one cut short is read up to there and said', async () => {
  const { gzipSync } = await import('node:zlib');
  const page = await browser.newPage();
  await page.goto(`${origin}/log.html`);
  const plain = readFileSync(join(LOGS, 'nginx/refused/error.log'));
  const counts = async (name, buffer) => {
    await page.evaluate(() => { document.getElementById('log-result').hidden = true; });
    await page.setInputFiles('#log-file', { name, mimeType: 'application/octet-stream', buffer });
    await page.waitForFunction(() => !document.getElementById('log-result').hidden, null, { timeout: 10_000 });
    return {
      counts: await page.getByTestId('log-counts').textContent(),
      causes: await page.locator('[data-testid=log-causes] li code').allTextContents(),
      said: await page.locator('#log-error').textContent(),
    };
  };
  const expected = await counts('error.log', plain);
  assert.deepEqual(expected.causes, ['upstream_down']);
  assert.equal(expected.said, '');
  assert.deepEqual(await counts('error.log.2.gz', gzipSync(plain)), expected);
  // Half of the compressed bytes: what inflated is read, and the page says the file stopped.
  const whole = gzipSync(Buffer.concat([plain, plain, plain]));
  const cut = await counts('error.log.3.gz', whole.subarray(0, whole.length >> 1));
  assert.match(cut.said, /compressed file stops early/);
  await page.close();
});
