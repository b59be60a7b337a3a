#!/bin/bash
# What the diagnosis (gateway fingerprints, cause rules, advice and its texts) adds to the widget's
# wasm (issue 4's size bar): `dist/widget/explain502_core_bg.wasm` as tools/build.mjs builds it,
# from this tree and from a copy without the diagnosis: identify/diagnose/advise return empty
# results and the `advice.*` texts are emptied in every language (they share one joined string
# per language with the headlines, so stubbing the modules alone keeps them). Prints total, code
# section and data segments (the tables), raw and gzip -9. Not part of `make test`: a
# measurement, run by hand (`bash tools/diagnosis-size.sh`): a few minutes, most of it the copy's
# first cargo build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure NAME TREE: one line of figures for TREE's built widget wasm.
measure() {
  node - "$1" "$2/dist/widget/explain502_core_bg.wasm" <<'JS'
const fs = require('node:fs');
const zlib = require('node:zlib');
const [name, file] = process.argv.slice(2);
const bytes = fs.readFileSync(file);
// The code section (id 10) and the data segments' bytes (section 11), read from the binary.
let at = 8;
const leb = () => { let n = 0, shift = 0, b; do { b = bytes[at++]; n |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80); return n >>> 0; };
let code = Buffer.alloc(0);
const data = [];
while (at < bytes.length) {
  const id = bytes[at++], len = leb(), end = at + len;
  if (id === 10) code = bytes.subarray(at, end);
  if (id === 11) {
    for (let count = leb(); count > 0; count -= 1) {
      const flag = leb();
      if (flag === 2) leb();
      if (flag !== 1) while (bytes[at++] !== 0x0b); // the offset expression
      const size = leb();
      data.push(bytes.subarray(at, at + size));
      at += size;
    }
  }
  at = end;
}
const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
const tables = Buffer.concat(data);
console.log(`${name.padEnd(18)} total ${bytes.length} / ${gz(bytes)} gz   code ${code.length} / ${gz(code)} gz   tables ${tables.length} / ${gz(tables)} gz`);
JS
}

# The copy without the diagnosis.
bare="$work/without"
mkdir -p "$bare"
(cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$bare")
python3 - "$bare" <<'PY'
import ast, re, sys
root = sys.argv[1]
def edit(path, change):
    with open(f'{root}/{path}') as f: text = f.read()
    new = change(text)
    assert new != text, f'{path}: nothing to stub (has the code moved?)'
    with open(f'{root}/{path}', 'w') as f: f.write(new)
def stub_report(text):
    start = text.index('    let (gateway, own_page) = gateway::identify')
    end = text.index('    let mut retry = retry::hint')
    return text[:start] + '''    let _ = (&body_lc, lang);
    let gateway = Gateway::default();
    let diagnosis = diagnose::Diagnosis {
        causes: alloc::vec![Cause { id: diagnose::CauseId::Unknown, confidence: 1.0 }],
        failing_hop: Hop::Unknown,
        problem_retry_after_ms: None,
    };
    let advice = Advice::default();
''' + text[end:]
edit('src/report.rs', stub_report)
def empty_english(text):
    start = text.index('const ADVICE: &[&str] = &[')
    return text[:start] + 'const ADVICE: &[&str] = &[\n' + text[text.index('];', start):]
edit('src/i18n/en.rs', empty_english)
with open(f'{root}/src/i18n/mod.rs') as f: table = f.read()
table = table[table.index('const TRANSLATED: ['):]
ids = [ast.literal_eval(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', table[:table.index('];')])]
def empty_translation(text):
    start = text.index('= [', text.index('pub(super) const TEXT')) + 3
    end = text.index('];', start)
    strings = iter(ids)
    body = re.sub(r'"(?:[^"\\]|\\.)*"', lambda m: '""' if next(strings).startswith('advice.') else m.group(0), text[start:end])
    assert next(strings, None) is None, 'a translation is not in the order of TRANSLATED'
    return text[:start] + body + text[end:]
for lang in ['es', 'de', 'fr', 'pt', 'ja']:
    edit(f'src/i18n/{lang}.rs', empty_translation)
PY

# The copy builds with the project's tools and keeps its cargo output between runs.
ln -s "$root/node_modules" "$bare/node_modules"
mkdir -p "$root/target/diagnosis-size"
ln -s "$root/target/diagnosis-size" "$bare/target"
# Its build warns of what the stub left unused: shown only if the build fails.
(cd "$bare" && node tools/build.mjs >"$work/build.log" 2>&1) || { cat "$work/build.log"; exit 1; }
(cd "$root" && node tools/build.mjs >/dev/null)

measure without "$bare"
measure with "$root"
