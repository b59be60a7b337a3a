// A real Chromium (Debian's /usr/bin/chromium) through playwright-core: never a downloaded one.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A fresh context (a phone's 360×740 viewport) and its page, on `profile` when given: its
 * `network` conditions and `cpu` slowdown through the DevTools protocol (the first-paint
 * measurements of tests/e2e/error-page.test.mjs and tests/e2e/bench/paint-variants.mjs).
 */
export async function phonePage(browser, profile) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  if (profile) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  }
  return { context, page };
}

/** Records every request a page makes, so tests can assert where it went. */
export function recordRequests(page) {
  const urls = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** Requests whose origin is not `origin` (data: and blob: URLs never leave the page). */
export function foreignRequests(urls, origin) {
  return urls.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
}
