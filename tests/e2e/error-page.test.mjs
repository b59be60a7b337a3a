// The error page itself, behind the documented nginx set-up: accessible (axe-core, light and
// dark), every language fits 360 px (screenshots in tests/e2e/artifacts/), and hostile URL or
// response text stays inert text; each page within its 40 KB gzip budget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { freePort } from './support/servers.mjs';
import { launchChromium, recordRequests, foreignRequests } from './support/browser.mjs';
import { GATEWAYS } from './support/gateways.mjs';

const pages = resolve('dist/error-pages');
const artifacts = resolve('tests/e2e/artifacts');
const axe = resolve('node_modules/axe-core/axe.min.js');
// The language each locale must pick, and a word its headline must contain.
const LANGUAGES = [
  { locale: 'en-US', lang: 'en' }, { locale: 'es-ES', lang: 'es' }, { locale: 'de-DE', lang: 'de' },
  { locale: 'fr-FR', lang: 'fr' }, { locale: 'pt-BR', lang: 'pt' }, { locale: 'ja-JP', lang: 'ja' },
];

let browser, nginx, origin;
before(async () => {
  mkdirSync(artifacts, { recursive: true });
  const [port, appPort] = [await freePort(), await freePort()];
  origin = `http://127.0.0.1:${port}`;
  nginx = await GATEWAYS.nginx({ port, appPort, pages });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await nginx?.stop();
});

test('each error page is within its budget: 40 KB gzipped, wasm included', (t) => {
  for (const status of [502, 503, 504]) {
    // zlib at level 9, as nginx's gzip sends it (and as the build prints it).
    const gzipped = gzipSync(readFileSync(`${pages}/${status}.html`), { level: 9 }).length;
    t.diagnostic(`${status}.html: ${gzipped} bytes gzipped`);
    assert.ok(gzipped <= 40_000, `${status}.html is ${gzipped} bytes gzipped, over 40 000`);
  }
});

/** A page in `options` (locale, colour scheme) showing the rendered 502 page. */
async function open(options, path = '/shop/cart') {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, ...options });
  const page = await context.newPage();
  const requests = recordRequests(page);
  await page.goto(`${origin}${path}`);
  await page.locator('.e502').waitFor();
  return { page, requests, close: () => context.close() };
}

for (const colorScheme of ['light', 'dark']) {
  test(`no axe-core violations (${colorScheme})`, async () => {
    const { page, requests, close } = await open({ colorScheme });
    await page.addScriptTag({ path: axe });
    const { violations } = await page.evaluate(() => window.axe.run(document));
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
    assert.deepEqual(foreignRequests(requests, origin).filter((u) => !u.startsWith('file:')), []);
    await close();
  });
}

test('every language renders at 360 px without overflow', async () => {
  for (const { locale, lang } of LANGUAGES) {
    for (const colorScheme of ['light', 'dark']) {
      const { page, close } = await open({ locale, colorScheme });
      assert.equal(await page.locator('.e502').getAttribute('lang'), lang, locale);
      await page.screenshot({ path: `${artifacts}/502-${lang}-${colorScheme}.png`, fullPage: true });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${locale}: ${width} px wide`);
      await close();
    }
  }
});

test('keyboard: the buttons and links are reachable with Tab', async () => {
  const { page, close } = await open({});
  // The element replaces the static (no-JS) content once the core has run: wait for it, or Tab
  // lands in the static fallback under a loaded machine.
  await page.getByRole('button', { name: /Retry now|Try again/ }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  assert.match(focused ?? '', /Retry now|Try again/);
  await close();
});

test('hostile URL, Server header and links show up as inert text', async (t) => {
  // A hostile gateway: it serves the real page with a hostile Server header and an
  // operator-set javascript: contact link.
  const hostileServer = '<img src=x onerror="window.pwned=1"> <a href="javascript:alert(1)">x</a>';
  const html = readFileSync(`${pages}/502.html`, 'utf8')
    .replace('<explain-502 status="502"', '<explain-502 status="502" contact="javascript:window.pwned=1" status-page="javascript:alert(1)"');
  const server = createServer((req, res) => {
    res.writeHead(502, { 'content-type': 'text/html; charset=utf-8', server: hostileServer });
    res.end(html);
  });
  const port = await freePort();
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  t.after(() => { server.closeAllConnections(); server.close(); });
  const page = await browser.newPage();
  t.after(() => page.close());
  const requests = recordRequests(page);
  await page.goto(`http://127.0.0.1:${port}/<img src=x onerror=window.pwned=1>/%E2%80%AEgnp.exe`);
  // The first probe brings the hostile Server header in as the gateway's name.
  await page.getByTestId('explain502-gateway').filter({ hasText: 'onerror' }).waitFor({ timeout: 5000 });
  const element = page.locator('explain-502');
  assert.equal(await element.locator('img, script, a[href^="javascript"]').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  const text = await element.textContent();
  assert.match(text, /<img src=x onerror=window\.pwned=1>/, 'the URL shows as text');
  assert.match(await page.getByTestId('explain502-gateway').textContent(), /^<img src=x onerror="window\.pwned=1">/,
    'the Server header shows as text');
  assert.match(text, /\\u202e/, 'the RTL override is shown, not obeyed');
  assert.doesNotMatch(text, /\u202E/);
  assert.deepEqual(foreignRequests(requests, `http://127.0.0.1:${port}`), []);
});

test('without JavaScript: the static explanation and a slow refresh', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(`${origin}/shop/cart`);
  assert.equal(response.status(), 502);
  assert.equal((await page.getByTestId('explain502-status').textContent()).trim(), '502');
  assert.match(await page.locator('h1').textContent(), /not answering properly/);
  assert.match(await page.locator('main').textContent(), /reloads itself every two minutes/);
  assert.equal(await page.locator('noscript meta[http-equiv="refresh"]').count(), 1);
  await context.close();
});
