// The first vertical slice: a real nginx in front of a port where nothing listens answers
// 502 with dist/error-pages/502.html, and the page explains it in a real Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { freePort, startNginx } from './support/servers.mjs';
import { launchChromium, recordRequests, foreignRequests } from './support/browser.mjs';

const errorPages = resolve('dist/error-pages');
let nginx, browser, origin;

before(async () => {
  const [port, deadPort] = [await freePort(), await freePort()];
  origin = `http://127.0.0.1:${port}`;
  nginx = await startNginx(port, `
    location / { proxy_pass http://127.0.0.1:${deadPort}; }
    error_page 502 /502.html;
    location = /502.html { root ${errorPages}; internal; }`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
});

test('nginx 502 page shows the status, from nothing but itself', async () => {
  const page = await browser.newPage();
  const requests = recordRequests(page);
  const response = await page.goto(`${origin}/shop/cart`);
  assert.equal(response.status(), 502);
  assert.equal(response.headers().server?.startsWith('nginx'), true);
  const status = page.getByTestId('explain502-status');
  await status.waitFor();
  assert.equal((await status.textContent()).trim(), '502');
  // The core's headline is there from the first paint, and the runtime (the wasm) has run.
  assert.match(await page.locator('h1:visible').textContent(), /not answering properly/);
  await page.getByTestId('explain502-countdown').waitFor({ timeout: 5000 });
  assert.deepEqual(foreignRequests(requests, origin), []);
  await page.close();
});
