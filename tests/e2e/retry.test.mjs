// The core's recovery machine, driven by www/widget/recovery.js, in a real Chromium against a
// real nginx in front of an app that is off, then on: probes pause while the page is hidden and
// resume when it is shown; of two pages of one context only one probes (Web Locks), the other
// takes over when it hides, and both reload once the site is back; a probe answered 403 is not
// "back" and a page whose probe says 200 while it keeps failing reloads at most 3 times.
// Probes and reloads are counted in nginx's access log.
//
// Hidden pages: headless Chromium keeps every page "visible" (minimizing the window through
// CDP, background tabs, Target.activateTarget and Page.setWebLifecycleState were all tried),
// so `document.hidden` is overridden by a script and a real `visibilitychange` is dispatched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startNginx, startProcess } from './support/servers.mjs';
import { launchChromium } from './support/browser.mjs';

const widget = resolve('dist/widget');
const site = mkdtempSync(join(tmpdir(), 'explain502-retry-'));
const accessLog = join(site, 'access.log');
let nginx, browser, origin, appPort, silentPort, silent;

// A page that runs the recovery machine on HEALTH?page=NAME (default /health) with 1-s waits
// (max-wait) and records what it is told; its reloads are recorded, not done, unless ?real.
const PAGE = `<!doctype html><meta charset="utf-8"><title>retry</title>
<script type="module">
import init, * as core from './explain502_core.js';
import { probe, startRecovery } from './recovery.js';
await init({ module_or_path: new URL('explain502_core_bg.wasm', import.meta.url) });
const params = new URLSearchParams(location.search);
const name = params.get('page');
window.events = [];
window.core = core;
window.startRecovery = startRecovery;
window.probe = probe;
if (name) {
  startRecovery(core, {
    healthUrl: (params.get('health') ?? '/health') + '?page=' + name, maxWaitMs: 1000, status: 503,
    onShow: ({ view, ms, reason }) => events.push({ type: 'show', view, ms, reason }),
    onAnswer: ({ status }) => events.push({ type: 'probe', status }),
    ...(params.has('real') ? {} : { reload: () => events.push({ type: 'back' }) }),
  });
}
</script>`;

// What the app answers once it is on: HEAD is refused, so "back" needs the GET fallback.
const APP = `require('node:http').createServer((req, res) => {
  res.statusCode = req.method === 'HEAD' ? 405 : 200;
  res.end('ok');
}).listen(Number(process.env.PORT), '127.0.0.1');`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The requests of `path` nginx saw for one page, as "METHOD status" strings. */
function probes(name, path = '/health') {
  const lines = readFileSync(accessLog, 'utf8').split('\n');
  return lines
    .map((line) => line.match(/"(HEAD|GET) (\/\w*)\?(?:\w+=\w*&)*page=(\w+)\S* HTTP\/[\d.]+" (\d{3})/))
    .filter((m) => m && m[2] === path && m[3] === name)
    .map((m) => `${m[1]} ${m[4]}`);
}

async function until(what, condition, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(100);
  }
  assert.fail(`timed out after ${ms} ms waiting for ${what}`);
}

/** A context whose pages can be hidden with `setHidden(page, true)`. */
async function newContext() {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    let hidden = false;
    Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
    Object.defineProperty(Document.prototype, 'visibilityState', {
      configurable: true, get: () => (hidden ? 'hidden' : 'visible'),
    });
    window.setHidden = (value) => {
      hidden = value;
      document.dispatchEvent(new Event('visibilitychange'));
    };
  });
  return context;
}

const setHidden = (page, value) => page.evaluate((v) => window.setHidden(v), value);

