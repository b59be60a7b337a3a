// The static site (dist/site/) in a real Chromium, as a visitor and a static host would have it.
// The crawl: from the home page, every linked page of dist/site/ served as plain files (gzip'd, as
// GitHub Pages or any static host serves them) by a tiny static server, from a sub-path and
// from the domain root, no other route: each page HTML with 0 axe violations in light and dark,
// no console error, no failed or third-party request, no link to a missing file or #anchor, no
// page that navigates by itself; the home page's weight before any interaction. Then "Explain
// my response" on a recorded nginx 502 and a documented Cloudflare 522; "Is it just me?"
// against loopback mocks; the demo under `explain502 serve`; the sitemap with SITE_URL.
// SCREENSHOT_DIR=/some/dir also saves the home page and a guide, light and dark, desktop and 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, existsSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cliPath } from '../../tools/cli.mjs';
import { chromium } from 'playwright-core';
import { freePort, startProcess } from './support/servers.mjs';
import { CHROMIUM_ARGS, recordRequests, foreignRequests } from './support/browser.mjs';

const SITE = resolve('dist/site');
const BASE = '/explain502/';
const PAGES = ['', 'check.html', 'visitors.html', 'developers.html', 'explain.html', 'install.html'];
const HOME_BUDGET = 15_000; // bytes on the wire (gzip), home page, before any interaction
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.zip': 'application/zip',
  '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml', '.png': 'image/png',
};
// A plain static page of about the home page's size: the yardstick for "time to explanation".
const PLAIN = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plain</title></head>
<body><main><h1 id="done">A plain page</h1><p>${'Nothing but text. '.repeat(200)}</p></main></body></html>`;

let browser, siteServer, staticServer, rootServer, providerServer, origin, staticOrigin, rootOrigin, providerOrigin, deadPort;
const providerHits = [];

/** dist/site's file for a URL path under `base` (a folder gives its index.html), or null. */
function siteFile(path, base) {
  if (!path.startsWith(base)) return null;
  let file = join(SITE, path.slice(base.length));
  if (!file.startsWith(SITE)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return existsSync(file) ? file : null;
}

/** Sends a file as a static host does: its type by extension, gzip -9 when the browser takes it. */
function sendFile(request, response, file) {
  let body = readFileSync(file);
  const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
  if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '') && !/\.(zip|png)$/.test(file)) {
    body = gzipSync(body, { level: 9 });
    headers['content-encoding'] = 'gzip';
  }
  response.writeHead(200, headers);
  response.end(body);
}

/** A plain static server: dist/site under `base` and nothing else (404 for anything not a file). */
function serveStatic(port, base) {
  const server = createServer((request, response) => {
    const file = siteFile(decodeURIComponent(new URL(request.url, 'http://x').pathname), base);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      return response.end('not found');
    }
    sendFile(request, response, file);
  });
  return new Promise((ready) => server.listen(port, '127.0.0.1', () => ready(server)));
}

/**
 * The site under BASE for the pages' own tests: check-config.json points at the loopback
 * mocks, api/check answers as `explain502 serve --probe` would, and /plain.html and
 * /eager-widget.html are the yardsticks (a plain page; the widget loaded at once).
 */
function serveSite(port) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const send = (status, type, body) => { response.writeHead(status, { 'content-type': type }); response.end(body); };
    if (path === '/plain.html') return send(200, TYPES['.html'], PLAIN);
    if (path === '/eager-widget.html') {
      return send(200, TYPES['.html'], `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>eager</title>
