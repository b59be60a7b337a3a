// "Is it just me?": the core's down check (contract §2b) for the address in ?url=, rendered as
// text. Provider base URLs come from check-config.json next to this page; the widget's
// downcheck.js does the fetching, the core plans and judges. Every sentence is the core's
// (`ui.check.*`, `ui.verdict.*` through `coreLabels`): the page holds none of its own.
import { coreLabels, el, loadCore, safeHref } from './core.js';

const form = document.getElementById('check-form');
const input = document.getElementById('check-url');
const result = document.getElementById('check-result');
const status = document.getElementById('check-status');

/** The core's labels, loaded once (the status lines before a check need them too). */
let labelsOnce;
const labels = () => (labelsOnce ??= loadCore().then(coreLabels, () => ({})));

/** The address as typed, with https:// added when no scheme was given; null if not http(s). */
function normalize(text) {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return safeHref(withScheme);
}

async function config() {
  const base = new URL('check-config.json', import.meta.url);
  const response = await fetch(base, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`check-config.json: HTTP ${response.status}`);
  const loaded = await response.json();
  const providers = {};
  for (const [id, provider] of Object.entries(loaded.providers ?? {})) {
    providers[id] = provider.base ? { ...provider, base: new URL(provider.base, base).href } : provider;
  }
  return { ...loaded, providers };
}

// The providers table's column names, for the cells' data-label (narrow screens show them).
const columns = [...result.querySelectorAll('thead th')].map((th) => th.textContent);
const cell = (column, text) => el('td', { 'data-label': columns[column] }, text);

function render(check, labels) {
  const verdict = result.querySelector('[data-testid=site-verdict]');
  verdict.textContent = labels[`verdict.${check.verdict}`] ?? String(check.verdict);
  verdict.dataset.verdict = check.verdict;
  result.querySelector('.confidence').textContent = `${labels['check.confidence']}: ${Math.round((check.confidence ?? 0) * 100)} %`;
  result.querySelector('[data-testid=site-providers]').replaceChildren(
    ...(check.providers ?? []).map((p) =>
      el('tr', {}, cell(0, String(p.id)), cell(1, String(p.answer)), cell(2, String(p.detail ?? '')),
        cell(3, p.elapsed_ms === undefined ? '' : `${p.elapsed_ms} ms`))),
  );
  const archived = result.querySelector('[data-testid=site-archived]');
  const href = check.archived && safeHref(check.archived.url);
  archived.replaceChildren(href
    ? el('a', { href, rel: 'noopener noreferrer' }, `${labels['check.archived']} (${String(check.archived.timestamp ?? '')})`)
    : labels['check.no_archived']);
  result.hidden = false;
}

async function run(url) {
  const ui = await labels();
  status.textContent = ui['check.checking'] ?? '';
  result.hidden = true;
  try {
    const [core, settings, { downCheck }] = await Promise.all([loadCore(), config(), import('./widget/downcheck.js')]);
    render(await downCheck(core, url, settings), ui);
    status.textContent = ui['check.done'] ?? '';
  } catch (error) {
    status.textContent = `${ui['check.failed'] ?? ''} ${error?.message ?? error}`;
  }
}

async function askForAddress() {
  status.textContent = (await labels())['check.enter_address'] ?? '';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const url = normalize(input.value);
  if (!url) {
    askForAddress();
    return;
  }
  input.value = url;
  history.replaceState(null, '', `?url=${encodeURIComponent(url)}`);
  run(url);
});

const shared = new URLSearchParams(location.search).get('url');
if (shared) {
  const url = normalize(shared);
  input.value = shared;
  if (url) run(url);
  else askForAddress();
}
