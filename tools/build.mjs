// Builds dist/ from the Rust crate and www/ (contract §3): the wasm once, wasm-bindgen once
// per bundle of wasm-pack.toml, then the widget, the self-contained error pages and the site.
// Fails loudly on anything missing. Run by `make dist`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parse } from 'acorn';
import { minify } from 'terser';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCli, cliPath } from './cli.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const read = (path) => readFileSync(join(root, path), 'utf8');

/** The [[bundle]] tables of wasm-pack.toml: our only reader of it, so a tiny parser. */
function bundles() {
  const list = [];
  for (const line of read('wasm-pack.toml').split('\n')) {
    const text = line.replace(/#.*/, '').trim();
    if (text === '[[bundle]]') list.push({});
    const pair = text.match(/^(\w+)\s*=\s*"([^"]*)"$/);
    if (pair && list.length) list.at(-1)[pair[1]] = pair[2];
  }
  for (const b of list) if (!b.target || !b.out) throw new Error(`wasm-pack.toml: a [[bundle]] needs target and out: ${JSON.stringify(b)}`);
  return list;
}

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

/**
 * Per bundle: cargo → wasm-opt → wasm-bindgen. wasm-pack would run wasm-opt after
 * wasm-bindgen, and Debian's binaryen 108 then points the exported externref table at the
 * funcref table ("WebAssembly.Table.set(): Argument 1 is invalid for table"); optimizing
 * before wasm-bindgen adds that table avoids the bug and loses almost nothing.
 */
function buildWasm() {
  // One cargo build per distinct cargo feature set of the bundles (a bundle with extra exports
  // must not grow the others' wasm, nor one with fewer carry the others'); the default first.
  const featuresOf = (b) => `${b.default_features === 'false' ? 'no-default' : ''}${b.features ? `+${b.features}` : ''}`;
  const featureSets = [...new Set(bundles().map(featuresOf))].sort();
  for (const set of featureSets) {
    const [noDefault, features] = set.split('+');
    run('cargo', ['build', '--profile', 'wasm', '--quiet', '--lib', '--target', 'wasm32-unknown-unknown',
      ...(noDefault ? ['--no-default-features'] : []), ...(features ? ['--features', features] : [])]);
    const optimized = join(root, `target/wasm32-unknown-unknown/wasm/explain502${set ? `.${set}` : ''}.opt.wasm`);
    // rustc 1.95 emits these features by default; Debian's binaryen needs them named.
    // --converge repeats the passes while they still shrink the module.
    run('wasm-opt', ['-Oz', '--converge', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
      '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
      join(root, 'target/wasm32-unknown-unknown/wasm/explain502.wasm'), '-o', optimized]);
    for (const { target, out } of bundles().filter((b) => featuresOf(b) === set)) {
      rmSync(join(root, out), { recursive: true, force: true });
      run('wasm-bindgen', ['--target', target, '--remove-name-section', '--remove-producers-section', '--out-dir', join(root, out), '--out-name', 'explain502_core', optimized]);
    }
  }
  writeNpmPackage();
}

/**
 * dist/npm: the bundler build as an npm package (`npm pack` works there): the core
 * (`import { explain } from 'explain502'`), the element (`import 'explain502/widget'`) and
 * its stylesheet.
 */
