// The same journey in Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi, with
// dist/extension/firefox installed as an add-on. This file checks what the page shows (the
// panel), the badge and the popup, and what reaches the app. One test opens the options page
// and the browser's permission prompt, for host access left ungranted at install.
// The defaults are used as shipped: third-party down-detectors are off until the user turns
// them on, so all traffic stays on loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { HOSTILE, panelText, startSite } from './support/extension-site.mjs';

const extension = resolve('dist/extension/firefox');
let site, browser, page, extensionPage;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Polls `check` every 100 ms until it holds; fails after `timeout` ms. */
async function until(check, timeout = 10_000) {
  for (const end = Date.now() + timeout; !(await check());) {
    if (Date.now() > end) throw new Error(`not within ${timeout} ms: ${check}`);
    await sleep(100);
  }
}

const GECKO_ID = 'explain502@explain502.github.io';
/** The main browser's extension UUID, fixed so that its pages have a known address. */
const UUID = '9a6f0c2e-3b4d-4e5f-8a7b-1c2d3e4f5a6b';
const extensionUrl = `moz-extension://${UUID}/`;

before(async () => {
  site = await startSite();
  // BiDi opens moz-extension:// pages (the popup, and one where the tests ask the extension's
  // APIs about the badge) only with --remote-allow-system-access.
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
  });
  assert.equal(await browser.installExtension(extension), GECKO_ID);
  page = await browser.newPage();
  // An extension page in a background tab: the tests' window onto browser.action and tabs.
  extensionPage = await openExtensionPage(browser, `${extensionUrl}options/options.html`, { background: true });
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

/**
 * Opens an extension page in a new tab, in the background if asked (the active tab stays as it
 * was; a background tab shows no permission prompt). A raw BiDi navigate: puppeteer's goto()
 * never resolves for a moz-extension:// page, and its page.url() stays about:blank (the load is
 * not reported to it); BiDi's own navigate does resolve, and the page object then works.
 */
async function openExtensionPage(target, url, { background = false } = {}) {
  const { result: { context } } = await target.connection.send('browsingContext.create', { type: 'tab', background });
  await target.connection.send('browsingContext.navigate', { context, url, wait: 'complete' });
  // Found by its BiDi context (the frame's _id): asking each page its location would also ask
  // tabs closed meanwhile, which puppeteer may still list ("no such frame").
  const opened = (await target.pages()).find((candidate) => candidate.mainFrame()._id === context);
  if (!opened || await opened.evaluate(() => location.href) !== url) throw new Error(`no page shows ${url}`);
  return opened;
}

/** Evaluates `expression` (awaited) in the browser's own window, where its prompts are. */
async function inBrowserWindow(target, expression) {
  const { result: { contexts: [window] } } = await target.connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const { result } = await target.connection.send('script.evaluate', { target: { context: window.context }, expression, awaitPromise: true });
  if (result.type !== 'success') throw new Error(result.exceptionDetails?.text ?? 'evaluation failed');
  return result.result.value ?? null;
}

/** The badge's text, colour and title for the tab showing `url` (asked in an extension page). */
function badgeOf(url) {
  return extensionPage.evaluate(async (target) => {
    const tab = (await browser.tabs.query({})).find((t) => t.url === target);
    if (!tab) return null;
    const [text, color, title] = await Promise.all([
      browser.action.getBadgeText({ tabId: tab.id }),
      browser.action.getBadgeBackgroundColor({ tabId: tab.id }),
      browser.action.getTitle({ tabId: tab.id }),
    ]);
    return { tabId: tab.id, text, color, title };
  }, url);
}

/** The popup opened as a page for the tab `tabId` (its `?tab=`), once it shows a report. */
async function openPopup(tabId) {
  const popup = await openExtensionPage(browser, `${extensionUrl}popup/popup.html?tab=${tabId}`, { background: true });
  await popup.waitForSelector('#report:not([hidden])', { timeout: 10_000 });
  return popup;
}
const textIn = (target, selector) => target.$eval(selector, (node) => node.textContent);

