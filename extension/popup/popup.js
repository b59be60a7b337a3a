// The toolbar popup: the last report of the current tab (or of `?tab=ID`, when the popup is
// opened as a page, e.g. by keyboard users and tests), as text nodes only.
import '../shared/ext-compat.js';
import '../shared/messages.js';
import { LABELS } from '../shared/labels.js';
import { wireHostAccess } from '../shared/host-access.js';

const ext = globalThis.explain502Ext;
const MSG = globalThis.explain502Messages;
const $ = (id) => document.getElementById(id);

for (const node of document.querySelectorAll('[data-label]')) node.textContent = LABELS[node.dataset.label];

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
  const t = (id) => view.labels[id] ?? '';
  const { report, verdict, retry } = view;
  document.querySelector('[data-testid="explain502-status"]').textContent = String(report.status);
  document.querySelector('[data-testid="explain502-gateway"]').textContent = report.gateway?.id ?? report.gateway?.name ?? t('ui.ext.gateway_unknown');
  $('title').textContent = tab.title ?? '';
  $('url').textContent = view.url;
  $('headline').textContent = report.headline ?? '';
  $('verdict').textContent = `${t('ui.ext.verdict')} ${verdict ? t(`ui.ext.verdict.${verdict.verdict}`) : t('ui.ext.verdict_pending')}`;
  $('retry').textContent = retry?.state === 'waiting'
    ? `${t('ui.ext.retry.waiting')} ${Math.max(0, Math.ceil((retry.dueAt - Date.now()) / 1000))} s`
    : t(`ui.ext.retry.${retry?.state}`);
  $('note').textContent = view.note ? t(view.note) : '';
}

const tab = await currentTab();
render(tab, tab ? await ext.send({ type: MSG.POPUP, tabId: tab.id }) : null);
for (const button of document.querySelectorAll('[data-action]')) {
  button.addEventListener('click', async () => {
    render(tab, await ext.send({ type: MSG.ACTION, tabId: tab.id, action: button.dataset.action }));
  });
}
await wireHostAccess($('host-access'), $('grant'));
