// downCheck (the real wasm in a real Chromium) against real HTTP servers on 127.0.0.1 that
// serve the providers' documented shapes (tests/fixtures/providers) and misbehave: hang, 500,
// invalid JSON, 10 MB bodies, a slow drip, a redirect loop, markup in an incident name.
// Every case must give a verdict by the deadline, run no script, and never throw.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, recordRequests, foreignRequests } from './support/browser.mjs';

const fixtures = resolve('tests/fixtures/providers');
const fixture = (path) => readFileSync(join(fixtures, path));
const widget = resolve('dist/widget');
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

let pageServer, providers, browser, pageOrigin, base;
const sockets = new Set();

function listen(server) {
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server.address().port)));
}

/** The providers: the first path segment picks the behaviour, the rest is the provider's path. */
function provide(request, response) {
  const mode = request.url.split('/')[1].split('?')[0];
  const json = (status, body) => {
    response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    response.end(body);
  };
  switch (mode) {
    case 'statuspage': {
      const doc = JSON.parse(fixture('statuspage/major-outage.json'));
      doc.incidents[0].name = `${HOSTILE} Checkout returns 502`;
      return json(200, JSON.stringify(doc));
    }
    case 'isitup': return json(200, fixture('isitup/down.json'));
    case 'wayback': return json(200, fixture('wayback/available.json'));
    case 'probe': return json(200, fixture('explain502/down.json'));
    case 'custom': return json(200, fixture('custom/bool-down.json'));
    case 'reference': response.writeHead(204); return response.end();
    case 'hang': return; // never answers; the socket is destroyed when the tests end
    case 'error500': return json(500, '{"error":"internal"}');
    case 'invalid': return json(200, '{"status": {"indicator": "major"');
    case 'huge': {
      response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'content-length': 10 * 1024 * 1024 });
      return response.end(Buffer.alloc(10 * 1024 * 1024, 0x20));
    }
    case 'huge-chunked': {
      response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      for (let i = 0; i < 10; i++) response.write(Buffer.alloc(1024 * 1024, 0x20));
      return response.end();
    }
    case 'drip': {
      response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      response.write('{');
      let left = 60; // bounded: one byte every 200 ms for at most 12 s
      const timer = setInterval(() => {
        if (--left <= 0 || response.destroyed) { clearInterval(timer); response.end(); return; }
        response.write(' ');
      }, 200);
      return;
    }
    case 'loop':
      response.writeHead(302, { location: request.url, 'access-control-allow-origin': '*' });
      return response.end();
    default: json(404, '{}');
  }
}

function servePage(request, response) {
  const path = request.url.split('?')[0];
  if (path === '/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return response.end(readFileSync('tests/e2e/downcheck/page.html'));
  }
  const file = path.replace(/^\/widget\//, '');
  if (!/^[\w.-]+$/.test(file)) { response.writeHead(404); return response.end(); }
  const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
  try {
    response.writeHead(200, { 'content-type': type });
    response.end(readFileSync(join(widget, file)));
  } catch { response.writeHead(404); response.end(); }
}

before(async () => {
  pageServer = createServer(servePage);
  providers = createServer(provide);
  pageOrigin = `http://127.0.0.1:${await listen(pageServer)}`;
  base = (mode) => `http://127.0.0.1:${providers.address().port}/${mode}`;
  await listen(providers);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const socket of sockets) socket.destroy();
  await new Promise((done) => providers.close(done));
  await new Promise((done) => pageServer.close(done));
});

async function openPage(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const requests = recordRequests(page);
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  await page.goto(`${pageOrigin}/`);
  await page.waitForFunction(() => window.ready === true);
  return { context, page, requests, dialogs };
}

const TARGET = 'https://shop.example/cart';