const waitForPanel = (target) => target.waitForFunction(panelText, { timeout: 10_000 });
const requestsFor = (path) => site.appRequests.filter((line) => line.split(' ')[1] === path);
const shadowText = (selector) => page.evaluate(
  (s) => document.getElementById('explain502-root')?.shadowRoot?.querySelector(s)?.textContent ?? null, selector);

test('pages that are fine get no panel and no probes', async () => {
  await site.startApp();
  for (const path of ['/fine.html', '/ok', '/missing']) assert.ok((await page.goto(`${site.origin}${path}`)).status() < 500);
  await sleep(1500);
  assert.equal(await page.evaluate(panelText), null);
  assert.deepEqual(requestsFor('/ok'), ['GET /ok']);
  assert.deepEqual(requestsFor('/missing'), ['GET /missing']);
  assert.equal((await badgeOf(`${site.origin}/missing`)).text, '');
});

test('a 502 shows the panel (status, gateway nginx), the badge and the popup; the tab reloads into the app once it is back', async () => {
  await site.stopApp();
  const url = `${site.origin}/shop`;
  assert.equal((await page.goto(url)).status(), 502);
  await waitForPanel(page);
  assert.equal(await shadowText('[data-testid="explain502-status"]'), '502');
  assert.match(await shadowText('[data-testid="explain502-gateway"]'), /nginx/);
  const { tabId, ...badge } = await badgeOf(url);
  assert.deepEqual(badge, {
    text: '502',
    color: [0xb3, 0x26, 0x1e, 255],
    title: 'explain502: 502 · Answered by nginx',
  });
  const popup = await openPopup(tabId);
  assert.equal(await textIn(popup, '[data-testid="explain502-status"]'), '502');
  assert.equal(await textIn(popup, '[data-testid="explain502-gateway"]'), 'nginx');
  assert.equal(await textIn(popup, '#url'), url);
  assert.equal(await textIn(popup, '#headline'), await shadowText('.headline'));
  assert.notEqual(await textIn(popup, '#headline'), '');
  assert.equal(await popup.$eval('#host-access', (node) => node.hidden), true, 'host access was granted at install');
  await popup.close();
  // The core's down check answers (only the browser's own view is on by default).
  await page.waitForFunction(() => /could not tell|down for everyone, not just you|Others can reach/.test(
    document.getElementById('explain502-root').shadowRoot.querySelector('[data-testid="explain502-verdict"]').textContent));
  await site.startApp();
  await page.waitForSelector('#app', { timeout: 30_000 });
  assert.equal(await page.evaluate(panelText), null);
  assert.equal((await badgeOf(url)).text, '');
});

test('a POST that got a 502 is explained but never reloaded or resent', async () => {
  await site.stopApp();
  await page.goto(`${site.origin}/form.html`);
  await Promise.all([page.waitForNavigation(), page.click('button')]);
  await waitForPanel(page);
  assert.match(await page.evaluate(panelText), /POST/);
  await site.startApp();
  await sleep(7000);
  assert.deepEqual(requestsFor('/submit'), []);
  assert.equal(await shadowText('[data-testid="explain502-status"]'), '502');
});

test('"Stop retrying" stops the probes and the reload', async () => {
  await site.stopApp();
  await page.goto(`${site.origin}/stop-me`);
  await waitForPanel(page);
  await page.evaluate(() => document.getElementById('explain502-root').shadowRoot.querySelector('button[data-action="stop"]').click());
  await page.waitForFunction(() => /Stopped trying automatically/.test(document.getElementById('explain502-root').shadowRoot.textContent));
  await site.startApp();
  await sleep(7000);
  assert.deepEqual(requestsFor('/stop-me'), []);
  assert.equal(await page.$('#app'), null);
});

