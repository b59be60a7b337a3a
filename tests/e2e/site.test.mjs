// The static site (dist/site/) in a real Chromium, served from a sub-path by a tiny static server,
// as GitHub Pages would: every page accessible, linked, quiet and first-party; "Explain my
// response" on a recorded nginx 502 and a documented Cloudflare 522; "Is it just me?" against loopback mocks;
// and the budgets (bytes per page, time to the first explanation) printed as diagnostics.
// SCREENSHOT_DIR=/some/dir also saves each page at desktop width and at 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort, startProcess } from './support/servers.mjs';
import { CHROMIUM_ARGS, recordRequests, foreignRequests } from './support/browser.mjs';

const SITE = resolve('dist/site');
const BASE = '/explain502/';
const PAGES = ['', 'check.html', 'visitors.html', 'developers.html', 'explain.html', 'install.html'];
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.zip': 'application/zip',
  '.md': 'text/markdown; charset=utf-8',
};
// A plain static page of about the home page's size: the yardstick for "time to explanation".
const PLAIN = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plain</title></head>
<body><main><h1 id="done">A plain page</h1><p>${'Nothing but text. '.repeat(200)}</p></main></body></html>`;

let browser, siteServer, providerServer, origin, providerOrigin, deadPort;
const providerHits = [];
const budgets = [];

/** A static server for dist/site under BASE; check-config.json points at the loopback mocks. */
function serveSite(port) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const send = (status, type, body) => { response.writeHead(status, { 'content-type': type }); response.end(body); };
    if (path === '/plain.html') return send(200, TYPES['.html'], PLAIN);
    if (!path.startsWith(BASE)) return send(404, 'text/plain', 'not found');
    const rest = path.slice(BASE.length);
    if (rest === 'check-config.json') {
      return send(200, TYPES['.json'], JSON.stringify({
        providers: { isitup: { base: `${providerOrigin}/isitup` }, wayback: { base: providerOrigin }, explain502: { base: './' } },
        timeoutMs: 2000, deadlineMs: 3000,
      }));
    }
    // What `explain502 serve --probe` answers, as a mock: the site calls it by a relative URL.
    if (rest === 'api/check') {
      return send(200, TYPES['.json'], JSON.stringify({
        verdict: 'down_for_everyone', confidence: 0.6, archived: null,
        providers: [{ id: 'explain502', answer: 'down', detail: 'HTTP 502 from the probe server', elapsed_ms: 3 }],
      }));
    }
    let file = join(SITE, rest);
    if (!file.startsWith(SITE)) return send(403, 'text/plain', 'no');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return send(404, 'text/plain', 'not found');
    send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  });
  return new Promise((ready) => server.listen(port, '127.0.0.1', () => ready(server)));
}

/** Mock down-detector providers on another loopback origin (CORS, as the real ones). */
function serveProviders(port) {
  const server = createServer((request, response) => {
    providerHits.push(request.url);
    const url = new URL(request.url, 'http://x');
    const body = url.pathname.startsWith('/wayback')
      ? { url: url.searchParams.get('url'), archived_snapshots: { closest: { available: true, status: '200', timestamp: '20261120101010', url: `http://web.archive.org/web/20261120101010/${url.searchParams.get('url')}` } } }
      : { domain: '127.0.0.1', port: deadPort, status_code: 2, response_ip: '127.0.0.1', response_code: 502, response_time: 0.01 };
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    response.end(JSON.stringify(body));
  });
  return new Promise((ready) => server.listen(port, '127.0.0.1', () => ready(server)));
}

before(async () => {
  const [sitePort, providerPort] = [await freePort(), await freePort()];
  deadPort = await freePort();
  origin = `http://127.0.0.1:${sitePort}`;
  providerOrigin = `http://127.0.0.1:${providerPort}`;
  siteServer = await serveSite(sitePort);
  providerServer = await serveProviders(providerPort);
  // Any host name but loopback fails to resolve: a stray request cannot leave this machine.
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
});

after(async () => {
  await browser?.close();
  siteServer?.close();
  providerServer?.close();
});

/** A page that records its requests, response bytes and console errors. */
async function openPage(context, path) {
  const page = await context.newPage();
  const requests = recordRequests(page);
  const errors = [];
  const bodies = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => bodies.push(response.body().then((b) => b, () => Buffer.alloc(0))));
  const started = Date.now();
  await page.goto(`${origin}${BASE}${path}`, { waitUntil: 'networkidle' });
  const loadMs = Date.now() - started;
  return { page, requests, errors, bodies, loadMs };
}