<link rel="stylesheet" href="${BASE}widget/explain502.css"><script type="module" src="${BASE}widget/explain502.js"></script></head>
<body><main><explain-502 status="502" retry="off"></explain-502></main></body></html>`);
    }
    const rest = path.slice(BASE.length);
    if (path.startsWith(BASE) && rest === 'check-config.json') {
      return send(200, TYPES['.json'], JSON.stringify({
        providers: { isitup: { base: `${providerOrigin}/isitup` }, wayback: { base: providerOrigin }, explain502: { base: './' } },
        timeoutMs: 2000, deadlineMs: 3000,
      }));
    }
    if (path.startsWith(BASE) && rest === 'api/check') {
      return send(200, TYPES['.json'], JSON.stringify({
        verdict: 'down_for_everyone', confidence: 0.6, archived: null,
        providers: [{ id: 'explain502', answer: 'down', detail: 'HTTP 502 from the probe server', elapsed_ms: 3 }],
      }));
    }
    const file = siteFile(path, BASE);
    if (!file) return send(404, 'text/plain', 'not found');
    sendFile(request, response, file);
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
  const [sitePort, staticPort, rootPort, providerPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  deadPort = await freePort();
  origin = `http://127.0.0.1:${sitePort}`;
  staticOrigin = `http://127.0.0.1:${staticPort}`;
  rootOrigin = `http://127.0.0.1:${rootPort}`;
  providerOrigin = `http://127.0.0.1:${providerPort}`;
  siteServer = await serveSite(sitePort);
  staticServer = await serveStatic(staticPort, BASE);
  rootServer = await serveStatic(rootPort, '/');
  providerServer = await serveProviders(providerPort);
  // Any host name but loopback fails to resolve: a stray request cannot leave this machine.
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
});

after(async () => {
  await browser?.close();
  for (const server of [siteServer, staticServer, rootServer, providerServer]) server?.close();
});

