// The unpacked extension (dist/extension/chrome) in Debian's Chromium, in front of a real nginx
// whose app the test starts and stops: the panel, the badge, the automatic reload when the app
// is back (after a long wait timed by `alarms`, the service worker stopped meanwhile), never for
// a POST, "stop retrying", no false alarms, hostile text kept inert.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './support/browser.mjs';
import { HOSTILE, panelText, startSite } from './support/extension-site.mjs';

const extension = resolve('dist/extension/chrome');
let site, context, worker, extensionUrl, page;
const workerErrors = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  site = await startSite();
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'explain502-chrome-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  });
  [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 10_000 });
  await watchErrors(worker);
  extensionUrl = new URL('/', worker.url()).href;
  // Options, through the options page: no third-party down-detector (tests stay on loopback),
  // the shortest allowed wait cap.
  const options = await context.newPage();
  await options.goto(`${extensionUrl}options/options.html`);
  for (const box of await options.locator('input[name^="provider."]').all()) await box.uncheck();
  const maxWait = options.locator('input[name="maxWaitSeconds"]');
  assert.equal(await maxWait.inputValue(), '', 'unset: the core\'s own cap, no number of the extension\'s');
  await maxWait.fill('5');
  await options.locator('#save').click();
  await options.getByText('Saved.').waitFor();
  await options.close();
  page = await context.newPage();
});

/** Collects the worker's console errors, uncaught errors and unhandled rejections. */
async function watchErrors(target, { console = true } = {}) {
  if (console) target.on('console', (message) => { if (message.type() === 'error') workerErrors.push(message.text()); });
  await target.evaluate(() => {
    self.testErrors = [];
    self.addEventListener('error', (event) => self.testErrors.push(String(event.message)));
    self.addEventListener('unhandledrejection', (event) => self.testErrors.push(String(event.reason)));
  });
}

after(async () => {
  await context?.close();
  await site?.stop();
});

/** The badge text of the tab showing `url` (asked in the service worker). */
function badgeOf(url) {
  return worker.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === target);
    return tab ? chrome.action.getBadgeText({ tabId: tab.id }) : null;
  }, url);
}

const waitForPanel = (target) => target.waitForFunction(panelText, null, { timeout: 10_000 });
const requestsFor = (path) => site.appRequests.filter((line) => line.split(' ')[1] === path);

test('pages that are fine (200 from nginx, 200 and 404 from the app) get no panel and no probes', async () => {
  await site.startApp();
  for (const path of ['/fine.html', '/ok', '/missing']) {
    const response = await page.goto(`${site.origin}${path}`);
    assert.ok(response.status() < 500);
  }
  await sleep(1500);
  assert.equal(await page.evaluate(panelText), null);
  assert.deepEqual(requestsFor('/ok'), ['GET /ok']);
  assert.deepEqual(requestsFor('/missing'), ['GET /missing']);
  assert.equal(await badgeOf(`${site.origin}/missing`), '');
});

test('a 502 shows the panel (status, gateway nginx) and the badge; the tab reloads into the app once it is back', async () => {
  await site.stopApp();
  const response = await page.goto(`${site.origin}/shop`);
  assert.equal(response.status(), 502);
  await waitForPanel(page);
  const status = page.locator('#explain502-root [data-testid="explain502-status"]');
  assert.equal(await status.textContent(), '502');
  assert.match(await page.locator('#explain502-root [data-testid="explain502-gateway"]').textContent(), /nginx/);
  assert.equal(await badgeOf(`${site.origin}/shop`), '502');
  // The core's down check answers (no provider is on here: an honest "could not tell").
  await page.locator('#explain502-root [data-testid="explain502-verdict"]', { hasText: 'Could not tell' }).waitFor();
  await site.startApp();
  await page.locator('#app').waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(panelText), null);
  assert.equal(await badgeOf(`${site.origin}/shop`), '');
  assert.ok(requestsFor('/shop').some((line) => line.startsWith('GET')), 'the reload reached the app');
});

test('a POST that got a 502 is explained but never reloaded or resent', async () => {
  await site.stopApp();
  await page.goto(`${site.origin}/form.html`);
  await Promise.all([page.waitForURL(`${site.origin}/submit`), page.locator('button').click()]);
  await waitForPanel(page);
  assert.match(await page.evaluate(panelText), /POST/);
  await site.startApp();
  await sleep(7000);
  assert.deepEqual(requestsFor('/submit'), [], 'nothing was sent to the app for the form');
  assert.equal(await page.locator('#explain502-root [data-testid="explain502-status"]').textContent(), '502');
});

test('"Stop retrying" stops the probes and the reload', async () => {
  await site.stopApp();
  await page.goto(`${site.origin}/stop-me`);
  await waitForPanel(page);
  await page.locator('#explain502-root button[data-action="stop"]').click();
  await page.waitForFunction(() => /Stopped trying automatically/.test(document.getElementById('explain502-root').shadowRoot.textContent));
  await site.startApp();
  await sleep(7000);
  assert.deepEqual(requestsFor('/stop-me'), [], 'no probe reached the app');
  assert.equal(await page.locator('#app').count(), 0, 'the tab was not reloaded');
});

