// dist/widget as an app embeds it in its own maintenance page: <script type="module"> plus
// <explain-502 status="503" …>; the page is served 503 by a tiny static server on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { freePort } from './support/servers.mjs';
import { launchChromium, recordRequests, foreignRequests } from './support/browser.mjs';

const widget = resolve('dist/widget');
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const PAGE = `<!doctype html><html lang="en"><title>Maintenance</title>
<link rel="stylesheet" href="/explain502/explain502.css">
<script type="module" src="/explain502/explain502.js"></script>
<main><explain-502 status="503" lang="fr" retry="off" contact="mailto:ops@example.com"></explain-502></main></html>`;

test('the widget renders in an app\'s own 503 page, in the language of its lang attribute', async (t) => {
  const server = createServer((req, res) => {
    const name = req.url.startsWith('/explain502/') ? req.url.slice('/explain502/'.length) : null;
    if (name && /^[\w.]+$/.test(name)) {
      try {
        const body = readFileSync(join(widget, name));
        res.writeHead(200, { 'content-type': TYPES[name.slice(name.lastIndexOf('.'))] ?? 'text/plain' });
        return res.end(body);
      } catch { /* falls through to the 503 page */ }
    }
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  const port = await freePort();
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  t.after(() => { server.closeAllConnections(); server.close(); });
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const requests = recordRequests(page);
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator('.e502').waitFor();
  assert.equal(await page.locator('.e502').getAttribute('lang'), 'fr');
  assert.equal((await page.getByTestId('explain502-status').textContent()).trim(), '503');
  assert.match(await page.locator('h1').textContent(), /temporairement indisponible/);
  assert.equal(await page.getByRole('link', { name: /contacter/i }).getAttribute('href'), 'mailto:ops@example.com');
  assert.equal(await page.getByRole('button', { name: /réessayer/i }).isVisible(), true);
  assert.deepEqual(foreignRequests(requests, `http://127.0.0.1:${port}`), []);
});
