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
    run('cargo', ['build', '--release', '--quiet', '--lib', '--target', 'wasm32-unknown-unknown',
      ...(noDefault ? ['--no-default-features'] : []), ...(features ? ['--features', features] : [])]);
    const optimized = join(root, `target/wasm32-unknown-unknown/release/explain502${set ? `.${set}` : ''}.opt.wasm`);
    // rustc 1.95 emits these features by default; Debian's binaryen needs them named.
    // --converge repeats the passes while they still shrink the module.
    run('wasm-opt', ['-Oz', '--converge', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
      '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
      join(root, 'target/wasm32-unknown-unknown/release/explain502.wasm'), '-o', optimized]);
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

/**
 * One file per status, nothing to fetch: the core's glue (the `pages` bundle: no down check,
 * see wasm-pack.toml), recovery.js, the element and the wasm inlined. The wasm travels gzipped and base64-encoded, and the browser inflates it with
 * DecompressionStream: base64 of raw wasm gzips ~35% worse than the wasm itself, while base64
 * of gzip data costs only ~2% once the page is served gzipped.
 * Without JavaScript the page still shows the core's headline and advice (English), with a
 * slow <noscript> refresh.
 */
async function buildErrorPages() {
  const pkg = join(dist, 'pkg/pages');
  const glue = readFileSync(join(pkg, 'explain502_core.js'), 'utf8');
  const element = read('www/widget/element.js');
  const recovery = read('www/widget/recovery.js');
  // zopfli writes the same gzip format ~6% smaller than zlib's level 9 (2.4 KB of a page).
  const wasmFile = join(pkg, 'explain502_core_bg.wasm');
  const wasm = execFileSync('zopfli', ['--gzip', '-c', wasmFile], { maxBuffer: 1 << 24 }).toString('base64');
  const script = await minifyModule([
    glue,
    element,
    recovery,
    `const wasmGzip = Uint8Array.from(atob(${JSON.stringify(wasm)}), (c) => c.charCodeAt(0));`,
    "const wasmStream = new Blob([wasmGzip]).stream().pipeThrough(new DecompressionStream('gzip'));",
    "await __wbg_init({ module_or_path: new Response(wasmStream, { headers: { 'Content-Type': 'application/wasm' } }) });",
    // No api.downCheck: the element then skips its `status-page` check (docs/operators).
    'const api = { explain, uiText, recoveryStep, startRecovery };',
    'defineExplain502(api);',
  ].join('\n'));
  if (/<\/script/i.test(script)) throw new Error('inlined script contains "</script": it would end the tag early');
  const ui = (await loadCore()).uiText(['en']).text;
  const template = read('www/error-pages/page.html');
  // The stylesheet without its comments and indentation (no `/*` in its strings or urls).
  const style = read('www/widget/explain502.css').replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n').map((line) => line.trim()).filter(Boolean).join('\n');
  const pages = join(dist, 'error-pages');
  mkdirSync(pages, { recursive: true });
  for (const status of [502, 503, 504]) {
    const report = reportFor(status);
    const html = template
      .replaceAll('{{STATUS}}', String(status))
      .replaceAll('{{REASON}}', REASONS[status])
      .replaceAll('{{HEADLINE}}', escapeHtml(report.headline))
      .replace('{{ADVICE}}', () => staticAdvice(report, ui))
      .replace('{{NO_SCRIPT}}', () => escapeHtml(ui.no_script))
      .replace('{{STYLE}}', () => style)
      .replace('{{SCRIPT}}', () => script);
    writeFileSync(join(pages, `${status}.html`), html);
  }
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

/** The report's advice as static HTML: what the page says when JavaScript is off. */
function staticAdvice(report, ui) {
  const list = (tips) => `<ul class="e502-tips">${tips.map((tip) => `<li>${escapeHtml(tip.text)}${
    tip.commands?.length ? `<pre><code>${escapeHtml(tip.commands.join('\n'))}</code></pre>` : ''}</li>`).join('')}</ul>`;
  const { user, developer } = report.advice;
  return [
    user.length ? `<h2>${escapeHtml(ui.your_advice)}</h2>${list(user)}` : '',
    developer.length ? `<details class="e502-developer"><summary>${escapeHtml(ui.developer)}</summary>${list(developer)}</details>` : '',
  ].join('\n');
}

/** The core's report for a bare status, via the CLI: the no-JavaScript text of the pages. */
function reportFor(status) {
  const input = `HTTP/1.1 ${status} ${REASONS[status] ?? ''}\r\n\r\n`;
  const cli = join(root, 'target/release/explain502');
  return JSON.parse(execFileSync(cli, ['--json'], { input, encoding: 'utf8' }));
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function reportSizes() {
  const files = ['error-pages/502.html', 'error-pages/503.html', 'error-pages/504.html', 'pkg/pages/explain502_core_bg.wasm', 'widget/explain502_core_bg.wasm'];
  for (const file of files) {
    const data = readFileSync(join(dist, file));
    console.log(`size: dist/${file} ${data.length} bytes, ${gzipSync(data, { level: 9 }).length} gzipped`);
  }
}

run('cargo', ['build', '--release', '--quiet', '--bin', 'explain502']);
buildWasm();
buildWidget();
await buildErrorPages();
(await import('../extension/build.mjs')).buildExtension(); // dist/extension/ and the two zips
(await import('./site.mjs')).buildSite(); // dist/site/ (tools/site.mjs), after the extension: the site offers its zips
reportSizes();
if (!existsSync(join(dist, 'error-pages/502.html'))) throw new Error('no dist/error-pages/502.html');