test('a link opened in a background tab that 502s shows its panel there, not in the active tab', async () => {
  await site.stopApp();
  await page.goto(`${site.origin}/links.html`);
  const [background] = await Promise.all([context.waitForEvent('page'), page.locator('#bg').click({ modifiers: ['Control'] })]);
  await background.waitForURL(`${site.origin}/background-502`);
  await waitForPanel(background);
  const active = await worker.evaluate(async () => (await chrome.tabs.query({ active: true })).map((t) => t.url));
  assert.deepEqual(active, [`${site.origin}/links.html`], 'the 502 tab stayed in the background');
  assert.equal(await page.evaluate(panelText), null);
  assert.equal(await badgeOf(`${site.origin}/background-502`), '502');
  assert.equal(await badgeOf(`${site.origin}/links.html`), '');
  await background.close();
});

test('a 200 page reached with Back shows nothing', async () => {
  await site.stopApp();
  await page.goto(`${site.origin}/fine.html`);
  await page.goto(`${site.origin}/back-502`);
  await waitForPanel(page);
  await page.goBack();
  assert.equal(page.url(), `${site.origin}/fine.html`);
  await sleep(1500);
  assert.equal(await page.evaluate(panelText), null);
  assert.equal(await badgeOf(`${site.origin}/fine.html`), '');
});

test('two tabs of one site: one probes, the other follows; both reload when the app is back', async () => {
  await site.stopApp();
  const other = await context.newPage();
  await page.goto(`${site.origin}/first`);
  await other.goto(`${site.origin}/second`);
  await Promise.all([waitForPanel(page), waitForPanel(other)]);
  const states = await worker.evaluate(async () => Object.values(await chrome.storage.session.get(null))
    .filter((s) => s.tabId !== undefined).map((s) => `${new URL(s.url).pathname} ${s.retry.state}`).sort());
  assert.deepEqual(states.map((s) => s.replace(/ (waiting|checking)$/, ' probing')), ['/first probing', '/second follower']);
  assert.match(await other.evaluate(panelText), /Another tab of this site is checking/);
  await site.startApp();
  await Promise.all([page.locator('#app').waitFor({ timeout: 30_000 }), other.locator('#app').waitFor({ timeout: 30_000 })]);
  await other.close();
});

test('"Private window" explains how when the extension may not open one', async () => {
  await site.stopApp();
  await page.goto(`${site.origin}/private`);
  await waitForPanel(page);
  await page.locator('#explain502-root button[data-action="private"]').click();
  await page.waitForFunction(() => /Ctrl \+ Shift \+ N/.test(document.getElementById('explain502-root').shadowRoot.textContent));
  await page.locator('#explain502-root button[data-action="stop"]').click();
});

test('a load balancer named only by its two Set-Cookie headers (AWSALB, AWSALBCORS) is named aws_elb in the panel', async () => {
  await page.goto(`${site.hostileOrigin}/elb-502`);
  await waitForPanel(page);
  assert.equal(await page.locator('#explain502-root [data-testid="explain502-gateway"]').textContent(), 'aws_elb');
});

