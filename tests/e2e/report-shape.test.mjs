// One Report shape (contract §1): the wasm object equals the CLI's `--json` for every recorded
// response in tests/fixtures/*/*/response.http (`null`, not `undefined`, for what is absent).
// Runs the site's wasm bundle (dist/pkg/site, built by tools/build.mjs; it has `explainRaw`,
// the CLI's parser) in Node, and the CLI that tools/build.mjs built (tools/cli.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliPath as cli } from '../../tools/cli.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const glue = join(root, 'dist/pkg/site/explain502_core.js');
const pageWasm = join(root, 'dist/pkg/pages/explain502_page.wasm');

function fixtures() {
  const base = join(root, 'tests/fixtures');
  const found = [];
  for (const gateway of readdirSync(base, { withFileTypes: true })) {
    if (!gateway.isDirectory()) continue;
    for (const kase of readdirSync(join(base, gateway.name), { withFileTypes: true })) {
      const file = join(base, gateway.name, kase.name, 'response.http');
      if (kase.isDirectory() && existsSync(file)) found.push(file);
    }
  }
  return found.sort();
}

test('the wasm Report equals the CLI --json for every fixture', async () => {
  assert.ok(existsSync(cli), `${cli} missing: node tools/build.mjs`);
  assert.ok(existsSync(glue), `${glue} missing: node tools/build.mjs`);
  const core = await import(pathToFileURL(glue).href);
  core.initSync({ module: readFileSync(glue.replace(/\.js$/, '_bg.wasm')) });
  let compared = 0;
  for (const file of fixtures()) {
    const bytes = readFileSync(file);
    // The CLI reads bytes, JS hands a string: compare only where the two are the same text.
    const text = bytes.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(bytes)) continue;
    let fromCli;
    try {
      fromCli = JSON.parse(execFileSync(cli, ['--json', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      // Not a raw response the CLI reads: the wasm must refuse it too.
      assert.throws(() => core.explainRaw(text, undefined, undefined, undefined, {}), file);
      continue;
    }
    // `now` is the one input that differs (an HTTP-date Retry-After): both read "now" the same
    // way only if given the same clock, so a date-based after_ms is compared within a second.
    const fromWasm = core.explainRaw(text, undefined, undefined, undefined, { nowMs: Date.now() });
    const plain = JSON.parse(JSON.stringify(fromWasm, (key, value) => (value === undefined ? '<undefined>' : value)));
    if (typeof fromCli.retry?.after_ms === 'number' && typeof plain.retry?.after_ms === 'number'
      && Math.abs(fromCli.retry.after_ms - plain.retry.after_ms) <= 1000) plain.retry.after_ms = fromCli.retry.after_ms;
    assert.deepEqual(plain, fromCli, file);
    compared += 1;
  }
  assert.ok(compared >= 100, `only ${compared} fixtures compared`);
  console.log(`# compared ${compared} fixtures`);
});

// Headers cross the wasm edge as name/value pairs (what extension/background/detect.js and the
// widget's probe now pass): an app's own cookie first, then the load balancer's AWSALB
// stickiness cookies (docs.aws.amazon.com, "Sticky sessions for your Application Load
// Balancer": AWSALB and AWSALBCORS). Joined with ", " as the extension did, the second
// Set-Cookie's name is hidden inside the first value and the fingerprint is lost.
test('repeated Set-Cookie headers reach the core as pairs and name aws_elb', async () => {
  const core = await import(pathToFileURL(glue).href);
  core.initSync({ module: readFileSync(glue.replace(/\.js$/, '_bg.wasm')) });
  const cookies = [
    'session=8f2c1d; Path=/; HttpOnly',
    'AWSALB=r7Fh2kq0ZX; Expires=Wed, 02 Dec 2026 14:30:00 GMT; Path=/',
    'AWSALBCORS=r7Fh2kq0ZX; Expires=Wed, 02 Dec 2026 14:30:00 GMT; Path=/; SameSite=None; Secure',
  ];
  // As chrome.webRequest's responseHeaders, mapped the way detect.js maps them.
  const responseHeaders = [{ name: 'Content-Type', value: 'text/html' }, ...cookies.map((value) => ({ name: 'Set-Cookie', value }))];
  const pairs = responseHeaders.filter(({ value }) => typeof value === 'string').map(({ name, value }) => [name.toLowerCase(), value]);
  assert.equal(core.explain({ status: 502, headers: pairs }, {}).gateway.id, 'aws_elb');
  // An object whose value is a list keeps the values apart too.
  assert.equal(core.explain({ status: 502, headers: { 'set-cookie': cookies } }, {}).gateway.id, 'aws_elb');
  // The old joined form loses it: what this change fixes.
  assert.equal(core.explain({ status: 502, headers: { 'set-cookie': cookies.join(', ') } }, {}).gateway.id, null);
});

// Issue 14: a gateway's name comes from a response header; no Cc/Cf character of it reaches a
// surface. A browser hands header bytes over as Latin-1 (a bidi override's UTF-8 bytes become
// "â\u0080®", with a C1 control), so both forms are tried: the Report's strings (the widget,
// the extension, the site) and the error pages' own wasm, which names the gateway from a
// probe's headers (src/wasm_page.rs: printable ASCII only, else no name).
test('a gateway name from a header holds no Cc/Cf character, in the Report or the error pages\' wasm', async () => {
  const core = await import(pathToFileURL(glue).href);
  core.initSync({ module: readFileSync(glue.replace(/\.js$/, '_bg.wasm')) });
  const page = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(pageWasm)), {}).exports;
  // As www/error-pages/page.js hands headers to it and reads its answer.
  const pageName = (headers) => {
    const memory = new Uint8Array(page.memory.buffer, page.buffer(), 16 * 1024);
    const length = page.gateway_name(new TextEncoder().encodeInto(headers.map(([n, v]) => `${n}: ${v}`).join('\n'), memory).written);
    return new TextDecoder().decode(new Uint8Array(page.memory.buffer, page.buffer(), length));
  };
  const strings = (value) => (typeof value === 'string' ? [value]
    : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : []);
  const controlOrFormat = /[\p{Cc}\p{Cf}]/u;
  assert.equal(pageName([['server', 'nginx/1.25.3']]), 'nginx', 'a plain name is shown');
  let tried = 0;
  for (const server of ['nginx\u202exyz', '\u202egnp.exe', 'ng\u200binx', 'nginx\u00ad', 'Apache\u009b31m', 'cloud\u2066flare\u2069', 'nginx\u0001']) {
    for (const value of [server, Buffer.from(server, 'utf8').toString('latin1')]) {
      const report = core.explain({ status: 502, headers: [['server', value]] }, {});
      for (const text of strings(report)) assert.ok(!controlOrFormat.test(text), `Report: ${JSON.stringify(text)}`);
      const name = pageName([['server', value]]);
      assert.ok(!controlOrFormat.test(name), `error page: ${JSON.stringify(name)}`);
      tried += 1;
    }
  }
  console.log(`# ${tried} hostile Server values: no Cc/Cf character in a Report or an error page's name`);
});
