// The real-browsing cases of the extension e2e (issue 16), on 127.0.0.1 only:
// - an "edge" (Node) that answers what sites behind bot protection and rate limits answer:
//   Cloudflare's recorded challenge (cloudflare-challenge/, at 403 and at 503), and pages whose
//   navigation gets a 503 while a check of the same address (HEAD, or a GET without the
//   browser's navigation headers) gets 401, 403 or 429;
// - a single-page app whose own fetches get 502s (the page itself is fine);
// - a site in maintenance: nginx answering 503 with its own page and `Retry-After`, configured
//   as official-stockfish/fishtest issue #1680 shows it (`return 503; error_page 503 @maintenance;`).
// Every request is logged ("METHOD /path cache-control") so tests count probes and reloads.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startNginx } from './servers.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Embed's PHP cache file → { status, headers (the final answer's), body }. */
export function cloudflareChallenge() {
  const php = readFileSync(join(here, 'cloudflare-challenge/codepen.io.zhouzi-pen-jorazp.php'), 'utf8');
  const unquote = (s) => s.replace(/\\(['\\])/g, '$1');
  const headers = {};
  const block = php.slice(php.indexOf("'headers' =>"), php.indexOf("'statusCode'"));
  for (const [, name, values] of block.matchAll(/'([^']+)' => \[((?:\s*'(?:[^'\\]|\\.)*',?)+)\s*\]/g)) {
    const all = [...values.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => unquote(m[1]));
    headers[name.toLowerCase()] = all.at(-1);
  }
  // Stored decoded (so no content-encoding / length), hop-by-hop, or Embed's own.
  for (const name of ['content-encoding', 'content-length', 'connection', 'date', 'location', 'content-location', 'x-request-time', 'alt-svc']) delete headers[name];
  const status = Number(php.match(/'statusCode' => (\d+)/)[1]);
  const body = unquote(php.slice(php.indexOf("'body' => '") + "'body' => '".length, php.lastIndexOf("'\n];")));
  return { status, headers, body };
}

/**
 * A navigation is what the browser sends for a top-level page (`sec-fetch-mode: navigate`);
 * anything else to a `/probe-NNN/` page is the extension's check. Reloads the browser makes
 * (ours with bypassCache) are navigations too.
 */
const isNavigation = (request) => request.headers['sec-fetch-mode'] === 'navigate' || request.headers['sec-fetch-dest'] === 'document';

/** The edge's cases, each on its own port (its own site: one tab per site checks for all). */
export const EDGE_CASES = ['challenge-403', 'challenge-503', 'probe-401', 'probe-403', 'probe-429'];

export async function startRealBrowsing({ appPort }) {
  const maintenancePort = await freePort();
  const challenge = cloudflareChallenge();
  /** Every request to the edge: { site, method, path, navigation, hints, at }. */
  const edgeRequests = [];
  const handler = (site) => (request, response) => {
    const path = request.url.split('?')[0];
    edgeRequests.push({
      site, method: request.method, path, navigation: isNavigation(request), at: Date.now(),
      // Chromium asks again once, at once, with the client hints a `critical-ch` header names
      // (the challenge sends one): the browser's retry, not a reload.
      hints: 'sec-ch-ua-bitness' in request.headers,
    });
    if (path.startsWith('/cdn-cgi/challenge-platform/')) {
      // The challenge page loads Cloudflare's script from here, and its onload puts the page's
      // address back (history.replaceState). The script itself is not recorded: an empty one
      // stands in, so the address comes back as it does behind Cloudflare.
      response.writeHead(200, { 'content-type': 'application/javascript', 'cache-control': 'no-store' }).end('');
      return;
    }
    const challengeAt = site.match(/^challenge-(403|503)$/);
    if (challengeAt) {
      response.writeHead(Number(challengeAt[1]), challenge.headers).end(request.method === 'HEAD' ? undefined : challenge.body);
      return;
    }
    // The page's navigation gets a gateway's 503; a check gets what bot protection or a rate
    // limit answers scripts (the status after probe-).
    const probe = site.match(/^probe-(401|403|429)$/);
    if (isNavigation(request) && request.method === 'GET') {
      response.writeHead(503, { 'content-type': 'text/html', 'cache-control': 'no-store' })
        .end('<!doctype html><title>503 Service Unavailable</title><h1>503 Service Unavailable</h1>');
    } else {
      response.writeHead(Number(probe[1]), { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end(request.method === 'HEAD' ? undefined : 'no');
    }
  };
  const edges = {};
  for (const site of EDGE_CASES) {
    const port = await freePort();
    const server = createServer(handler(site));
    await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
    edges[site] = { server, origin: `http://127.0.0.1:${port}` };
  }

  // Maintenance: nginx answers 503 with the site's own page and Retry-After while a file
  // exists (the usual switch), proxies to the app otherwise.
  const root = mkdtempSync(join(tmpdir(), 'explain502-maintenance-'));
  writeFileSync(join(root, 'maintenance.html'),
    '<!doctype html><title>Down for maintenance</title><h1>We are upgrading the shop</h1><p>Back in a few minutes.</p>');
  const flag = join(root, 'on');
  writeFileSync(flag, '');
  const retryAfter = 600;
  const maintenance = await startNginx(maintenancePort, `
    location / {
      if (-f ${flag}) { return 503; }
      proxy_pass http://127.0.0.1:${appPort};
    }
    error_page 503 @maintenance;
    location @maintenance {
      root ${root};
      add_header Retry-After ${retryAfter} always;
      rewrite ^ /maintenance.html break;
    }`);

  return {
    /** The origin of one edge case (EDGE_CASES). */
    edgeOrigin: (site) => edges[site].origin,
    maintenanceOrigin: `http://127.0.0.1:${maintenancePort}`,
    retryAfter,
    challenge,
    edgeRequests,
    /** Requests to `path` on the edge: probes (not navigations) and navigations. */
    /** The site's maintenance is over: nginx proxies to the app again. */
    endMaintenance: () => rmSync(flag, { force: true }),
    countsFor(site, path, since = 0) {
      const list = edgeRequests.filter((r) => r.site === site && r.path === path && r.at >= since);
      const navigations = list.filter((r) => r.navigation);
      const hintRetries = navigations.filter((r, i) => i > 0 && r.hints && !navigations[i - 1].hints && r.at - navigations[i - 1].at < 2000);
      return {
        probes: list.filter((r) => !r.navigation).length,
        navigations: navigations.length - hintRetries.length,
        hintRetries: hintRetries.length,
      };
    },
    async stop() {
      for (const { server } of Object.values(edges)) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      await maintenance.stop();
    },
  };
}

/**
 * A single-page app: the page is fine (200) and its own fetches to the site's API get the
 * gateway's 502 (the app behind nginx is stopped). Served by nginx as a static file.
 */
export const SPA_HTML = `<!doctype html><title>spa</title><p id="spa">an app</p><script>
  let failures = 0;
  async function tick() {
    try { const r = await fetch('/api/items', { cache: 'no-store' }); if (r.status >= 500) failures += 1; } catch { failures += 1; }
    document.getElementById('spa').dataset.failures = String(failures);
    if (failures < 5) setTimeout(tick, 200);
  }
  tick();
</script>`;