test('a hostile title, URL and headers stay inert text in the panel and the popup', async () => {
  const url = `${site.hostileOrigin}/${encodeURIComponent(HOSTILE)}`;
  await page.goto(url);
  await waitForPanel(page);
  assert.equal(await page.locator('#explain502-root [data-testid="explain502-gateway"]').textContent(), HOSTILE);
  assert.equal(await page.evaluate(() => document.getElementById('explain502-root').shadowRoot.querySelectorAll('img').length), 0);
  const seen = await page.locator('#explain502-root [data-testid="explain502-seen"]').textContent();
  assert.ok(seen.startsWith(`GET ${url} → 502`), seen);
  const tabId = await worker.evaluate(async (target) => (await chrome.tabs.query({})).find((t) => t.url === target).id, url);
  const popup = await context.newPage();
  await popup.goto(`${extensionUrl}popup/popup.html?tab=${tabId}`);
  await popup.locator('[data-testid="explain502-gateway"]').waitFor();
  assert.equal(await popup.locator('[data-testid="explain502-gateway"]').textContent(), HOSTILE);
  assert.equal(await popup.locator('#title').count(), 0, 'the page\'s own title is not shown (not made inert by the core)');
  assert.equal(await popup.locator('#url').textContent(), url);
  assert.equal(await popup.locator('#host-access').isHidden(), true, 'host access was granted at install');
  assert.equal(await popup.locator('img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await popup.evaluate(() => window.__pwned), undefined);
  await popup.close();
});

test('in a German browser the panel, its buttons and the badge title are German (the core\'s ui.* table)', async () => {
  await site.stopApp();
  // A fresh profile with the default options (only the browser's own view, no third party),
  // whose languages are German: Playwright's `locale` sets navigator.languages and
  // Accept-Language, in the extension's worker too. (`--lang=de` would change the UI language
  // only where Chromium has its German resources; Debian's chromium-l10n is not installed.)
  const german = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'explain502-chrome-de-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'de-DE',
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  });
  try {
    const [germanWorker = await german.waitForEvent('serviceworker', { timeout: 10_000 })] = german.serviceWorkers();
    const tab = await german.newPage();
    // The popup first (it asks the background, which loads the core: the worker is up, see
    // docs/extension.md on navigations at startup); nothing to report in its own tab.
    await tab.goto(`${new URL('/', germanWorker.url()).href}popup/popup.html`);
    await tab.locator('#empty', { hasText: 'Kein Gateway-Fehler in diesem Tab.' }).waitFor();
    assert.equal(await tab.locator('button[data-action="stop"]').textContent(), 'Versuche beenden');
    await tab.goto(`${site.origin}/de-502`);
    await waitForPanel(tab);
    const buttons = await tab.evaluate(() => Object.fromEntries([...document.getElementById('explain502-root').shadowRoot
      .querySelectorAll('button[data-action]')].map((b) => [b.dataset.action, b.textContent])));
    assert.deepEqual(buttons, {
      reload: 'Ohne Cache neu laden',
      private: 'Privates Fenster',
      archive: 'Archivierte Kopie',
      check: 'Jetzt erneut versuchen',
      stop: 'Versuche beenden',
      not_on_site: 'Nicht auf dieser Website',
      pause: 'Überall pausieren',
      dismiss: '×',
    });
    const text = await tab.evaluate(panelText);
    assert.match(text, /Der Server der Website antwortet nicht richtig/, 'the headline speaks the same language');
    // The app is stopped (connection refused): the cause's name is the core's ui.cause.upstream_down.
    assert.match(text, /Wahrscheinliche Ursache: die Anwendung läuft nicht/, 'the likely cause is named in German');
    assert.equal(await tab.evaluate(() => document.getElementById('explain502-root').shadowRoot.querySelector('section').lang), 'de');
    const title = await germanWorker.evaluate(async (target) => {
      const found = (await chrome.tabs.query({})).find((t) => t.url === target);
      return chrome.action.getTitle({ tabId: found.id });
    }, `${site.origin}/de-502`);
    assert.equal(title, 'explain502: 502 · Geantwortet hat nginx');
    await tab.locator('#explain502-root button[data-action="stop"]').click();
  } finally {
    await german.close();
  }
});

test('a wait of 30 s or more is timed by an alarm that wakes the stopped service worker; the tab then reloads into the app', async () => {
  await site.stopApp();
  const url = `${site.origin}/long-wait/cart`;
  assert.equal((await page.goto(url)).status(), 502);
  await waitForPanel(page);
  const { retry, alarm } = await worker.evaluate(async (target) => {
    const tab = (await chrome.tabs.query({})).find((t) => t.url === target);
    const { [`tab:${tab.id}`]: state } = await chrome.storage.session.get(`tab:${tab.id}`);
    return { retry: state.retry, alarm: await chrome.alarms.get(`retry:${tab.id}`) };
  }, url);
  // nginx's Retry-After: 30, plus the core's spread of up to a tenth more.
  assert.equal(retry.timer, 'alarm');
  assert.ok(retry.waitMs >= 30_000 && retry.waitMs <= 33_000, String(retry.waitMs));
  assert.equal(alarm?.scheduledTime, retry.dueAt);
  // Stop the worker, as Chromium does after 30 s idle: only the alarm can start it again.
  // (Playwright keeps one Worker object across the stop and the restart: the worker's own
  // DevTools target; the CDP ServiceWorker domain says when it stops and starts.)
  workerErrors.push(...await worker.evaluate(() => self.testErrors));
  const cdp = await context.newCDPSession(page);
  const statuses = [];
  const reached = (status) => new Promise((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const ours = versions.find((v) => v.scriptURL === worker.url());
      if (ours && statuses.at(-1)?.status !== ours.runningStatus) statuses.push({ status: ours.runningStatus, at: Date.now() });
      if (ours?.runningStatus === status) resolve();
    });
  });
  const stopped = reached('stopped');
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await Promise.race([stopped, sleep(5000).then(() => { throw new Error('the service worker did not stop'); })]);
  await site.startApp();
  await page.locator('#app').waitFor({ timeout: retry.dueAt - Date.now() + 10_000 });
  await cdp.detach();
  assert.ok(Date.now() >= retry.dueAt, 'not reloaded before the wait was over');
  const started = statuses.find((s) => s.status === 'starting' && s.at > statuses.find((t) => t.status === 'stopped').at);
  assert.ok(started && started.at >= retry.dueAt - 1000, `the worker slept until the alarm: ${JSON.stringify(statuses)}`);
  assert.deepEqual(requestsFor('/long-wait/cart'), ['HEAD /long-wait/cart', 'GET /long-wait/cart'], 'one probe, one reload');
  assert.equal(await worker.evaluate(() => self.testErrors), undefined, 'a new worker global, started by the alarm');
  await watchErrors(worker, { console: false });
});

test('the service worker logged no errors', async () => {
  assert.deepEqual(workerErrors, []);
  assert.deepEqual(await worker.evaluate(() => self.testErrors), []);
});