test('a link opened in a background tab that 502s shows its panel there, not in the active tab; its recovery pauses until it is shown', async () => {
  await site.stopApp();
  const opener = await browser.newPage();
  await opener.goto(`${site.origin}/links.html`);
  const opened = browser.waitForTarget((target) => target.url().endsWith('/background-502'), { timeout: 10_000 });
  await opener.keyboard.down('Control');
  await opener.click('#bg');
  await opener.keyboard.up('Control');
  const background = await (await opened).page();
  await waitForPanel(background);
  assert.equal(opener.url(), `${site.origin}/links.html`);
  assert.equal(await opener.evaluate(() => document.visibilityState), 'visible', 'the opener stayed the active tab');
  assert.equal(await opener.evaluate(panelText), null);
  assert.equal((await badgeOf(`${site.origin}/background-502`)).text, '502');
  assert.equal((await badgeOf(`${site.origin}/links.html`)).text, '');
  // Hidden, the tab's panel tells the core's recovery machine, which pauses (no timer, no
  // probe); shown, the machine takes the site's lead again and counts down or checks.
  const retryState = () => extensionPage.evaluate(async (target) => {
    const tab = (await browser.tabs.query({})).find((t) => t.url === target);
    const { [`tab:${tab?.id}`]: state = null } = await browser.storage.session.get(`tab:${tab?.id}`);
    return state?.retry?.state ?? null;
  }, `${site.origin}/background-502`);
  assert.equal(await background.evaluate(() => document.hidden), true, 'the background tab is hidden');
  await until(async () => (await retryState()) === 'paused');
  await background.bringToFront();
  await until(async () => ['waiting', 'checking'].includes(await retryState()));
  await background.close();
  await opener.close();
  await page.bringToFront();
});

test('a 200 page reached with Back shows nothing', async () => {
  await site.stopApp();
  // Its own tab: puppeteer's goBack() over BiDi never resolves on a back/forward-cache restore
  // in Firefox (the tab does go back), and the page object is unusable afterwards.
  const tab = await browser.newPage();
  await tab.goto(`${site.origin}/fine.html`);
  await tab.goto(`${site.origin}/back-502`);
  await waitForPanel(tab);
  await tab.evaluate(() => history.back());
  await tab.waitForFunction(() => location.pathname === '/fine.html' && document.readyState === 'complete');
  await sleep(1500);
  assert.equal(await tab.evaluate(panelText), null);
  assert.equal((await badgeOf(`${site.origin}/fine.html`)).text, '');
  await tab.close();
  await page.bringToFront();
});

test('a load balancer named only by its two Set-Cookie headers (AWSALB, AWSALBCORS) is named aws_elb in the panel', async () => {
  await page.goto(`${site.hostileOrigin}/elb-502`);
  await waitForPanel(page);
  assert.equal(await shadowText('[data-testid="explain502-gateway"]'), 'aws_elb');
});

