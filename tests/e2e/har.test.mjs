// A HAR recorded by a real Chromium (playwright-core's recordHar) of a shop behind a real nginx
// whose app is down: the page's own document is static, its API calls and the app's pages get
// nginx's 502. The site's "Explain my response" reads the HAR in the browser and lists every
// 5xx entry, each explained by the core (issue 15); nothing is uploaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { freePort, startNginx } from './support/servers.mjs';
import { launchChromium, recordRequests, foreignRequests } from './support/browser.mjs';

const SITE = resolve('dist/site');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};
let nginx, browser, siteServer, shop, site;
const dir = mkdtempSync(join(tmpdir(), 'explain502-har-'));

before(async () => {
  const [port, deadPort, sitePort] = [await freePort(), await freePort(), await freePort()];
  shop = `http://127.0.0.1:${port}`;
  // The shop's page is a file nginx serves; everything under /api/ and /app/ goes to an app
  // port where nothing listens.
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head>
<body><h1>Shop</h1><img src="/api/logo.png" alt="">
<script>Promise.allSettled([fetch('/api/cart'), fetch('/api/user', { method: 'POST', body: 'x' })])
  .then(() => { document.title = 'loaded'; });</script></body></html>`);
  nginx = await startNginx(port, `
    location = / { root ${dir}; try_files /index.html =404; }
    location / { proxy_pass http://127.0.0.1:${deadPort}; }`);
  siteServer = await new Promise((ready) => {
    const server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
      const file = join(SITE, path === '/' ? 'index.html' : path);
      if (!file.startsWith(SITE) || !existsSync(file)) {
        response.writeHead(404);
        return response.end();
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
    });
    server.listen(sitePort, '127.0.0.1', () => ready(server));
  });
  site = `http://127.0.0.1:${sitePort}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  siteServer?.close();
});

test('a HAR of a shop whose app is down is explained entry by entry in the site', async (t) => {
  // Record: the shop's page with its failing subrequests, then one of the app's own pages.
  const harPath = join(dir, 'shop.har');
  const recording = await browser.newContext({ recordHar: { path: harPath, content: 'embed' } });
  const shopPage = await recording.newPage();
  await shopPage.goto(`${shop}/`);
  await shopPage.waitForFunction(() => document.title === 'loaded', null, { timeout: 10_000 });
  const appPage = await shopPage.goto(`${shop}/app/orders`);
  assert.equal(appPage.status(), 502);
  await recording.close(); // writes the HAR

  const har = JSON.parse(readFileSync(harPath, 'utf8'));
  const failing = har.log.entries.filter((e) => e.response.status >= 500);
  assert.ok(failing.length >= 4, `the HAR holds the 502s of the image, both calls and the app page: ${failing.length}`);
  assert.ok(har.log.entries.some((e) => e.response.status === 200), 'and the page that loaded');
  t.diagnostic(`HAR by Chromium: ${har.log.entries.length} entries, ${failing.length} of them 5xx`);

  // Explain: the site reads the file in the browser.
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = recordRequests(page);
  await page.goto(`${site}/explain.html`);
  await page.setInputFiles('#har', harPath);
  await page.getByTestId('har-entry').first().waitFor();
  const shown = await page.getByTestId('har-entry').locator('code').allTextContents();
  assert.deepEqual(
    shown,
    failing.map((e) => `${e.response.status} ${e.request.method} ${e.request.url}`),
    'every 5xx entry, in the order of the HAR',
  );
  for (const text of await page.getByTestId('har-entry').allTextContents()) {
    assert.match(text, /nginx/, `${text}: nginx named`);
    assert.match(text, /upstream_down/, `${text}: a refused connection first`);
  }
  // One entry's whole report, on demand.
  await page.getByTestId('har-entry').last().getByRole('button').click();
  await page.getByTestId('report-headline').waitFor();
  assert.deepEqual(await page.locator('[data-testid=report-gateway] code').allTextContents(), ['nginx']);
  const report = JSON.parse(await page.getByTestId('report-json').textContent());
  assert.equal(report.status, 502);
  // Nothing left the browser: only the site's own files were fetched.
  assert.deepEqual(foreignRequests(requests, site), []);
  await context.close();
});
