// The toolbar popup: the last report of the current tab (or of `?tab=ID`, when the popup is
// opened as a page, e.g. by keyboard users and tests), as text nodes only. It shows the
// address and the core's report, not the page's own title: the title is the page's text, not
// made inert by the core (it could carry a bidi override).
import '../shared/ext-compat.js';
import '../shared/messages.js';
import { wireHostAccess } from '../shared/host-access.js';
import { loadSettings } from '../shared/settings.js';

const ext = globalThis.explain502Ext;
const MSG = globalThis.explain502Messages;
const $ = (id) => document.getElementById(id);

/** The core's ui.* table in the browser's language, from the background (which runs the wasm). */
const { lang, text } = await ext.send({ type: MSG.TEXT });
const t = (key) => text?.[key] ?? '';
document.documentElement.lang = lang ?? 'en';
for (const node of document.querySelectorAll('[data-label]')) node.textContent = t(node.dataset.label);

async function currentTab() {
  const fromQuery = Number.parseInt(new URLSearchParams(location.search).get('tab') ?? '', 10);
  if (Number.isInteger(fromQuery)) return ext.api.tabs.get(fromQuery);
  const [tab] = await ext.api.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function render(tab, view) {
  const shown = Boolean(view?.report) && tab?.url?.split('#')[0] === view.url.split('#')[0];
  $('empty').hidden = shown;
  $('report').hidden = !shown;
  if (!shown) return;
  const { report, verdict, retry } = view;
  document.querySelector('[data-testid="explain502-status"]').textContent = String(report.status);
  document.querySelector('[data-testid="explain502-gateway"]').textContent = report.gateway?.id ?? report.gateway?.name ?? t('gateway_unknown');
  $('url').textContent = view.url;
  $('headline').textContent = report.headline ?? '';
  $('verdict').textContent = verdict ? t(`verdict.${verdict.verdict}`) : t('verdict.pending');
  $('retry').textContent = retry?.state === 'waiting'
    ? `${t(view.retryText)} ${Math.max(0, Math.ceil((retry.dueAt - Date.now()) / 1000))} ${t('seconds')}`
    : t(view.retryText);
  $('note').textContent = view.note ? t(view.note) : '';
}

/** "Pause everywhere" shows as a line with "Resume" instead of the two silencing buttons. */
async function renderPaused() {
  const { paused } = await loadSettings();
  $('paused').hidden = !paused;
  $('site-control').hidden = paused;
}

const tab = await currentTab();
render(tab, tab ? await ext.send({ type: MSG.POPUP, tabId: tab.id }) : null);
for (const button of document.querySelectorAll('[data-action]')) {
  button.addEventListener('click', async () => {
    render(tab, await ext.send({ type: MSG.ACTION, tabId: tab.id, action: button.dataset.action }));
    await renderPaused();
  });
}
await renderPaused();
await wireHostAccess($('host-access'), $('grant'));
