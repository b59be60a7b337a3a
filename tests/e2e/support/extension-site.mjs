// The site the extension e2e tests visit, all on 127.0.0.1: a real nginx in front of an app
// port that the test starts and stops, plus static pages nginx serves itself (always 200),
// and a hostile gateway whose 502 carries markup in its headers, title and body. Under
// /long-wait/ nginx adds `Retry-After: 30` to every answer (its own 502 included): the core then
// waits at least 30 s, the shortest wait the extension times with `alarms`.
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startNginx } from './servers.mjs';
import { SPA_HTML } from './real-browsing.mjs';

export const HOSTILE = '<img src=x onerror="window.__pwned=1">';

export async function startSite() {
  const [port, appPort, hostilePort] = [await freePort(), await freePort(), await freePort()];
  const origin = `http://127.0.0.1:${port}`;
  const pages = mkdtempSync(join(tmpdir(), 'explain502-ext-pages-'));
  writeFileSync(join(pages, 'fine.html'), '<!doctype html><title>fine</title><p>static and fine</p>');
  writeFileSync(join(pages, 'form.html'),
    '<!doctype html><title>form</title><form method="post" action="/submit"><input name="q" value="1"><button>send</button></form>');
  writeFileSync(join(pages, 'links.html'), '<!doctype html><title>links</title><a id="bg" href="/background-502">open</a>');
  writeFileSync(join(pages, 'spa.html'), SPA_HTML);
  const nginx = await startNginx(port, `
    location = /fine.html { root ${pages}; }
    location = /form.html { root ${pages}; }
    location = /links.html { root ${pages}; }
    location = /spa.html { root ${pages}; }
    location / { proxy_pass http://127.0.0.1:${appPort}; }
    location /long-wait/ { proxy_pass http://127.0.0.1:${appPort}; add_header Retry-After 30 always; }`);

  /** Every request the app received: "METHOD /path". */
  const appRequests = [];
  let app = null;
  const startApp = () => new Promise((resolve) => {
    if (app) { resolve(); return; } // already up
    app = createServer((request, response) => {
      appRequests.push(`${request.method} ${request.url}`);
      if (request.url.startsWith('/missing')) {
        response.writeHead(404, { 'content-type': 'text/html' }).end('<!doctype html><title>missing</title>not here');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' })
        .end('<!doctype html><title>app</title><p id="app">the app is up</p>');
    }).listen(appPort, '127.0.0.1', resolve);
  });
  const stopApp = () => new Promise((resolve) => {
    if (!app) { resolve(); return; }
    app.closeAllConnections();
    app.close(() => resolve());
    app = null;
  });

  const hostile = createServer((request, response) => {
    if (request.url === '/elb-502') {
      // A load balancer named only by its stickiness cookies, next to the app's own (AWS docs,
      // "Sticky sessions for your Application Load Balancer": AWSALB, AWSALBCORS); two
      // Set-Cookie headers that must reach the core apart.
      response.setHeader('content-type', 'text/html');
      response.setHeader('set-cookie', [
        'session=8f2c1d; Path=/; HttpOnly',
        'AWSALB=r7Fh2kq0ZX; Expires=Wed, 02 Dec 2026 14:30:00 GMT; Path=/',
        'AWSALBCORS=r7Fh2kq0ZX; Expires=Wed, 02 Dec 2026 14:30:00 GMT; Path=/; SameSite=None; Secure',
      ]);
      response.writeHead(502).end('<!doctype html><title>502</title><h1>502</h1>');
      return;
    }
    response.writeHead(502, { server: HOSTILE, 'x-detail': HOSTILE, 'content-type': 'text/html' })
      .end(`<!doctype html><title>${HOSTILE.replace(/</g, '&lt;')}</title><h1>bad gateway</h1>`);
  });
  await new Promise((resolve) => hostile.listen(hostilePort, '127.0.0.1', resolve));

  return {
    origin,
    appPort,
    hostileOrigin: `http://127.0.0.1:${hostilePort}`,
    appRequests,
    startApp,
    stopApp,
    async stop() {
      await stopApp();
      hostile.closeAllConnections();
      await new Promise((resolve) => hostile.close(resolve));
      await nginx.stop();
    },
  };
}

/** The panel's text, or null when there is no panel (works from the page's main world). */
export function panelText() {
  return document.getElementById('explain502-root')?.shadowRoot?.querySelector('section')?.textContent ?? null;
}
