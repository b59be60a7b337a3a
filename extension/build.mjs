// Builds the extension for Chrome and Firefox from one source (contract §3):
//   dist/extension/chrome/, dist/extension/firefox/   unpacked, loadable as is
//   dist/explain502-chrome.zip, dist/explain502-firefox.zip   the same, for the stores
// Each manifest is manifest.base.json merged with manifest.<browser>.json (objects merged key
// by key, anything else replaced). The core is the web bundle of the wasm build
// (dist/pkg/web) plus the widget's probe and down check (www/widget/recovery.js,
// downcheck.js), copied into core/: the extension ships no remote code. No bundler: the sources are
// plain ES modules, copied as they are. Fails loudly on anything missing.
//
// Run by tools/build.mjs after the wasm build, or alone: `node extension/build.mjs`.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const source = dirname(fileURLToPath(import.meta.url));
const root = resolve(source, '..');
const dist = join(root, 'dist');
const BROWSERS = ['chrome', 'firefox'];
/** What goes into the package besides the manifest: every folder of one execution context. */
const FOLDERS = ['background', 'content', 'popup', 'options', 'privacy', 'shared', 'icons'];
const CORE_FILES = ['explain502_core.js', 'explain502_core_bg.wasm'];
/** The widget's fetching halves of the probe and the down check (the core judges both). */
const SHARED_SOURCES = ['www/widget/recovery.js', 'www/widget/downcheck.js'];

const readJson = (file) => JSON.parse(readFileSync(join(source, file), 'utf8'));

function merge(base, patch) {
  const out = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const both = [out[key], value].every((v) => v && typeof v === 'object' && !Array.isArray(v));
    out[key] = both ? merge(out[key], value) : value;
  }
  return out;
}

function buildOne(browser) {
  const out = join(dist, 'extension', browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const manifest = merge(readJson('manifest.base.json'), readJson(`manifest.${browser}.json`));
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const folder of FOLDERS) cpSync(join(source, folder), join(out, folder), { recursive: true });
  mkdirSync(join(out, 'core'));
  for (const file of CORE_FILES) {
    const from = join(dist, 'pkg/web', file);
    if (!existsSync(from)) throw new Error(`missing ${relative(root, from)}: run \`node tools/build.mjs\` (the wasm build) first`);
    cpSync(from, join(out, 'core', file));
  }
  for (const file of SHARED_SOURCES) cpSync(join(root, file), join(out, 'core', basename(file)));
  // The privacy page the options link to: the site's docs/privacy.md, shown by privacy/privacy.js.
  cpSync(join(root, 'docs/privacy.md'), join(out, 'privacy', 'privacy.md'));
  const zip = join(dist, `explain502-${browser}.zip`);
  writeFileSync(zip, zipDirectory(out));
  console.log(`extension: ${relative(root, out)}/ and ${relative(root, zip)} (${statSync(zip).size} bytes)`);
}

function filesUnder(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory()
      ? filesUnder(join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`]));
}

/**
 * A minimal zip writer (deflate, no extra fields) so packaging needs no `zip` binary. Fixed
 * timestamps make the archives reproducible: the same sources give the same bytes.
 */
function zipDirectory(dir) {
  const DOS_TIME = 0;
  const DOS_DATE = (1 << 5) | 1; // 1980-01-01
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const path of filesUnder(dir)) {
    const data = readFileSync(join(dir, path));
    const packed = deflateRawSync(data, { level: 9 });
    const name = Buffer.from(path, 'utf8');
    const crc = crc32(data);
    const header = (signature, central) => {
      const b = Buffer.alloc(central ? 46 : 30);
      let i = 0;
      const u32 = (v) => { b.writeUInt32LE(v >>> 0, i); i += 4; };
      const u16 = (v) => { b.writeUInt16LE(v, i); i += 2; };
      u32(signature);
      if (central) u16(20); // version made by
      u16(20); u16(0x0800); u16(8); u16(DOS_TIME); u16(DOS_DATE); // needed, UTF-8 names, deflate
      u32(crc); u32(packed.length); u32(data.length); u16(name.length); u16(0);
      if (central) { u16(0); u16(0); u16(0); u32(0); u32(offset); }
      return b;
    };
    locals.push(header(0x04034b50, false), name, packed);
    centrals.push(header(0x02014b50, true), name);
    offset += 30 + name.length + packed.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

export function buildExtension() {
  for (const browser of BROWSERS) buildOne(browser);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) buildExtension();