before(async () => {
  for (const file of ['explain502_core.js', 'explain502_core_bg.wasm', 'recovery.js']) {
    cpSync(join(widget, file), join(site, file));
  }
  writeFileSync(join(site, 'index.html'), PAGE);
  writeFileSync(accessLog, '');
  const port = await freePort();
  appPort = await freePort();
  // Accepts connections and never answers: what a hung app looks like through the gateway.
  silent = createServer(() => {});
  await new Promise((r) => silent.listen(0, '127.0.0.1', r));
  silentPort = silent.address().port;
  origin = `http://127.0.0.1:${port}`;
  nginx = await startNginx(port, `
    access_log ${accessLog};
    location = /health { proxy_pass http://127.0.0.1:${appPort}; }
    location = /silent { proxy_pass http://127.0.0.1:${silentPort}; proxy_read_timeout 30s; }
    location = /forbidden { return 403; }
    location = /ok { return 200; }
    # no-store: each reload reaches nginx's log (a cached page would reload unseen).
    location / { root ${site}; add_header Cache-Control no-store; }`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  silent?.close();
});

test('probes pause while the page is hidden and resume soon after it is shown', async () => {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/?page=solo`);
  await until('two probes', () => probes('solo').length >= 2, 10_000);
  assert.ok(probes('solo').every((p) => p === 'HEAD 502'), probes('solo').join());

  await setHidden(page, true);
  await sleep(300); // a probe already on its way may land
  const whileHidden = probes('solo').length;
  await sleep(3_000); // three 1-s waits would have passed
  assert.equal(probes('solo').length, whileHidden, 'no probe while hidden');

  await setHidden(page, false);
  // One probe soon: the core's resume wait is 0.5–2.5 s.
  await until('a probe after being shown', () => probes('solo').length > whileHidden, 4_000);
  await context.close();
});

test('of two pages only one probes; the other takes over when it hides; both reload when back', async () => {
  const context = await newContext();
  const [first, second] = [await context.newPage(), await context.newPage()];
  await first.goto(`${origin}/?page=first`);
  await second.goto(`${origin}/?page=second`);
  await until('probes', () => probes('first').length + probes('second').length >= 3, 10_000);
  await sleep(1_000);
  const [leader, follower] = probes('first').length > 0 ? [first, second] : [second, first];
  const [leaderName, followerName] = leader === first ? ['first', 'second'] : ['second', 'first'];
  assert.equal(probes(followerName).length, 0, `${followerName} probed too`);

  // The leader hides: it releases the lock and the other page takes over.
  await setHidden(leader, true);
  await sleep(300);
  const leaderCount = probes(leaderName).length;
  await until('the other page to probe', () => probes(followerName).length >= 2, 6_000);
  assert.equal(probes(leaderName).length, leaderCount, 'the hidden page stopped probing');

  // The app comes up: the prober finds it back (HEAD refused → GET) and tells the other.
  const app = await startProcess(process.execPath, ['-e', APP], { port: appPort, env: { PORT: String(appPort) } });
  try {
    const backs = async () => Promise.all([first, second].map((p) => p.evaluate(() => events.some((e) => e.type === 'back'))));
    await until('both pages back', async () => (await backs()).every(Boolean), 8_000);
    assert.deepEqual(probes(followerName).slice(-2), ['HEAD 405', 'GET 200']);
    assert.equal(probes(leaderName).length, leaderCount, 'the hidden page learned it from the other');
  } finally {
    await app.stop();
    await context.close();
  }
});

test('a probe resolves, never throws (refused, timeout); a POST page never probes', async () => {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.core);
  const refused = await page.evaluate((port) => probe(`http://127.0.0.1:${port}/`, 'HEAD', 2_000), await freePort());
  assert.deepEqual([refused.status, refused.error], [0, 'network']);
  const started = Date.now();
  const hung = await page.evaluate(() => probe('/silent', 'HEAD', 500));
  assert.deepEqual([hung.status, hung.error], [0, 'timeout']);
  assert.ok(Date.now() - started < 5_000, 'the timeout ended the probe');
  // A page that answered a POST never retries by itself, and never holds the probing lock.
  const stopped = await page.evaluate(() => new Promise((resolve) => {
    startRecovery(core, {
      healthUrl: '/health?page=post', method: 'POST', look: true,
      onShow: ({ view, reason }) => view === 'stopped' && resolve(reason),
    });
  }));
  assert.equal(stopped, 'not_idempotent');
  await sleep(1_500);
  assert.deepEqual(probes('post'), []);
  await context.close();
});

test('issue 16: a probe answered 403 is not "back" (no reload, it keeps waiting); a probe that says 200 while the page keeps failing reloads at most 3 times', async () => {
  // Two contexts: one site's tabs share one probing lock.
  const context = await newContext();
  const other = await newContext();
  const forbidden = await other.newPage();
  await forbidden.goto(`${origin}/?page=forbidden&health=/forbidden&real`);
  const looping = await context.newPage();
  await looping.goto(`${origin}/?page=looping&health=/ok&real`);
  // Unbounded (today's rule: a 403 or a 200 probe means "back", the count starts over), 1-s
  // waits reload about every second: ~12 in this window.
  await sleep(12_000);
  assert.deepEqual(probes('forbidden', '/'), ['GET 200'], 'the 403 page was never reloaded');
  assert.ok(probes('forbidden', '/forbidden').length >= 4, probes('forbidden', '/forbidden').join());
  const shows = await forbidden.evaluate(() => events.filter((e) => e.type === 'show' && e.view === 'waiting').map((e) => e.ms));
  assert.ok(shows.length >= 4 && shows.every((ms) => ms <= 1_000), shows.join());
  // The first load and 3 reloads (slower on a loaded machine); the 4th waits for a minute
  // after the 3rd, however many 1-s probes say 200 meanwhile.
  await until('3 reloads', () => probes('looping', '/').length >= 4, 30_000).catch(async (error) => {
    const seen = await looping.evaluate(async () => ({ events, locks: await navigator.locks.query(), memory: sessionStorage.getItem(`explain502-recovery ${location.origin}`) }));
    throw new Error(`${error.message}: ${JSON.stringify({ pages: probes('looping', '/'), probes: probes('looping', '/ok'), seen })}`);
  });
  // The 4th page's probe says 200 too: its reload is put off (a countdown of ~a minute).
  await until('the reload put off', () => looping.evaluate(() => events.some((e) => e.view === 'waiting' && e.ms > 30_000)).catch(() => false), 15_000);
  await sleep(2_000);
  assert.equal(probes('looping', '/').length, 4, probes('looping', '/').join());
  await context.close();
  await other.close();
});
