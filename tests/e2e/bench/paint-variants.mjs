// Bench (prints figures; not a test): what the "first paint <= 1.1x nginx's own 502 page"
// comparison of tests/e2e/error-page.test.mjs really measures. ONE nginx (startNginx) on
// 127.0.0.1 with a dead upstream and one location per variant, each answering 502 with a
// different body; Chromium (Debian's, via playwright-core, the e2e launch) loads them round-robin,
// each load cold in a fresh context at 360x740, and records first-contentful-paint
// (PerformanceObserver, as the test does) plus the navigation timing (responseStart,
// responseEnd, domInteractive, domContentLoadedEventEnd) and the bytes on the wire
// (transferSize / encodedBodySize). Medians, IQR and min-max per variant, ratios to variant a,
// the phases responseEnd->domInteractive and domInteractive->FCP, and bootstrap intervals of
// the median ratio (all rounds, and 7 rounds as the e2e test). Needs the built pages (`make`).
// Variant letters and results: docs/paint-measurements.md.
//
// Run from the repo root, the browser lock held, on a quiet machine:
//   flock /tmp/explain502-browser.lock timeout 1200 node tests/e2e/bench/paint-variants.mjs [rounds] [mobileRounds]
// PAGES=<dir> picks the built pages (default dist/error-pages); ONLY=a,d,g runs those variants
// (a must stay: the ratios are to it); RAW=1 prints every FCP. Defaults: 15 and 7 rounds.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { freePort, startNginx } from '../support/servers.mjs';
import { launchChromium, phonePage } from '../support/browser.mjs';

const rounds = Number(process.argv[2] ?? 15);
const mobileRounds = Number(process.argv[3] ?? 7);
const pages = resolve(process.env.PAGES ?? 'dist/error-pages');
const real = readFileSync(join(pages, '502.html'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'explain502-paint-'));
const dead = await freePort();
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;

// The floor and the headline-only page exactly as error-page.test.mjs builds them.
const head = '<!doctype html>\n<html lang="en">\n<meta charset="utf-8">\n'
  + '<meta name="viewport" content="width=device-width,initial-scale=1">\n<title>502 Bad Gateway</title>\n<p>502</p>';
const h1 = real.match(/<h1>[\s\S]*?<\/h1>/)[0];
const advice = real.match(/<h2>[^<]*<\/h2><ul>[\s\S]*?<\/ul>/)[0];
const floor = `${head}${h1}${advice}\n`;
const noScripts = real.replace(/<script[\s\S]*?<\/script>/g, '');

// Variant a first, alone, to fetch nginx's built-in bytes for b and c.
const files = {};
const locations = [];
function fileVariant(name, body, { gzip = false } = {}) {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, '502.html'), body);
  if (gzip) writeFileSync(join(dir, name, '502.html.gz'), gzipSync(body, { level: 9 }));
  files[name] = body;
  // As the documented snippet: proxy_intercept_errors, error_page to an internal location;
  // gzip_static + the two add_header lines for the real page (the cookie's map is http-level,
  // so a `set` stands in for it: the value a navigation GET gets).
  locations.push(`location /${name}/ { proxy_pass http://127.0.0.1:${dead}; proxy_intercept_errors on; error_page 502 /_${name}/502.html; }
    location /_${name}/ { internal; alias ${join(dir, name)}/;${gzip ? ` gzip_static on;
      set $c "explain502_method=GET; Path=/; Max-Age=60; SameSite=Strict";
      add_header Cache-Control "no-store" always; add_header Set-Cookie $c always;` : ''} }`);
}