/** A page that records its requests, failed responses, console errors and its own navigations. */
async function openPage(context, url) {
  const page = await context.newPage();
  const requests = recordRequests(page);
  const errors = [];
  const failed = [];
  const record = { page, requests, errors, failed, navigations: 0, openedAt: Date.now() };
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => { if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`); });
  page.on('requestfailed', (request) => failed.push(`${request.failure()?.errorText} ${request.url()}`));
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) record.navigations++; });
  // 'load', then the network quiet for 0.5 s or 3 s at most (a page that keeps fetching fails elsewhere).
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
  return record;
}

async function axe(page) {
  await page.addScriptTag({ path: resolve('node_modules/axe-core/axe.min.js') });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every link, stylesheet, script, image and GET form target of the page, resolved. */
const linksOf = (page) => page.$$eval('a[href], link[href], script[src], img[src], form[action]', (nodes) => nodes
  .filter((n) => n.localName !== 'form' || n.method === 'get')
  .map((n) => ({ href: n.href || n.src || n.action, download: n.hasAttribute('download') })));

/**
 * Crawls the site from `start` (a static server's base URL): every same-origin link must stay
 * under the base and answer 200 with its #fragment present; every HTML page is opened in the
 * browser (its checks: quiet, first-party, light and dark axe when `withAxe`). Pages stay open:
 * at the end, each has had 5 s or more to navigate by itself, and none may have.
 */
async function crawl(start, { withAxe, t }) {
  const base = new URL(start);
  const context = await browser.newContext();
  const queue = [start];
  const seen = new Set(queue);
  const fetched = new Map();
  const opened = [];
  const report = [];
  let linkCount = 0;
  let external = 0;
  const fetchOnce = (url) => {
    if (!fetched.has(url)) fetched.set(url, fetch(url).then(async (r) => ({ status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() })));
    return fetched.get(url);
  };
  while (queue.length) {
    const url = queue.shift();
    const name = url.slice(start.length) || 'index';
    const record = await openPage(context, url);
    opened.push({ name, record });
    await checkPage(name, record);
  }
  const settle = opened.at(-1).record.openedAt + 5000 - Date.now();
  if (settle > 0) await new Promise((r) => setTimeout(r, settle));
  for (const { name, record } of opened) {
    assert.equal(record.navigations, 1, `${name}: navigated by itself to ${record.page.url()}`);
    assert.deepEqual(record.errors, [], `${name}: console errors (after 5 s)`);
  }
  await context.close();
  t.diagnostic(`${start}: ${opened.length} pages, ${linkCount} links (${external} to other sites, not followed), ${fetched.size} distinct files fetched`);
  for (const line of report) t.diagnostic(line);
  return { pages: opened.map((o) => o.name), links: linkCount };

  /** One page's checks; a page that navigates away under them fails as such. */
  async function checkPage(name, record) {
    try {
      await checkPageOnce(name, record);
    } catch (error) {
      if (record.navigations > 1) assert.fail(`${name}: navigated by itself to ${record.page.url()}`);
      throw error;
    }
  }

  async function checkPageOnce(name, record) {
    const { page } = record;
    assert.match(await page.evaluate(() => document.contentType), /html/, `${name}: not an HTML page`);
    const facts = await page.evaluate(() => ({
      title: document.title, lang: document.documentElement.lang, mains: document.querySelectorAll('main').length,
      h1s: document.querySelectorAll('h1').length, refresh: !!document.querySelector('meta[http-equiv=refresh i]'),
      description: document.querySelector('meta[name=description]')?.content ?? '',
    }));
    assert.ok(facts.title && facts.lang && facts.mains === 1 && facts.h1s >= 1, `${name}: title, lang, one main, an h1: ${JSON.stringify(facts)}`);
    assert.equal(facts.refresh, false, `${name}: a <meta http-equiv=refresh>`);
    let axeLine = '';
    if (withAxe) {
      const light = await axe(page);
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = await axe(page);
      assert.deepEqual(light, [], `${name} (light): axe violations`);
      assert.deepEqual(dark, [], `${name} (dark): axe violations`);
      axeLine = `axe ${light.length} light, ${dark.length} dark`;
      if (process.env.SCREENSHOT_DIR && (name === 'index' || name === 'operators/nginx.html')) await screenshots(page, name);
    }
    const links = await linksOf(page);
    for (const { href, download } of links) {
      linkCount++;
      const target = new URL(href);
      if (target.origin !== base.origin) { external++; continue; } // not followed: loopback only
      assert.ok(target.pathname.startsWith(base.pathname), `${name}: ${href} leaves the site's path ${base.pathname}`);
      const bare = target.origin + target.pathname;
      const { status, type, text } = await fetchOnce(bare);
      assert.equal(status, 200, `${name}: ${href} → ${status}`);
      if (target.hash && type.startsWith('text/html')) {
        const id = decodeURIComponent(target.hash.slice(1));
        assert.ok(text.includes(`id="${id}"`), `${name}: ${href}: no element with id "${id}"`);
      }
      if (type.startsWith('text/html') && !download && !seen.has(bare)) {
        seen.add(bare);
        queue.push(bare);
      }
    }
    assert.deepEqual(record.failed, [], `${name}: failed requests`);
    assert.deepEqual(record.errors, [], `${name}: console errors`);
    assert.deepEqual(foreignRequests(record.requests, base.origin), [], `${name}: requests to other origins`);
    report.push(`${name.padEnd(28)} ${String(links.length).padStart(3)} links ${String(record.requests.length).padStart(2)} requests ${axeLine}`);
  }
}