async function axe(page) {
  await page.addScriptTag({ path: resolve('node_modules/axe-core/axe.min.js') });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const links = new Map(); // page path → [{ href, download, servedBy }]

test('every page: 0 axe violations (light and dark), no console errors, nothing from another origin, fits 360 px', async (t) => {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme });
    for (const path of PAGES) {
      const { page, requests, errors, bodies } = await openPage(context, path);
      assert.deepEqual(await axe(page), [], `${path || 'index'} (${scheme}): axe violations`);
      assert.deepEqual(errors, [], `${path || 'index'}: console errors`);
      assert.deepEqual(foreignRequests(requests, origin), [], `${path || 'index'}: requests to other origins`);
      if (scheme === 'light') {
        const buffers = await Promise.all(bodies);
        const bytes = buffers.reduce((sum, b) => sum + b.length, 0);
        const gzipped = buffers.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0);
        budgets.push(`${(path || 'index.html').padEnd(16)} ${String(requests.length).padStart(2)} requests ${String(bytes).padStart(7)} bytes ${String(gzipped).padStart(6)} gzipped`);
        links.set(path, await page.$$eval('a[href], link[href], script[src]', (nodes) => nodes.map((n) => ({
          href: n.href || n.src, download: n.hasAttribute('download'), servedBy: n.dataset.servedBy ?? null,
        }))));
        await page.setViewportSize({ width: 360, height: 740 });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 360, `${path || 'index'}: ${width} px wide at a 360 px viewport`);
        assert.deepEqual(await axe(page), [], `${path || 'index'} (360 px): axe violations`);
      }
      if (process.env.SCREENSHOT_DIR) {
        const name = (path || 'index.html').replace('.html', '');
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, `${name}-${scheme}-desktop.png`), fullPage: true });
        await page.setViewportSize({ width: 360, height: 740 });
        await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, `${name}-${scheme}-360.png`), fullPage: true });
      }
      await page.close();
    }
    await context.close();
  }
  t.diagnostic('bytes per page at load (uncompressed / gzip -9):');
  for (const line of budgets) t.diagnostic(line);
});

test('no broken internal links (every page, every link, every #fragment)', async () => {
  assert.equal(links.size, PAGES.length, 'the page test ran first');
  const checked = new Map();
  for (const [from, list] of links) {
    for (const { href, servedBy } of list) {
      const url = new URL(href);
      if (url.origin !== origin) continue; // outside links are not followed: loopback only
      // demo/ is answered by `explain502 serve`, not by a static host: its own test below.
      if (servedBy === 'explain502-serve') continue;
      assert.ok(url.pathname.startsWith(BASE), `${from}: ${href} leaves the site's sub-path`);
      const target = url.origin + url.pathname;
      if (!checked.has(target)) checked.set(target, await fetch(target).then(async (r) => ({ status: r.status, text: await r.text() })));
      const { status, text } = checked.get(target);
      assert.equal(status, 200, `${from || 'index'}: ${href} → ${status}`);
      if (url.hash) assert.match(text, new RegExp(`id="${url.hash.slice(1)}"`), `${from || 'index'}: ${href}: no such anchor`);
    }
  }
});

test('without JavaScript every page still reads, with the core\'s headlines in place', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  for (const path of PAGES) {
    const page = await context.newPage();
    await page.goto(`${origin}${BASE}${path}`);
    const text = await page.locator('main').innerText();
    assert.ok(text.length > 600, `${path || 'index'}: only ${text.length} characters without JS`);
    assert.doesNotMatch(text, /\{\{headline/, `${path || 'index'}: an unfilled placeholder`);
    await page.close();
  }
  const home = await context.newPage();
  await home.goto(`${origin}${BASE}`);
  assert.equal((await home.getByTestId('explain502-status').textContent()).trim(), '502');
  await context.close();
});

// Recorded and documented captures (tests/fixtures/<gateway>/<case>/: response.http + expected.json).
const EXPLAIN_FIXTURES = ['nginx/refused', 'cloudflare/522'];
test('"Explain my response" renders the core\'s report for an nginx 502 and a Cloudflare 522', async () => {
  const context = await browser.newContext();
  const { page, requests, errors } = await openPage(context, 'explain.html');
  for (const fixture of EXPLAIN_FIXTURES) {
    const dir = resolve('tests/fixtures', fixture);
    const { request, elapsed_ms: elapsedMs, expect } = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    await page.fill('#raw', readFileSync(join(dir, 'response.http'), 'latin1'));
    await page.selectOption('#method', request.method);
    await page.fill('#url', request.url);
    await page.fill('#seconds', elapsedMs === null ? '' : String(elapsedMs / 1000));
    await page.click('#explain-submit');
    await page.getByTestId('report-headline').waitFor();
    const text = async (id) => (await page.getByTestId(id).textContent()).trim();
    const json = JSON.parse(await text('report-json'));
    assert.equal(await text('report-family'), expect.family, fixture);
    assert.equal(await page.locator('.hops li.failed').getAttribute('data-hop'), expect.failing_hop, fixture);
    assert.ok((await text('report-headline')).length > 10, `${fixture}: a headline from the core`);
    const shownCauses = await page.locator('[data-testid=report-causes] li code').allTextContents();
    assert.deepEqual(shownCauses, json.causes.map((c) => c.id), `${fixture}: every cause shown, in the core's order`);
    assert.deepEqual(await page.locator('[data-testid=report-gateway] code').allTextContents(), [expect.gateway], `${fixture}: the gateway shown`);
    assert.equal(json.gateway.id, expect.gateway, fixture);
    // The fixture says whether the response alone can tell the cause: top 1 if so, else top 2.
    const ranks = expect.cause_is_telling ? 1 : 2;
    assert.ok(shownCauses.slice(0, ranks).includes(expect.cause), `${fixture}: ${expect.cause} in the top ${ranks} of ${shownCauses}`);
    assert.ok(await page.locator('[data-testid=report-developer-advice] pre').count() > 0, `${fixture}: the developer's commands shown`);
  }
  await page.fill('#raw', 'hello, this is not a response');
  await page.click('#explain-submit');
  await page.getByRole('alert').filter({ hasText: 'no status line' }).waitFor();
  assert.equal(await page.locator('#report').isHidden(), true);
  await page.click('[data-example=cloudflare]');
  await page.getByTestId('report-headline').waitFor();
  assert.deepEqual(await axe(page), [], 'explain.html with a report: axe violations');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, origin), []);
  await context.close();
});

