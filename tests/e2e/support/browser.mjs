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
