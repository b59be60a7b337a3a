// The error page's runtime, started after the first paint. tools/build.mjs inlines it
// (compressed) after the core's glue (the `pages` bundle), element.js (whose helpers it uses:
// el, fill, requestMethod, safeLink, inert, readableUrl) and recovery.js: no imports.
//
// What the page shows is already there: the core wrote the explanation, the advice and the
// diagram at build time, in every language, and the inline script before them showed the
// visitor's. What runs here is what only the browser can do: ask the core whether to retry
// (a page served below 500 is a preview: the core says stop), probe, count down, come back;
// name the gateway from the probe's headers (the core reads them); show the address.
//
// `texts`: the core's ui.* labels, per language, written by the build.

/**
 * The page's core: the plain exports of its wasm (src/wasm_page.rs), asked as recovery.js
 * asks the widget's core. Text goes through the wasm's one buffer as UTF-8 (cut at its size);
 * headers as `name\tvalue` lines.
 */
function pageCore(wasm) {
  const SIZE = 16 * 1024;
  const memory = () => new Uint8Array(wasm.memory.buffer, wasm.buffer(), SIZE);
  const put = (text) => new TextEncoder().encodeInto(text, memory()).written;
  const take = (length) => new TextDecoder().decode(memory().subarray(0, length));
  const lines = (headers) => put(Object.entries(headers ?? {}).map(([name, value]) => `${name}\t${value}`).join('\n'));
  const orNone = (ms) => (typeof ms === 'number' ? ms : -1);
  return {
    retryDecision({ attempt = 0, elapsedMs = 0, retryAfterMs, method = 'GET', status, maxWaitMs }, random) {
      const answer = wasm.retry_decision(attempt, elapsedMs, orNone(retryAfterMs), status, orNone(maxWaitMs), put(method), random);
      return answer >= 0 ? { action: 'wait', waitMs: answer } : { action: 'stop', reason: take(-answer - 1) };
    },
    isPreview: (status) => wasm.is_preview(status) === 1,
    resumeWait: (random) => wasm.resume_wait(random),
    reloadSpread: (random) => wasm.reload_spread(random),
    probeAnswer({ status, headers, elapsedMs, error }, nowMs) {
      const retryAfterMs = wasm.retry_after(lines(headers), nowMs);
      return {
        status, headers, elapsedMs,
        back: wasm.is_back(status) === 1,
        retryAfterMs: retryAfterMs < 0 ? undefined : retryAfterMs,
        // "timeout" or "network" when no response came (as the widget's core answers).
        ...(status ? {} : { error: error === 'timeout' ? error : 'network' }),
      };
    },
    gatewayName: (headers) => take(wasm.gateway_name(lines(headers))) || undefined,
  };
}

/** The status this page was served with, when the browser tells it (Navigation Timing). */
function servedStatus() {
  const status = performance.getEntriesByType?.('navigation')?.[0]?.responseStatus;
  return status >= 100 && status <= 999 ? status : undefined;
}

/** The label of a stop reason of the core's retry decision ('' when the reason needs none). */
function stopMessage(t, reason) {
  return { not_idempotent: t.not_resent, budget_spent: t.stopped, preview: t.preview }[reason] ?? '';
}