// Built-in bytes: from a throwaway nginx with the same version and server_tokens.
{
  const p = await freePort();
  const probe = await startNginx(p, `location / { proxy_pass http://127.0.0.1:${dead}; }`);
  files.a = await (await fetch(`http://127.0.0.1:${p}/a/`)).text();
  await probe.stop();
}
const builtin = files.a;
const VARIANTS = [
  ['a', "nginx's built-in 502 page (no error_page)"],
  ['b', "a's exact bytes, from a file via error_page"],
  ['c', 'b + a 20 KB HTML comment at the end'],
  ['d', 'bare floor (status, headline, advice; as the test)'],
  ['e', 'headline alone (as the test)'],
  ['f', 'd without lang/charset/viewport (doctype kept)'],
  ['f2', 'f without doctype too (quirks, as nginx)'],
  ['d2', "d with its one non-ASCII char (U+2318 ⌘) as 'Cmd'"],
  ['b2', "b + d's advice list appended (nginx markup + our text)"],
  ['g', 'real 502.html, gzip_static (documented config)'],
  ['h', 'g without <script> elements'],
  ['h2', "h with ⌘ as 'Cmd'"],
  ['h3', 'h without its <style> (the same markup, unstyled)'],
  ['h4', "h with font 'sans-serif' instead of 'system-ui,sans-serif'"],
  ['h5', "h with font 'serif' (Chromium's default face)"],
  ['d3', "d + body{font:16px/1.5 system-ui,sans-serif}"],
  ['z', 'one character: <p>x</p> (the least any contentful page costs)'],
  ['dg', 'd served as the real page (gzip_static, Cache-Control, Set-Cookie)'],
  ['hn', 'h served as the floor (plain file: no gzip, no added headers)'],
  ['w2', "b + the advice's text cut into <=28-char lines by <br> (no wrapping)"],
  ['w3', "b + the advice's text on one nowrap line (diagnostic only)"],
  ['h6', 'h without the (closed) <details> for the site\'s team'],
  ['h7', 'h without the <ol> You/Gateway/App diagram'],
].filter(([name]) => !process.env.ONLY || process.env.ONLY.split(',').includes(name));
fileVariant('b', builtin);
fileVariant('c', builtin.replace(/<\/html>\s*$/, `</html>\n<!-- ${'x'.repeat(20 * 1024)} -->\n`));
fileVariant('d', floor);
fileVariant('e', `${head}${h1}\n`);
const bareHead = '<!doctype html>\n<title>502 Bad Gateway</title>\n<p>502</p>';
fileVariant('f', `${bareHead}${h1}${advice}\n`);
fileVariant('f2', `${bareHead.replace('<!doctype html>\n', '')}${h1}${advice}\n`);
fileVariant('d2', floor.replaceAll('⌘', 'Cmd'));
fileVariant('b2', builtin.replace('<hr>', `${advice}<hr>`));
fileVariant('g', real, { gzip: true });
fileVariant('h', noScripts, { gzip: true });
fileVariant('h2', noScripts.replaceAll('⌘', 'Cmd'), { gzip: true });
fileVariant('h3', noScripts.replace(/<style>[\s\S]*?<\/style>/, ''), { gzip: true });
fileVariant('h4', noScripts.replace('system-ui,sans-serif', 'sans-serif'), { gzip: true });
fileVariant('h5', noScripts.replace('system-ui,sans-serif', 'serif'), { gzip: true });
fileVariant('z', '<p>x</p>\n');
fileVariant('dg', floor, { gzip: true });
fileVariant('hn', noScripts);
const adviceText = advice.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
fileVariant('w2', builtin.replace('<hr>', `<p>${adviceText.match(/.{1,28}(\s|$)/g).join('<br>')}</p><hr>`));
fileVariant('w3', builtin.replace('<hr>', `<p style="white-space:nowrap">${adviceText}</p><hr>`));
fileVariant('h6', noScripts.replace(/<details>[\s\S]*?<\/details>/, ''), { gzip: true });
fileVariant('h7', noScripts.replace(/<ol [\s\S]*?<\/ol>/, ''), { gzip: true });
fileVariant('d3', floor.replace('<p>502</p>', '<style>body{font:16px/1.5 system-ui,sans-serif}</style><p>502</p>'));

const nginx = await startNginx(port, `location /a/ { proxy_pass http://127.0.0.1:${dead}; }\n    ${locations.join('\n    ')}`);
for (const [name] of VARIANTS) {
  const r = await fetch(`${origin}/${name}/x`, { headers: { 'accept-encoding': 'gzip' } });
  const body = await r.text();
  if (r.status !== 502) throw new Error(`${name}: status ${r.status}`);
  if (name !== 'a' && body !== files[name]) throw new Error(`${name}: nginx sent other bytes`);
  if (name === 'a' && body !== builtin) throw new Error('a: built-in bytes differ');
}

const browser = await launchChromium();
async function load(name, profile) {
  const { context, page } = await phonePage(browser, profile);
  try {
    await page.goto(`${origin}/${name}/shop/cart`);
    return await page.evaluate(() => new Promise((resolve, reject) => {
      new PerformanceObserver((list, observer) => {
        const entry = list.getEntriesByName('first-contentful-paint')[0];
        if (!entry) return;
        observer.disconnect();
        const done = () => {
          const n = performance.getEntriesByType('navigation')[0];
          resolve({ fcp: entry.startTime, fp: performance.getEntriesByName('first-paint')[0]?.startTime,
            resStart: n.responseStart, resEnd: n.responseEnd, inter: n.domInteractive, dcl: n.domContentLoadedEventEnd,
            wire: n.transferSize, body: n.encodedBodySize, decoded: n.decodedBodySize });
        };
        if (document.readyState === 'complete') done(); else addEventListener('load', () => setTimeout(done, 0));
      }).observe({ type: 'paint', buffered: true });
      setTimeout(() => reject(new Error('no first-contentful-paint within 10 s')), 10_000);
    }));
  } finally {
    await context.close();
  }
}