function writeNpmPackage() {
  const cargo = read('Cargo.toml');
  const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'))[1];
  const copies = { 'element.js': 'element.js', 'recovery.js': 'recovery.js', 'downcheck.js': 'downcheck.js', 'npm-widget.js': 'widget.js', 'explain502.css': 'explain502.css' };
  const pkg = {
    name: 'explain502',
    version: field('version'),
    description: field('description'),
    license: field('license'),
    repository: field('repository'),
    keywords: ['502', 'bad-gateway', 'error-page', 'web-component', 'wasm'],
    type: 'module',
    main: 'explain502_core.js',
    types: 'explain502_core.d.ts',
    exports: {
      '.': { types: './explain502_core.d.ts', default: './explain502_core.js' },
      './widget': './widget.js',
      './element.js': './element.js',
      './recovery.js': './recovery.js',
      './downcheck.js': './downcheck.js',
      './explain502.css': './explain502.css',
      './explain502_core_bg.wasm': './explain502_core_bg.wasm',
    },
    files: ['explain502_core.js', 'explain502_core_bg.js', 'explain502_core_bg.wasm', 'explain502_core_bg.wasm.d.ts',
      'explain502_core.d.ts', ...Object.values(copies), 'README.md'],
    sideEffects: ['./explain502_core.js', './widget.js', './explain502.css'],
  };
  const npm = join(dist, 'npm');
  writeFileSync(join(npm, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  for (const [from, to] of Object.entries(copies)) cpSync(join(root, 'www/widget', from), join(npm, to));
  cpSync(join(root, 'README.md'), join(npm, 'README.md'));
}

function buildWidget() {
  const web = join(dist, 'pkg/web');
  const widget = join(dist, 'widget');
  rmSync(widget, { recursive: true, force: true });
  mkdirSync(widget, { recursive: true });
  for (const file of ['explain502_core.js', 'explain502_core_bg.wasm']) cpSync(join(web, file), join(widget, file));
  for (const file of ['explain502.js', 'element.js', 'recovery.js', 'downcheck.js', 'explain502.css']) cpSync(join(root, 'www/widget', file), join(widget, file));
}

const REASONS = { 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
/** The languages of the core's i18n tables (checked against the core below). */
const LANGUAGES = ['en', 'es', 'de', 'fr', 'pt', 'ja'];
/** The core's ui.* labels the page's runtime shows (www/error-pages/page.js). */
const RUNTIME_LABELS = ['retry_in', 'seconds', 'retry_now', 'try_again', 'checking', 'back', 'back_manual', 'stopped', 'not_resent',
  'preview', 'observed', 'observed_status', 'observed_address', 'contact', 'status_page'];

/**
 * One file per status, nothing to fetch (docs/operators/README.md), small enough to go out
 * uncompressed: most gateways send an error page as it is (nginx never gzips an error_page
 * answer, HAProxy and Varnish send the file's bytes), so the raw size is what travels.
 *
 * - The text is HTML written here by the core: its report for the status and its labels, in
 *   every language, one hidden section each; a tiny inline script picks the visitor's
 *   language before the first paint (no script: English), so the first frame already has the
 *   status, the headline and the advice.
 * - What must run (the recovery, the gateway's name from a probe's headers, the address) is
 *   one payload: the runtime (page.js with element.js's and recovery.js's helpers) and the
 *   page's own wasm (buildPageWasm: src/wasm_page.rs, no wasm-bindgen), deflated
 *   (zopfli) and base64-encoded; the browser inflates it with DecompressionStream after the
 *   first paint.
 */
async function buildErrorPages() {
  const core = await loadCore();
  for (const lang of LANGUAGES) {
    if (core.uiText([lang]).lang !== lang) throw new Error(`error pages: the core does not speak ${lang}`);
  }
  const labels = Object.fromEntries(LANGUAGES.map((lang) => {
    const text = core.uiText([lang]).text;
    // Values only, in RUNTIME_LABELS' order (the payload carries the names once).
    return [lang, RUNTIME_LABELS.map((key) => text[key] ?? null)];
  }));
  const payload = await pagePayload();
  // `unpack` is the first script's (a classic script's top-level function is global): once.
  // The runtime starts once the first frame is on screen (the paint timing entry comes when
  // it was presented), not merely painted: its unpacking, inflating, compiling and the wasm
  // would otherwise compete with the first frame's raster on a busy CPU. Where paint timing
  // is missing, a timer after the first frame (bounded: 300 ms); in a hidden tab, neither
  // runs until it is shown (no frames), as before.
  const start = withPacked(await minifyScript(`{
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      setTimeout(async () => {
        const deflated = unpack(${packedSlot('payload')});
        const stream = new Blob([deflated]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
        const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
        Function('wasmBytes', new TextDecoder().decode(bytes.subarray(0, ${payload.jsLength})))(bytes.subarray(${payload.jsLength}));
      });
    };
    try {
      new PerformanceObserver(start).observe({ type: 'paint', buffered: true });
    } catch {}
    requestAnimationFrame(() => setTimeout(start, 300));
  }`), { payload: payload.data });
  const template = read('www/error-pages/page.html');
  // The stylesheet without its comments and indentation (no `/*` in its strings or urls), and
  // the rule that shows one language: the first section (the pick script puts the visitor's
  // before English, which is always in the page).
  // (one line, no `;` before a `}`: ~40 B less gzipped).
  const style = `${read('www/error-pages/page.css').replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n').map((line) => line.trim()).filter(Boolean).join('')
    .replaceAll(';}', '}')}.l~.l{display:none}`;
  const pages = join(dist, 'error-pages');
  mkdirSync(pages, { recursive: true });
  for (const status of [502, 503, 504]) {
    const reports = LANGUAGES.map((lang) => core.explain({ status }, { languages: [lang] }));
    // Each section holds the whole report in its language, the developer's advice too (the
    // core writes it in every language): +1 726 B raw, +1 506 B in the .gz of 502.html
    // against carrying it in English only, paid for by the page's smaller wasm
    // (src/wasm_page.rs, docs/size.md).
    const [english, ...others] = LANGUAGES.map((lang, i) => section(lang, reports[i], core.uiText([lang]).text, labels[lang]));
    const pick = await pickScript(others);
    for (const script of [start, pick]) {
      if (/<\/script/i.test(script)) throw new Error('inlined script contains "</script": it would end the tag early');
    }
    const html = template
      .replaceAll('{{STATUS}}', String(status))
      .replaceAll('{{REASON}}', REASONS[status])
      .replace('{{STYLE}}', () => style)
      .replace('{{PICK}}', () => pick)
      .replace('{{SECTION}}', () => english)
      .replace('{{START}}', () => start);
    writeFileSync(join(pages, `${status}.html`), html);
    // The gzip twin, for gateways that can send a shipped .gz (nginx's gzip_static, Caddy's
    // precompressed): nginx never compresses an error_page answer itself.
    writeFileSync(join(pages, `${status}.html.gz`), execFileSync('zopfli', ['--gzip', '-c', join(pages, `${status}.html`)]));
  }
}

/**
 * The first script: the visitor's language before the first paint. English is in the page
 * (what shows without JavaScript); the other languages' sections (LANGUAGES' order, one
 * SEPARATOR between) are one deflate stream (zopfli), inflated synchronously (inflate.js)
 * when one of them is the element's `lang` attribute, else the first of navigator.languages
 * whose primary subtag the core speaks (its Lang::pick rule). One stream, not one per
 * language: the sections share their markup and much of their wording's shape (measured on
 * 502.html: ~1 KB less than five streams); an English visitor inflates nothing.
 */
async function pickScript(sections) {
  if (sections.some((html) => html.includes(SEPARATOR))) throw new Error('error pages: a section contains the separator');
  const scratch = join(dist, 'pkg/pages/sections.html');
  writeFileSync(scratch, sections.join(SEPARATOR));
  const packed = { sections: execFileSync('zopfli', ['--deflate', '-c', scratch]) };
  return withPacked(await minifyScript(`${read('www/error-pages/inflate.js')}
  ${UNPACK}
  {
    const languages = ${JSON.stringify(LANGUAGES.slice(1))};
    const script = document.currentScript;
    for (const tag of [script.parentNode.getAttribute('lang'), ...(navigator.languages ?? [])]) {
      const lang = (tag ?? '').split(/[-_]/)[0].toLowerCase();
      const index = languages.indexOf(lang);
      if (lang === 'en') break;
      if (index >= 0) {
        const html = new TextDecoder().decode(inflate(unpack(${packedSlot('sections')}))).split(${JSON.stringify(SEPARATOR)})[index];
        script.insertAdjacentHTML('afterend', html);
        document.documentElement.lang = lang;
        break;
      }
    }
    script.remove();
  }`), packed);
}
/** Between two languages' sections in the pick script's stream (never in escaped HTML text). */
const SEPARATOR = '\u0001';

/**
 * Bytes as text in an inline script, base 122: each 6 bytes (big-endian, the last group
 * zero-padded) are 7 digits, each one ASCII character (122⁷ > 2⁴⁸, exact in a JS number).
 * The 122 are the ASCII characters that a template literal in an HTML script holds as they
 * are: all but NUL, CR, `$`, `<`, `\` and backquote. 7/6 of the bytes where base64 is 4/3:
 * measured on 502.html, 3 094 B less raw (36 166 → 33 072) for 458 B more in its .gz (the
 * 122 digits cost gzip ~2% more than base64's 64; 7 bits in ASCII with 2-byte escapes for the
 * six cost 4%: 1 020 B more). The raw size is what HAProxy must hold in one buffer.
 */
function pack(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 6) {
    let value = 0;
    for (let k = 0; k < 6; k += 1) value = value * 256 + (bytes[i + k] ?? 0);
    const digits = [];
    for (let k = 0; k < 7; k += 1) {
      digits.unshift(SAFE[value % 122]);
      value = Math.floor(value / 122);
    }
    text += digits.join('');
  }
  return { literal: `\`${text}\``, length: bytes.length };
}
const UNSAFE = [0, 13, 36, 60, 92, 96];
const SAFE = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).filter((_, c) => !UNSAFE.includes(c));

/** The page's reader of {@link pack}: text to `length` bytes (every loop bounded by it). */
const UNPACK = `function unpack(text, length) {
  const bytes = new Uint8Array(length);
  for (let i = 0, j = 0; j < length; i += 7, j += 6) {
    let value = 0;
    for (let k = 0; k < 7; k += 1) {
      const c = text.charCodeAt(i + k) || 0;
      value = value * 122 + c - ${JSON.stringify(UNSAFE)}.filter((u) => u < c).length;
    }
    for (let k = 5; k >= 0; k -= 1) {
      bytes[j + k] = value % 256;
      value = Math.floor(value / 256);
    }
  }
  return bytes;
}`;

/** A placeholder for packed bytes that minifying leaves alone (a string it may requote). */
const packedSlot = (name) => JSON.stringify(`@@packed:${name}@@`);

/** The minified script with each {@link packedSlot} replaced by its bytes, {@link pack}ed. */
function withPacked(code, data) {
  return code.replace(/(["'`])@@packed:(\w+)@@\1/g, (_, __, name) => {
    if (!data[name]) throw new Error(`packed bytes: nothing for ${name}`);
    const { literal, length } = pack(data[name]);
    // A slot is unpack's arguments (text, length).
    return `${literal},${length}`;
  });
}

/**
 * The page's runtime and wasm as one deflated blob: the JavaScript (its length says where the
 * wasm starts), run by the start script as a function of `wasmBytes`. zopfli writes the same
 * deflate format ~6% smaller than zlib's level 9.
 */
async function pagePayload() {
  const js = await minifyModule([
    read('www/widget/element.js'),
    read('www/widget/recovery.js'),
    read('www/error-pages/page.js'),
    '(async () => {',
    '  const { instance } = await WebAssembly.instantiate(wasmBytes);',
    `  await runPage(pageCore(instance.exports), ${JSON.stringify(RUNTIME_LABELS)});`,
    "})().catch((error) => console.error('explain502:', error));",
  ].join('\n'));
  if (/\bimport\b\s*[.(]|^\s*export\b/m.test(js)) throw new Error('error pages: the runtime still has module syntax');
  const jsBytes = Buffer.from(js);
  const scratch = join(dist, 'pkg/pages/payload.bin');
  writeFileSync(scratch, Buffer.concat([jsBytes, readFileSync(join(dist, PAGE_WASM))]));
  const data = execFileSync('zopfli', ['--deflate', '-c', scratch], { maxBuffer: 1 << 24 });
  return { data, jsLength: jsBytes.length };
}

const PAGE_WASM = 'pkg/pages/explain502_page.wasm';

/**
 * The error pages' wasm: the crate with the cargo feature `page` only (src/wasm_page.rs: plain
 * exports, no wasm-bindgen, no i18n tables), optimized like the others (buildWasm), without
 * the custom sections a browser ignores (names, producers, target features: the last ~100 B
 * of the payload).
 */
function buildPageWasm() {
  run('cargo', ['build', '--profile', 'wasm', '--quiet', '--lib', '--target', 'wasm32-unknown-unknown', '--no-default-features', '--features', 'page']);
  mkdirSync(join(dist, 'pkg/pages'), { recursive: true });
  run('wasm-opt', ['-Oz', '--converge', '--low-memory-unused', '--strip-debug', '--strip-producers', '--strip-target-features', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
    join(root, 'target/wasm32-unknown-unknown/wasm/explain502.wasm'), '-o', join(dist, PAGE_WASM)]);
}

/** A classic inline script, minified (terser, names mangled; no module syntax). */
async function minifyScript(code) {
  return (await minify(code, { ecma: 2020, compress: { passes: 2 }, format: { comments: false } })).code;
}

/**
 * One language's section: the core's report for a bare status (headline, where it stopped,
 * the advice) and its labels, as static HTML. The boxes the runtime fills later are there
 * already (the retry line, the gateway's name), sized by the stylesheet.
 */
function section(lang, report, ui, labels) {
  const hop = report.failing_hop;
  const node = (label, at, extra = '') => `<li${hop === at ? ' class="f"' : ''}><b>${escapeText(label)}</b>${extra}${
    hop === at ? `<span>✕ ${escapeText(ui.failed_here)}</span>` : ''}</li>`;
  const list = (tips, attributes = '') => `<ul${attributes}>${tips.map((tip) => `<li>${escapeText(tip.text)}${
    tip.commands?.length ? `<pre><code>${escapeText(tip.commands.join('\n'))}</code></pre>` : ''}</li>`).join('')}</ul>`;
  const { user, developer } = report.advice;
  return [
    `<div class="l" lang="${lang}">`,
    `<h1>${escapeText(report.headline)}</h1>`,
    `<ol aria-label="${escapeHtml(ui.diagram)}">${node(ui.you, 'browser')}${node(ui.gateway, 'gateway', '<i></i>')}${node(ui.app, 'upstream')}</ol>`,
    `<p class="h">${escapeText(ui[`hop.${hop}`] ?? ui['hop.unknown'])}</p>`,
    user.length ? `<h2>${escapeText(ui.your_advice)}</h2>${list(user)}` : '',
    developer.length ? `<details><summary>${escapeText(ui.developer)}</summary>${list(developer)}</details>` : '',
    // Last: its line grows when the runtime fills it (two or three lines at 360 px), and
    // nothing below it was shown to move.
    `<div class="e502-retry"><noscript>${escapeText(ui.no_script)}</noscript></div>`,
    // The labels the runtime shows, in this section's language (their values in
    // RUNTIME_LABELS' order): data, never run (the runtime reads and removes it), so the
    // page's payload carries only their names and each language's arrive with its section.
    `<script type="application/json">${JSON.stringify(labels).replace(/</g, '\\u003c')}</script>`,
    '</div>',
  ].join('');
}

/**
 * The page's one module, minified by terser (locals renamed: ~1.3 KB less per page, gzipped,
 * than writing acorn's tokens back without spaces). Its `export`s are dropped first: nothing
 * imports an inline module, and names that are not exported can be renamed too. Property
 * names are kept (the wasm's imports, contract §1 fields); compress keeps its safe defaults.
 */
async function minifyModule(code) {
  const exports = parse(code, { ecmaVersion: 'latest', sourceType: 'module' }).body
    .filter((node) => node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration');
  let local = '';
  let at = 0;
  for (const node of exports) {
    local += code.slice(at, node.start);
    at = node.declaration ? node.declaration.start : node.end;
  }
  local += code.slice(at);
  const options = { module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } };
  return (await minify(local, options)).code;
}

/** The web build of the core, in Node: the pages' static text comes from the same tables. */
async function loadCore() {
  const core = await import(pathToFileURL(join(dist, 'pkg/web/explain502_core.js')).href);
  core.initSync({ module: readFileSync(join(dist, 'pkg/web/explain502_core_bg.wasm')) });
  return core;
}

/** The core's report for a bare status, via the CLI: the no-JavaScript text of the pages. */
function reportFor(status) {
  const input = `HTTP/1.1 ${status} ${REASONS[status] ?? ''}\r\n\r\n`;
  return JSON.parse(execFileSync(cliPath, ['--json'], { input, encoding: 'utf8' }));
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Text between tags: only `&`, `<` and `>` mean anything there (quotes are kept as they are). */
function escapeText(text) {
  return text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function reportSizes() {
  const files = ['error-pages/502.html', 'error-pages/503.html', 'error-pages/504.html', 'error-pages/502.html.gz', PAGE_WASM, 'widget/explain502_core_bg.wasm'];
  for (const file of files) {
    const data = readFileSync(join(dist, file));
    console.log(`size: dist/${file} ${data.length} bytes, ${gzipSync(data, { level: 9 }).length} gzipped`);
  }
}

buildCli();
if (process.argv[2] === 'error-pages') {
  // Only the error pages (after one whole build: they read dist/pkg/web for the core's text).
  buildPageWasm();
  await buildErrorPages();
  reportSizes();
  process.exit(0);
}
buildWasm();
buildPageWasm();
buildWidget();
await buildErrorPages();
(await import('../extension/build.mjs')).buildExtension(); // dist/extension/ and the two zips
(await import('./site.mjs')).buildSite(); // dist/site/ (tools/site.mjs), after the extension: the site offers its zips
reportSizes();
if (!existsSync(join(dist, 'error-pages/502.html'))) throw new Error('no dist/error-pages/502.html');
