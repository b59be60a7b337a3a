// "Explain my log": pasted lines or a dropped file → the core's LogSession, in chunks, in the
// browser (nothing is uploaded) → the summary and the recognised lines, as text nodes only
// (every line comes from a log and may hold anything).
import { coreLabels, el, loadCore, visitorContext } from './core.js';

const form = document.getElementById('log-form');
const errorLine = document.getElementById('log-error');
const result = document.getElementById('log-result');
const fileInput = document.getElementById('log-file');
const part = (id) => result.querySelector(`[data-testid=${id}]`);
const labels = Object.fromEntries(
  [...document.querySelectorAll('#labels dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]),
);
// A line nginx 1.22.1 wrote, recorded by tests/fixtures/record.mjs (tests/fixtures/logs/nginx/).
const EXAMPLE = '2026/12/06 09:05:07 [error] 19653#19653: *2 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: , request: "GET /refused HTTP/1.1", upstream: "http://127.0.0.1:46167/refused", host: "127.0.0.1:40119"\n';
const CHUNK = 1 << 20;

const core = loadCore();
/** The core's sentences (`ui.log.*` and the rest, through `coreLabels`): the page holds none. */
const ui = core.then(coreLabels, () => ({}));

/** The core's sentence `id` with its `{placeholders}` filled (values are text, never markup). */
function say(text, id, values = {}) {
  return (text[id] ?? '').replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/**
 * A file the core says is gzip-compressed (a rotated `error.log.2.gz`), inflated by the browser
 * as it is read; true when it all inflated, false when it stopped early (what came before is
 * kept: bad input is said, never fatal).
 */
async function pushInflated(session, file) {
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      session.push(value);
    }
  } catch {
    return false;
  }
}

async function read(source) {
  const loaded = await core;
  const session = new loaded.LogSession(visitorContext());
  let whole = true;
  try {
    if (typeof source === 'string') {
      session.push(new TextEncoder().encode(source));
    } else if (loaded.logCompressed(new Uint8Array(await source.slice(0, 2).arrayBuffer()))) {
      whole = await pushInflated(session, source);
    } else {
      // A file, a megabyte at a time: any size, bounded memory.
      for (let at = 0; at < source.size; at += CHUNK) {
        session.push(new Uint8Array(await source.slice(at, at + CHUNK).arrayBuffer()));
      }
    }
    return { summary: session.finish(), whole };
  } finally {
    session.free();
  }
}

const percent = (x) => `${Math.round((x ?? 0) * 100)} %`;

function render(s, text) {
  const causes = s.by_cause ?? [];
  const total = causes.reduce((n, c) => n + c.count, 0);
  part('log-headline').textContent = causes.length
    ? `${labels.leading} ${labels[`cause:${causes[0].id}`] ?? causes[0].id}`
    : labels.none;
  part('log-counts').textContent = [
    say(text, 'log.counts', { lines: s.lines, recognised: s.recognised }),
    s.health ? say(text, 'log.health', { count: s.health }) : '',
    s.joined ? say(text, 'log.joined', { count: s.joined }) : '',
    s.status_only ? say(text, 'log.status_only', { count: s.status_only }) : '',
    s.gateway ? say(text, 'log.gateway', { gateway: s.gateway }) : '',
  ].filter(Boolean).join(' ');
  part('log-causes').replaceChildren(...causes.map((c) =>
    el('li', {}, `${c.count} (${percent(c.count / total)}): ${labels[`cause:${c.id}`] ?? ''} (`, el('code', {}, String(c.id)), ')')));
  part('log-window').textContent = s.first
    ? [say(text, 'log.seen', { first: s.first, last: s.last }),
      s.cluster ? say(text, 'log.cluster', { from: s.cluster.from, to: s.cluster.to, failures: s.cluster.failures }) : '',
    ].filter(Boolean).join(' ')
    : '';
  part('log-upstreams').replaceChildren(...(s.upstreams ?? []).map((u) => el('li', {}, el('code', {}, String(u.address)), ` ${u.count}`)));
  part('log-advice').replaceChildren(...(s.advice ?? []).map((t) => el('div', {}, el('p', {}, String(t.text)),
    t.commands?.length ? el('pre', {}, el('code', {}, t.commands.join('\n'))) : null)));
  part('log-lines').replaceChildren(...(s.findings ?? []).map((f) => el('li', {},
    el('p', {}, `${say(text, 'log.line', { line: f.line })} `, el('strong', {}, String(f.cause)), ` ${percent(f.confidence)} · ${f.gateway}`,
      f.upstream ? ` · ${say(text, 'log.upstream', { address: f.upstream })}` : '', f.time ? ` · ${f.time}` : '',
      f.health ? ` · ${text['log.health_check'] ?? ''}` : '',
      f.joined ? ` · ${text['log.joined_line'] ?? ''}` : ''),
    el('pre', {}, el('code', {}, String(f.text))))));
  result.hidden = false;
  part('log-headline').focus();
  performance.mark('explain502:log-explained');
}

async function explain(source) {
  errorLine.textContent = '';
  try {
    const [{ summary, whole }, text] = await Promise.all([read(source), ui]);
    render(summary, text);
    if (!whole) errorLine.textContent = text['log.compressed_cut'] ?? '';
  } catch (error) {
    result.hidden = true;
    errorLine.textContent = `${(await ui)['log.unreadable'] ?? ''} ${error?.message ?? error}`;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const file = fileInput.files?.[0];
  explain(file ?? String(new FormData(form).get('text') ?? ''));
});
fileInput.addEventListener('change', () => {
  if (fileInput.files?.[0]) explain(fileInput.files[0]);
});
form.addEventListener('dragover', (event) => event.preventDefault());
form.addEventListener('drop', (event) => {
  event.preventDefault();
  const file = event.dataTransfer?.files?.[0];
  if (file) explain(file);
});
form.querySelector('[data-example]').addEventListener('click', () => {
  form.elements.text.value = EXAMPLE;
  explain(EXAMPLE);
});