async function screenshots(page, name) {
  const file = name === 'index' ? 'home' : name.replace(/\W+/g, '-').replace(/-html$/, '');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [label, width] of [['desktop', 1280], ['360', 360]]) {
      await page.setViewportSize({ width, height: label === '360' ? 740 : 900 });
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, `${file}-${scheme}-${label}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

let crawled = [];
test('crawl from a sub-path: every linked page HTML, 0 axe violations light and dark, 0 broken links, quiet, first-party, still', async (t) => {
  const { pages } = await crawl(`${staticOrigin}${BASE}`, { withAxe: true, t });
  crawled = pages;
  for (const page of ['index', 'install.html', 'operators/index.html', 'operators/nginx.html', 'extension.html', 'error-pages/502.html']) {
    assert.ok(pages.includes(page), `${page} is linked and was crawled`);
  }
});

test('crawl from the domain root: the same pages, 0 broken links', async (t) => {
  const { pages } = await crawl(`${rootOrigin}/`, { withAxe: false, t });
  assert.deepEqual([...pages].sort(), [...crawled].sort());
});

test('every page fits 360 px, with 0 axe violations there', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  for (const name of crawled) {
    const { page } = await openPage(context, `${staticOrigin}${BASE}${name === 'index' ? '' : name}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${name}: ${width} px wide at a 360 px viewport`);
    assert.deepEqual(await axe(page), [], `${name} (360 px): axe violations`);
    await page.close();
  }
  await context.close();
});

test('the home page loads at most 15 KB gzipped before any interaction; the live example loads in view, or on a click', async (t) => {
  const eager = await browser.newContext();
  const reference = await eager.newPage();
  await reference.goto(`${origin}/eager-widget.html`);
  await reference.locator('explain-502 .e502-headline').waitFor();
  // The element shows its page's address: the same text but for that.
  const shown = async (page) => (await page.locator('explain-502').innerText()).replace(page.url(), '(this page)');
  const expected = await shown(reference);
  await eager.close();
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }, { width: 360, height: 740 }]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const responses = [];
    page.on('response', (response) => responses.push(response));
    await page.goto(`${staticOrigin}${BASE}`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    const sizes = await Promise.all(responses.map(async (r) => ({ url: r.url(), bytes: (await r.request().sizes()).responseBodySize })));
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
    t.diagnostic(`home page at ${viewport.width}×${viewport.height}, before interaction: ${sizes.length} requests, ${total} bytes on the wire (gzip -9) — `
      + sizes.map((s) => `${s.url.slice(staticOrigin.length + BASE.length) || 'index'} ${s.bytes}`).join(', '));
    assert.ok(total <= HOME_BUDGET, `home page: ${total} bytes before interaction (budget ${HOME_BUDGET})`);
    assert.ok(!sizes.some((s) => s.url.endsWith('.wasm')), 'no wasm before the example is in view');
    await page.locator('[data-live-example]').scrollIntoViewIfNeeded();
    await page.locator('explain-502 .e502-headline').waitFor();
    await page.waitForFunction(() => customElements.get('explain-502'));
    assert.ok(responses.some((r) => r.url().endsWith('.wasm')), 'the wasm loaded once in view');
    assert.equal(await shown(page), expected, 'the same explanation as the widget loaded at once');
    await context.close();
  }
  // Without IntersectionObserver: a button, and a click loads the same.
  const context = await browser.newContext();
  await context.addInitScript(() => { delete window.IntersectionObserver; });
  const page = await context.newPage();
  const wasm = [];
  page.on('request', (request) => { if (request.url().endsWith('.wasm')) wasm.push(request.url()); });
  await page.goto(`${staticOrigin}${BASE}`, { waitUntil: 'networkidle' });
  await page.locator('[data-live-example]').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  assert.deepEqual(wasm, [], 'nothing loads without the click');
  await page.getByRole('button', { name: 'Run the live example' }).click();
  await page.waitForFunction(() => customElements.get('explain-502'));
  await page.locator('explain-502 .e502-headline').waitFor();
  assert.equal(await shown(page), expected, 'the same explanation after a click');
  assert.equal(await page.getByRole('button', { name: 'Run the live example' }).isHidden(), true);
  await context.close();
});

test('search and share: description and Open Graph per page; robots.txt; sitemap.xml with SITE_URL', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const name of crawled.filter((n) => !n.startsWith('error-pages/'))) {
    await page.goto(`${staticOrigin}${BASE}${name === 'index' ? '' : name}`);
    const tags = await page.evaluate(() => Object.fromEntries(['description', 'og:title', 'og:description', 'og:type', 'og:site_name']
      .map((key) => [key, document.querySelector(`meta[name="${key}"], meta[property="${key}"]`)?.content ?? ''])));
    for (const [key, value] of Object.entries(tags)) assert.ok(value.length > 2, `${name}: ${key} missing`);
    assert.equal(await page.evaluate(() => document.querySelector('link[rel=icon]')?.getAttribute('type')), 'image/svg+xml', `${name}: the favicon`);
  }
  await context.close();
  assert.match(readFileSync(join(SITE, 'robots.txt'), 'utf8'), /^User-agent: \*$/m);
  // The same build with SITE_URL, into a scratch folder: absolute URLs for every page.
  const out = mkdtempSync(join(tmpdir(), 'explain502-site-'));
  try {
    const { buildSite, siteBase } = await import('../../tools/site.mjs');
    const { pages } = buildSite({ out, siteUrl: siteBase('https://example.org/explain502') });
    const locs = [...readFileSync(join(out, 'sitemap.xml'), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    assert.equal(locs.length, pages.length);
    assert.ok(locs.every((loc) => loc.startsWith('https://example.org/explain502/')), locs.join(' '));
    assert.ok(locs.includes('https://example.org/explain502/') && locs.includes('https://example.org/explain502/operators/nginx.html'));
    assert.match(readFileSync(join(out, 'robots.txt'), 'utf8'), /^Sitemap: https:\/\/example\.org\/explain502\/sitemap\.xml$/m);
    assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /<link rel="canonical" href="https:\/\/example\.org\/explain502\/">/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  assert.equal(existsSync(join(SITE, 'sitemap.xml')), false, 'no sitemap without SITE_URL (its URLs must be absolute)');
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
  const { page, requests, errors } = await openPage(context, `${origin}${BASE}explain.html`);
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
  const { page, errors } = await openPage(context, `${origin}${BASE}visitors.html`);
  await page.locator('#for-you').waitFor();
  const advice = await page.getByTestId('visitor-advice').innerText();
  assert.match(advice, /Option/, `Safari on a Mac reloads with Cmd + Option + R: ${advice}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('"For visitors" names the keys in the visitor\'s language (issue 14: no English key names in German)', async () => {
  const context = await browser.newContext({
    locale: 'de-DE',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
  });
  const { page, errors } = await openPage(context, `${origin}${BASE}visitors.html`);
  await page.locator('#for-you').waitFor();
  const advice = await page.getByTestId('visitor-advice').innerText();
  assert.match(advice, /⌥ Wahltaste \+ ⌘ Befehlstaste \+ R/, advice);
  assert.match(advice, /⌘ Befehlstaste \+ Umschalttaste \+ N/, advice);
  assert.doesNotMatch(advice, /Shift|Command|Option|Ctrl/, advice);
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Is it just me?" takes ?url= and asks only the configured loopback providers', async () => {
  const context = await browser.newContext();
  const target = `http://127.0.0.1:${deadPort}/shop`;
  const { page, requests, errors } = await openPage(context, `${origin}${BASE}check.html?url=${encodeURIComponent(target)}`);
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
    const widget = await sample('/eager-widget.html', async () => {
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
    + `widget explained ${widget.toFixed(0)} ms (${(widget / plain).toFixed(2)}×); `
    + `explain.html example explained ${explained.toFixed(0)} ms (${(explained / plain).toFixed(2)}×)`);
  assert.ok(widget < 2000 && explained < 2000, 'explanations within 2 s on loopback');
  await context.close();
});

test('the demo: only `explain502 serve` links it (and answers it); a static deploy says how to run it', async () => {
  const statically = readFileSync(join(SITE, 'index.html'), 'utf8');
  assert.match(statically, /<!--static-only-->[^]*make serve[^]*<!--\/static-only-->/);
  assert.match(statically, /<!--serve-only[^]*href="demo\/"[^]*serve-only-->/, 'the demo link is a comment to a static host');
  const port = await freePort();
  const serve = await startProcess(cliPath, ['serve', '--port', String(port), SITE], { port });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    assert.doesNotMatch(await page.locator('#demo + *').innerText(), /make serve/, 'no "how to run it" where it runs');
    await page.click('a[data-served-by=explain502-serve]');
    await page.getByTestId('demo-app').waitFor();
    await context.close();
  } finally {
    await serve.stop();
  }
});