const q = (list, p) => { const s = [...list].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const med = (l) => q(l, 0.5);
const f0 = (x) => (x ?? NaN).toFixed(0);
function report(title, runs) {
  console.log(`\n## ${title}`);
  console.log('| var | wire B (body B) | responseEnd | DCL | FCP median | FCP IQR | FCP min-max | FCP/a | (FCP-responseEnd)/a\'s | what |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const a = runs.a;
  const aFcp = med(a.map((r) => r.fcp));
  const aRender = med(a.map((r) => r.fcp - r.resEnd));
  for (const [name, what] of VARIANTS) {
    const rs = runs[name];
    const fcp = rs.map((r) => r.fcp);
    const render = med(rs.map((r) => r.fcp - r.resEnd));
    console.log(`| ${name} | ${rs[0].wire} (${rs[0].body}) | ${med(rs.map((r) => r.resEnd)).toFixed(1)} | ${f0(med(rs.map((r) => r.dcl)))} `
      + `| ${med(fcp).toFixed(1)} | ${f0(q(fcp, 0.25))}-${f0(q(fcp, 0.75))} | ${f0(Math.min(...fcp))}-${f0(Math.max(...fcp))} `
      + `| ${(med(fcp) / aFcp).toFixed(2)} | ${render.toFixed(1)} / ${(render / aRender).toFixed(2)} | ${what} |`);
  }
  // Per-round ratio to a (same round, same load): median and IQR.
  console.log('\nper-round ratio FCP(v)/FCP(a): ' + VARIANTS.slice(1).map(([name]) => {
    const r = runs[name].map((x, i) => x.fcp / a[i].fcp);
    return `${name} ${med(r).toFixed(2)} [${q(r, 0.25).toFixed(2)}-${q(r, 0.75).toFixed(2)}]`;
  }).join(', '));
  // Where the time goes: responseEnd -> domInteractive (commit + parse) and domInteractive -> FCP
  // (style, layout, paint, the frame), median [IQR] per variant.
  const phase = (rs, f) => { const l = rs.map(f); return `${med(l).toFixed(0)} [${f0(q(l, 0.25))}-${f0(q(l, 0.75))}]`; };
  console.log('phases (ms, median [IQR]) resEnd->domInteractive / domInteractive->FCP: ' + VARIANTS.map(([name]) =>
    `${name} ${phase(runs[name], (r) => r.inter - r.resEnd)} / ${phase(runs[name], (r) => r.fcp - r.inter)}`).join(', '));
  // Bootstrap (rounds resampled, 2000 times): 90 % interval of median FCP(v) / median FCP(a),
  // and of the same ratio from 7 rounds only (the e2e test's design).
  let seed = 1;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const boot = (name, k) => {
    const out = [];
    for (let b = 0; b < 2000; b += 1) {
      const idx = Array.from({ length: k }, () => Math.floor(rand() * a.length));
      out.push(med(idx.map((i) => runs[name][i].fcp)) / med(idx.map((i) => a[i].fcp)));
    }
    return `${q(out, 0.05).toFixed(2)}-${q(out, 0.95).toFixed(2)}`;
  };
  console.log(`bootstrap 90 % of median ratio, all ${a.length} rounds | 7 rounds: `
    + VARIANTS.slice(1).map(([name]) => `${name} ${boot(name, a.length)} | ${boot(name, 7)}`).join(', '));
}

console.log(`chromium ${browser.version()}, nginx pid ${nginx.pid}, ${rounds} rounds unthrottled, ${mobileRounds} mobile; load at start: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
const mobile = { network: { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 }, cpu: 4 };
try {
  for (const [title, profile, n] of [['unthrottled', null, rounds], ['mobile (150 ms, 1.6 Mbit/s, CPU x4)', mobile, mobileRounds]]) {
    if (!n) continue;
    const runs = Object.fromEntries(VARIANTS.map(([name]) => [name, []]));
    await load('a', profile); // warm-up, discarded
    for (let round = 0; round < n; round += 1) {
      // Round-robin, the starting variant rotating so no variant always follows the same one.
      for (let k = 0; k < VARIANTS.length; k += 1) {
        const [name] = VARIANTS[(k + round) % VARIANTS.length];
        runs[name].push(await load(name, profile));
      }
    }
    report(title, runs);
    if (process.env.RAW) for (const [name] of VARIANTS) console.log(`raw ${name}: ${runs[name].map((r) => r.fcp.toFixed(1)).join(' ')}`);
    console.log(`load after: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  }
} finally {
  await browser.close();
  await nginx.stop();
}
