// "Explain my response": the pasted `curl -si` text → the core's `explainRaw` → the full Report,
// rendered with text nodes only (everything in it may come from an untrusted response).
import { coreLabels, el, loadCore, visitorContext } from './core.js';
// Every sentence on this page's report comes from the core (`ui.*` via `coreLabels`, and the
// Report's own texts): the page holds none of its own.

const form = document.getElementById('explain-form');
const errorLine = document.getElementById('explain-error');
const report = document.getElementById('report');
const part = (id) => report.querySelector(`[data-testid=${id}]`);

// Two captures to try the page with: a real nginx in front of a stopped app, and a Cloudflare
// 522 as its documentation describes it (developers.cloudflare.com, "Error 522").
const EXAMPLES = {
  nginx: ['0.01', 'HTTP/1.1 502 Bad Gateway\r\nServer: nginx/1.22.1\r\nDate: Wed, 25 Nov 2026 14:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 157\r\nConnection: keep-alive\r\n\r\n<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n'],
  // Cloudflare waits about 19 s for the origin's TCP handshake before it answers 522.
  cloudflare: ['19', 'HTTP/2 522\r\ndate: Wed, 25 Nov 2026 14:00:00 GMT\r\ncontent-type: text/html; charset=UTF-8\r\ncache-control: private, max-age=0, no-store, no-cache, must-revalidate\r\nserver: cloudflare\r\ncf-ray: 8e1f2a3b4c5d6e7f-FRA\r\n\r\n<!DOCTYPE html>\n<html><head><title>shop.example | 522: Connection timed out</title></head>\n<body><div id="cf-error-details"><h1><span class="inline-block">Connection timed out</span> <span class="code-label">Error code 522</span></h1>\n<p>Visit <a href="https://www.cloudflare.com/5xx-error-landing">cloudflare.com</a> for more information.</p></div></body></html>\n'],
};

const core = loadCore();
/** One of the core's labels ('' when the core could not load). */
const label = async (key) => coreLabels(await core.catch(() => ({})))[key] ?? '';

function render(r, ui) {
  part('report-status').textContent = String(r.status);
  part('report-family').textContent = String(r.family);
  part('report-headline').textContent = String(r.headline ?? '');

  const gateway = r.gateway ?? {};
  const named = [gateway.name, gateway.version && !String(gateway.name ?? '').includes(gateway.version) ? gateway.version : null]
    .filter(Boolean).join(' ');
  part('report-gateway-short').textContent = gateway.id ? String(gateway.id) : (named || ui.gateway_unknown);
  part('report-gateway').replaceChildren(gateway.id || named
    ? el('span', {}, named || String(gateway.id), gateway.id ? el('span', {}, ' (', el('code', {}, String(gateway.id)), ')') : '')
    : ui.gateway_unknown);
  part('report-evidence').replaceChildren(...(gateway.evidence ?? []).map((e) => el('li', {}, `${ui.evidence}: ${e}`)));

  for (const hop of report.querySelectorAll('[data-hop]')) {
    const failed = hop.dataset.hop === r.failing_hop;
    hop.classList.toggle('failed', failed);
    hop.querySelector('.flag').textContent = failed ? ui.failed_here : '';
  }
  part('report-hop').textContent = ui[`hop.${r.failing_hop}`] ?? '';

  part('report-causes').replaceChildren(...(r.causes ?? []).map((c) =>
    el('li', {}, `${Math.round((c.confidence ?? 0) * 100)} %: ${ui[`cause.${c.id}`] ?? ''} (`, el('code', {}, String(c.id)), ')')));

  const retry = r.retry ?? {};
  part('report-retry').textContent = [
    retry.retryable ? ui['retry.yes'] : ui['retry.no'],
    retry.after_ms ? `${ui['retry.after']}: ${Math.round(retry.after_ms / 1000)} ${ui.seconds}.` : '',
  ].filter(Boolean).join(' ');

  const user = r.advice?.user ?? [];
  part('report-user-advice').replaceChildren(...(user.length ? user.map((t) => el('li', {}, String(t.text))) : [el('li', {}, ui.no_advice)]));
  const developer = r.advice?.developer ?? [];
  part('report-developer-advice').replaceChildren(...(developer.length
    ? developer.map((t) => el('div', {}, el('p', {}, String(t.text)),
      t.commands?.length ? el('pre', {}, el('code', {}, t.commands.join('\n'))) : null))
    : [el('p', {}, ui.no_advice)]));

  part('report-json').textContent = JSON.stringify(r, null, 2);
  report.hidden = false;
  part('report-headline').focus(); // screen readers and keyboards land on the result
  performance.mark('explain502:explained');
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  errorLine.textContent = '';
  const data = new FormData(form);
  try {
    const loaded = await core;
    const seconds = Number.parseFloat(String(data.get('seconds')).replace(',', '.'));
    const elapsedMs = Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
    const report = loaded.explainRaw(String(data.get('raw')), String(data.get('method')), String(data.get('url')), elapsedMs, visitorContext());
    render(report, coreLabels(loaded));
  } catch (error) {
    report.hidden = true;
    errorLine.textContent = `${await label('explain.unreadable')} ${error?.message ?? error}`;
  }
});

for (const button of document.querySelectorAll('[data-example]')) {
  button.addEventListener('click', () => {
    [form.elements.seconds.value, form.elements.raw.value] = EXAMPLES[button.dataset.example];
    form.requestSubmit();
  });
}

// A HAR file: the core reads it and explains every failing entry (`explainHar`); this lists
// them, and "Explain" shows one entry's report above. The file never leaves the browser.
const harResult = document.getElementById('har-result');
document.getElementById('har').addEventListener('change', async (event) => {
  const file = event.target.files?.[0];
  if (!file) return;
  errorLine.textContent = '';
  try {
    const loaded = await core;
    const entries = loaded.explainHar(await file.text(), visitorContext());
    const ui = coreLabels(loaded);
    harResult.querySelector('[data-testid=har-count]').textContent =
      entries.length ? `${ui['har.count']} ${entries.length}` : ui['har.none'];
    harResult.querySelector('[data-testid=har-entries]').replaceChildren(...entries.map((e) => {
      const show = el('button', { type: 'button', class: 'secondary' }, ui['har.show']);
      show.addEventListener('click', () => render(e.report, ui));
      return el('li', { 'data-testid': 'har-entry' },
        el('code', {}, `${e.report.status} ${e.method} ${e.url}`), ' ',
        el('span', {}, String(e.report.gateway?.id ?? ''), ' ', String(e.report.causes?.[0]?.id ?? '')), ' ', show);
    }));
    harResult.hidden = false;
    performance.mark('explain502:har');
  } catch (error) {
    harResult.hidden = true;
    errorLine.textContent = `${await label('har.unreadable')} ${error?.message ?? error}`;
  }
});