test('"For visitors" shows the core\'s own advice for this browser', async () => {
  const context = await browser.newContext({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15' });
  const { page, errors } = await openPage(context, 'visitors.html');
  await page.locator('#for-you').waitFor();
  const advice = await page.getByTestId('visitor-advice').innerText();
  assert.match(advice, /Option/, `Safari on a Mac reloads with Cmd + Option + R: ${advice}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Is it just me?" takes ?url= and asks only the configured loopback providers', async () => {
  const context = await browser.newContext();
  const target = `http://127.0.0.1:${deadPort}/shop`;
  const { page, requests, errors } = await openPage(context, `check.html?url=${encodeURIComponent(target)}`);
  assert.equal(await page.inputValue('#check-url'), target);
  await page.getByTestId('site-verdict').waitFor();
  assert.equal(await page.getByTestId('site-verdict').getAttribute('data-verdict'), 'down_for_everyone');
  assert.ok((await page.getByTestId('site-verdict').textContent()).trim().length > 10, 'the verdict in words');
  assert.ok(providerHits.some((url) => url.startsWith('/isitup/')), 'the isitup mock was asked');
  assert.deepEqual(await page.locator('[data-testid=site-providers] tr td:first-child').allTextContents(), ['isitup', 'wayback', 'explain502']);
  assert.match(await page.getByTestId('site-archived').locator('a').getAttribute('href'), /^http:\/\/web\.archive\.org\/web\/20261120101010\//);
  if (process.env.SCREENSHOT_DIR) {
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, `check-result-${width}.png`), fullPage: true });
    }
  }
  assert.deepEqual(await axe(page), [], 'check.html with its result: axe violations');
  const others = foreignRequests(requests, origin).filter((url) => !url.startsWith(providerOrigin));
  assert.deepEqual(others, [], 'only the site and the configured providers');
  assert.deepEqual(errors, []);
  await context.close();
});

test('budget: time to the first explanation against a plain static page (same run)', async (t) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sample = (path, until) => page.goto(`${origin}${path}`).then(() => page.evaluate(until));
  const rounds = [];
  for (let round = 0; round < 5; round++) {
    const plain = await sample('/plain.html', () => new Promise((done) => requestAnimationFrame(() => done(performance.now()))));
    const widget = await sample(BASE, async () => {
      await customElements.whenDefined('explain-502');
      return performance.now();
    });
    await page.goto(`${origin}${BASE}explain.html`);
    await page.click('[data-example=nginx]');
    await page.getByTestId('report-headline').waitFor();
    const explained = await page.evaluate(() => performance.getEntriesByName('explain502:explained')[0].startTime);
    rounds.push({ plain, widget, explained });
  }
  const median = (key) => rounds.map((r) => r[key]).sort((a, b) => a - b)[2];
  const [plain, widget, explained] = [median('plain'), median('widget'), median('explained')];
  t.diagnostic(`time from navigation, median of 5: plain page painted ${plain.toFixed(0)} ms; `
    + `home widget explained ${widget.toFixed(0)} ms (${(widget / plain).toFixed(2)}×); `
    + `explain.html example explained ${explained.toFixed(0)} ms (${(explained / plain).toFixed(2)}×)`);
  assert.ok(widget < 2000 && explained < 2000, 'explanations within 2 s on loopback');
  await context.close();
});

test('`explain502 serve` answers the home page\'s demo link', async () => {
  const port = await freePort();
  const serve = await startProcess(resolve('target/release/explain502'), ['serve', '--port', String(port), SITE], { port });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.click('a[data-served-by=explain502-serve]');
    await page.getByTestId('demo-app').waitFor();
    await context.close();
  } finally {
    await serve.stop();
  }
});