async function runPage(core, texts) {
  const root = document.querySelector('explain-502');
  const section = root.querySelector(`.l[lang="${document.documentElement.lang}"]`) ?? root.querySelector('.l');
  // The developer's advice, written once (in English, as the core gives it in every
  // language), into the visitor's closed <details>; the other languages were never shown.
  const details = section.querySelector('details');
  if (details && !details.querySelector('ul')) {
    const tips = root.querySelector('.l[lang="en"] details ul');
    if (tips) details.append(tips);
  }
  for (const other of root.querySelectorAll('.l')) if (other !== section) other.remove();
  section.classList.add('e502');
  const t = texts[section.lang] ?? texts.en;
  const attribute = (name) => root.getAttribute(name);
  const explained = Number.parseInt(attribute('status') ?? '', 10) || 502;
  const status = servedStatus() ?? explained;
  const method = requestMethod(root);
  const healthUrl = safeLink(attribute('health-url')) ?? location.href;

  // The retry line, in the box the stylesheet reserved since the first paint.
  const live = el('p', { class: 'e502-live', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const seconds = el('span', { class: 'e502-seconds', 'aria-hidden': 'true' });
  const retryButton = el('button', { type: 'button', hidden: '' }, t.retry_now);
  const tryAgainButton = el('button', { type: 'button', hidden: '' }, t.try_again);
  // The visitor's own choice: a reload (the browser asks before resending a form).
  tryAgainButton.addEventListener('click', () => location.reload());
  const box = section.querySelector('.e502-retry');
  box.setAttribute('data-testid', 'explain502-countdown');
  fill(box, live, seconds, retryButton, tryAgainButton);

  // What was seen, and the operator's links: last on the page, so nothing above them moves.
  const contact = safeLink(attribute('contact'));
  const statusPage = safeLink(attribute('status-page'));
  section.append(
    el('h2', {}, t.observed),
    el('dl', {},
      el('dt', {}, t.observed_status), el('dd', {}, String(explained)),
      el('dt', {}, t.observed_address), el('dd', { class: 'e502-url' }, readableUrl(location.href))),
    el('p', { class: 'e502-links' },
      contact ? el('a', { href: contact, rel: 'nofollow' }, t.contact) : null,
      statusPage ? el('a', { href: statusPage, rel: 'nofollow' }, t.status_page) : null),
  );

  let ticker = 0;
  const say = (text) => {
    clearInterval(ticker);
    seconds.textContent = '';
    live.classList.remove('e502-sr');
    live.textContent = text;
  };
  // One announcement per wait (read, not shown); the ticking line is for the eyes only.
  const countdown = (ms) => {
    const end = Date.now() + ms;
    const tick = () => {
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      seconds.textContent = `${t.retry_in} ${left} ${t.seconds}`;
      if (left === 0) clearInterval(ticker);
    };
    say(`${t.retry_in} ${Math.ceil(ms / 1000)} ${t.seconds}`);
    live.classList.add('e502-sr');
    tick();
    ticker = setInterval(tick, 1000);
  };
  const offerTryAgain = (message) => {
    retryButton.hidden = true;
    tryAgainButton.hidden = false;
    say(message);
  };
  // Back with a plain GET navigation: reload() would resend a form this page answered.
  const back = () => {
    say(t.back);
    location.replace(location.href);
  };
  const stop = (reason) => {
    if (reason === 'preview') document.documentElement.classList.add('e502-preview');
    offerTryAgain(stopMessage(t, reason));
  };

  if (core.isPreview(servedStatus() ?? 0)) return stop('preview');
  if (attribute('retry') === 'off') return offerTryAgain('');
  const maxWait = Number.parseFloat(attribute('max-wait') ?? '');
  const question = { method: method ?? 'GET', status, maxWaitMs: maxWait > 0 ? maxWait * 1000 : undefined };
  const first = core.retryDecision({ ...question, attempt: 0, elapsedMs: 0 }, Math.random());
  if (first.action === 'stop') return stop(first.reason);

  // The page cannot read its own response headers: one probe of its URL shows the
  // gateway's (e.g. `Server: nginx/1.22.1`), which the core names.
  const seen = await probe(core, healthUrl, 5000);
  if (seen.back) return back();
  const name = core.gatewayName(seen.headers);
  const detail = section.querySelector('ol i');
  if (name && detail) {
    detail.textContent = inert(name);
    detail.setAttribute('data-testid', 'explain502-gateway');
  }
  const recovery = startRecovery(core, {
    ...question,
    healthUrl,
    onWait: countdown,
    onProbe: () => say(t.checking),
    onBack: back,
    onStop: stop,
  });
  retryButton.addEventListener('click', () => recovery.retryNow());
  retryButton.hidden = false;
}