test('a hostile title, URL and headers stay inert text in the panel and the popup', async () => {
  const url = `${site.hostileOrigin}/${encodeURIComponent(HOSTILE)}`;
  await page.goto(url);
  await waitForPanel(page);
  assert.equal(await shadowText('[data-testid="explain502-gateway"]'), HOSTILE);
  assert.equal(await page.evaluate(() => document.getElementById('explain502-root').shadowRoot.querySelectorAll('img').length), 0);
  const popup = await openPopup((await badgeOf(url)).tabId);
  assert.equal(await textIn(popup, '[data-testid="explain502-gateway"]'), HOSTILE);
  assert.equal(await popup.$('#title'), null, 'the page\'s own title is not shown');
  assert.equal(await textIn(popup, '#url'), url);
  assert.equal(await popup.$$eval('img', (images) => images.length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await popup.evaluate(() => window.__pwned), undefined);
  await popup.close();
});

test('host access left ungranted at install: nothing is detected until "Allow access to sites" and the browser\'s prompt grant it', async () => {
  await site.stopApp();
  // A second Firefox that installs MV3 host permissions ungranted, as a user may choose. BiDi
  // opens moz-extension:// pages and reaches the browser's own window (the prompt) only with
  // --remote-allow-system-access; the fixed UUID gives the options page a known address.
  const uuid = '5d1c3b4e-7f6a-4c2d-9e8b-0a1b2c3d4e5f';
  const ungranted = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.originControls.grantByDefault': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    },
  });
  try {
    assert.equal(await ungranted.installExtension(extension), GECKO_ID);
    const tab = await ungranted.newPage();
    assert.equal((await tab.goto(`${site.origin}/ungranted-502`)).status(), 502);
    await sleep(1500);
    assert.equal(await tab.evaluate(panelText), null, 'without host access nothing is detected');
    const options = await openExtensionPage(ungranted, `moz-extension://${uuid}/options/options.html`);
    await options.waitForSelector('#host-access:not([hidden])', { timeout: 10_000 });
    assert.equal(await options.$eval('#grant', (button) => button.textContent), 'Allow access to sites');
    await options.click('#grant'); // a user gesture, as permissions.request requires
    const prompt = await inBrowserWindow(ungranted, `(async () => {
      for (let i = 0; i < 50; i += 1) {
        const prompt = document.getElementById('addon-webext-permissions-notification');
        if (prompt && PopupNotifications.panel.state === 'open') {
          const text = prompt.textContent.replace(/\\s+/g, ' ');
          prompt.button.click();
          return text;
        }
        await new Promise((resolve) => { setTimeout(resolve, 100); });
      }
      return null;
    })()`);
    assert.match(prompt ?? '', /explain502 requests additional settings.*Access your data for all websites/);
    await options.waitForSelector('#host-access[hidden]', { timeout: 5000 });
    assert.equal(await options.evaluate(() => browser.permissions.contains({ origins: ['http://*/*', 'https://*/*'] })), true);
    await tab.bringToFront();
    assert.equal((await tab.goto(`${site.origin}/granted-502`)).status(), 502);
    await waitForPanel(tab);
    assert.equal(await tab.evaluate(() => document.getElementById('explain502-root').shadowRoot
      .querySelector('[data-testid="explain502-status"]').textContent), '502');
  } finally {
    await ungranted.close();
  }
});

test('addons-linter: 0 errors and no warning but MANIFEST_CSP, for the folder and the zip', () => {
  for (const target of [extension, resolve('dist/explain502-firefox.zip')]) {
    const output = execFileSync('npx', ['addons-linter', '--output', 'json', target], { encoding: 'utf8', timeout: 60_000 });
    const result = JSON.parse(output);
    assert.deepEqual(result.errors.map((m) => m.code), [], target);
    assert.deepEqual(result.warnings.map((m) => m.code).filter((code) => code !== 'MANIFEST_CSP'), [], target);
  }
});

test('web-ext lint (beside addons-linter): 0 errors', () => {
  const output = execFileSync('npx', ['--no-install', 'web-ext', 'lint', '--source-dir', extension, '--output', 'json', '--no-config-discovery'],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
  const result = JSON.parse(output.slice(output.indexOf('{')));
  console.log(`figure: web-ext lint: ${result.errors.length} errors, ${result.warnings.length} warnings, ${result.notices.length} notices`);
  assert.deepEqual(result.errors.map((m) => `${m.code}: ${m.message}`), []);
});

test('both manifests: one base, the per-browser background, the exact CSP', () => {
  const read = (browser) => JSON.parse(readFileSync(resolve(`dist/extension/${browser}/manifest.json`), 'utf8'));
  const [chrome, firefox] = [read('chrome'), read('firefox')];
  const csp = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';";
  for (const manifest of [chrome, firefox]) {
    assert.equal(manifest.manifest_version, 3);
    assert.equal(manifest.content_security_policy.extension_pages, csp);
  }
  assert.deepEqual(chrome.background, { service_worker: 'background/background.js', type: 'module' });
  assert.deepEqual(firefox.background, { scripts: ['background/background.js'], type: 'module' });
  assert.equal(chrome.browser_specific_settings, undefined);
  assert.ok(firefox.browser_specific_settings.gecko.id && firefox.browser_specific_settings.gecko.strict_min_version);
  const shared = (manifest) => {
    const { background, browser_specific_settings, minimum_chrome_version, ...rest } = manifest;
    return rest;
  };
  assert.deepEqual(shared(chrome), shared(firefox), 'everything else comes from manifest.base.json');
});