test('documented answers: down for everyone, archived copy, hostile text stays text', async () => {
  const { context, page, requests, dialogs } = await openPage();
  const { result, took } = await page.evaluate(([target, config]) => window.runCheck(target, config), [TARGET, {
    timeoutMs: 3000,
    seenStatus: 502,
    providers: {
      statuspage: { base: base('statuspage') },
      isitup: { base: base('isitup') },
      wayback: { base: base('wayback') },
      explain502: { base: base('probe') },
      custom: { base: `${base('custom')}?site={host}`, pointer: '/service/checkout/healthy' },
      direct: { base: base('reference') },
    },
  }]);
  assert.equal(result.verdict, 'down_for_everyone');
  assert.equal(result.confidence, 0.9);
  const byId = Object.fromEntries(result.providers.map((p) => [p.id, p]));
  assert.deepEqual(Object.keys(byId).sort(), ['custom', 'direct', 'explain502', 'isitup', 'statuspage', 'wayback']);
  for (const id of ['statuspage', 'isitup', 'explain502', 'custom', 'direct']) assert.equal(byId[id].answer, 'down', id);
  assert.equal(byId.isitup.detail, 'status_code 2');
  assert.equal(result.archived.timestamp, '20261124093012');
  assert.ok(took < 3000, `took ${took} ms`);
  // The incident name is on the page as characters, not as an element; nothing ran.
  assert.ok((await page.textContent('#providers')).includes(HOSTILE));
  assert.equal(await page.locator('#providers img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(foreignRequests(requests, pageOrigin).filter((u) => !u.startsWith('http://127.0.0.1:')), []);
  await context.close();
});

test('misbehaving providers: every case is unknown, by the deadline, without a throw', async () => {
  const { context, page, dialogs } = await openPage();
  const modes = ['hang', 'error500', 'invalid', 'huge', 'huge-chunked', 'drip', 'loop'];
  for (const mode of modes) {
    const { result, took } = await page.evaluate(([target, config]) => window.runCheck(target, config), [TARGET, {
      timeoutMs: 1500,
      deadlineMs: 2500,
      providers: {
        statuspage: { base: base(mode) },
        isitup: { base: base(mode) },
        wayback: { base: base(mode) },
        explain502: { base: base(mode) },
        custom: { base: base(mode), pointer: '/up' },
      },
    }]);
    assert.equal(result.verdict, 'unknown', mode);
    assert.equal(result.confidence, 0, mode);
    assert.equal(result.archived, null, mode);
    assert.equal(result.providers.length, 5, mode);
    for (const p of result.providers) {
      assert.equal(p.answer, 'unknown', `${mode} ${p.id}`);
      assert.ok(p.detail.length > 0 && p.detail.length <= 201, `${mode} ${p.id}: ${p.detail}`);
    }
    assert.ok(took < 2500 + 500, `${mode} took ${took} ms`);
    assert.equal(await page.textContent('#verdict'), 'unknown');
  }
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('the overall deadline wins over a longer per-provider timeout', async () => {
  const { context, page } = await openPage();
  const { result, took } = await page.evaluate(([target, config]) => window.runCheck(target, config), [TARGET, {
    timeoutMs: 20000,
    deadlineMs: 1000,
    providers: { statuspage: { base: base('hang') }, isitup: { base: base('isitup') } },
  }]);
  assert.ok(took >= 900 && took < 1800, `took ${took} ms`);
  const byId = Object.fromEntries(result.providers.map((p) => [p.id, p]));
  assert.equal(byId.statuspage.detail, 'no answer by the deadline');
  assert.equal(byId.isitup.answer, 'down');
  assert.equal(result.verdict, 'down_for_everyone');
  assert.equal(result.confidence, 0.6);
  await context.close();
});

test('an offline visitor is told it is just them', async () => {
  const closed = await new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => done(port)); });
  });
  const { context, page } = await openPage();
  // The reference origin does not answer: the visitor's connection is the problem.
  let { result } = await page.evaluate(([target, config]) => window.runCheck(target, config), [TARGET, {
    timeoutMs: 1500,
    seenStatus: 502,
    providers: { isitup: { base: base('isitup') }, direct: { base: `http://127.0.0.1:${closed}/` } },
  }]);
  assert.equal(result.verdict, 'just_you');
  assert.equal(result.confidence, 0.9);
  // navigator.onLine false says the same without any request.
  await context.setOffline(true);
  ({ result } = await page.evaluate(([target, config]) => window.runCheck(target, config), [TARGET, {
    timeoutMs: 1500, seenStatus: 502, providers: { direct: {} },
  }]));
  assert.equal(result.verdict, 'just_you');
  assert.equal(result.providers[0].detail, 'your browser is offline');
  await context.close();
});

test('a malformed config is a clear error, not a hang', async () => {
  const { context, page } = await openPage();
  const message = await page.evaluate(() => window.runCheck('https://shop.example/', { timeoutMs: 'soon' }).then(() => 'resolved', (e) => e.message));
  assert.match(message, /bad down-check config/);
  const { result } = await page.evaluate(() => window.runCheck('not a url', { providers: { isitup: { base: 'http://127.0.0.1:9' }, wayback: { base: 'javascript:alert(1)' } } }));
  assert.equal(result.verdict, 'unknown');
  await context.close();
});
