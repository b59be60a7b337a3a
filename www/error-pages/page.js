// The error page's runtime, started after the first paint. tools/build.mjs inlines it
// (compressed) after the core's glue (the `pages` bundle), element.js (whose helpers it uses:
// el, fill, requestMethod, safeLink, inert, readableUrl) and recovery.js: no imports.
//
// What the page shows is already there: the core wrote the explanation, the advice and the
// diagram at build time, in every language, and the inline script before them showed the
// visitor's. What runs here is what only the browser can do: ask the core whether the page is
// a preview (served below 500: it never recovers), run the core's recovery machine
// (recovery.js), name the gateway from a probe's headers (the core reads them), show the
// address.
//
// The core's ui.* labels the runtime shows are in each language's section (a JSON script
// written by the build: their values, in the order of `labelNames`), read and removed here.

/**
 * The page's core: the plain exports of its wasm (src/wasm_page.rs), shaped as recovery.js asks
 * the widget's core. Text goes through the wasm's one buffer as UTF-8 (cut at its size);
 * numbers through its number buffer.
 */
function pageCore(wasm) {
  const memory = () => new Uint8Array(wasm.memory.buffer, wasm.buffer(), 16 * 1024);
  const put = (text) => new TextEncoder().encodeInto(text, memory()).written;
  const take = (length) => new TextDecoder().decode(memory().subarray(0, length));
  const numbers = () => new Float64Array(wasm.memory.buffer, wasm.numbers(), 512);
  return {
    recoveryStep(state, event, text, nowMs, random) {
      numbers().set([...state, ...event].slice(0, 512));
      const length = wasm.recovery_step(state.length, event.length, put(text), nowMs, random);
      return numbers().slice(0, length);
    },
    isPreview: (status) => wasm.is_preview(status) === 1,
    gatewayName: (headers) => take(wasm.gateway_name(put(headers.map(([name, value]) => `${name}: ${value}`).join('\n')))) || undefined,
  };
}

/** The status this page was served with, when the browser tells it (Navigation Timing). */
function servedStatus() {
  const status = performance.getEntriesByType?.('navigation')?.[0]?.responseStatus;
  return status >= 100 && status <= 999 ? status : undefined;
}

/** The label of a stop reason of the core's recovery machine ('' when the reason needs none). */
function stopMessage(t, reason) {
  return { not_idempotent: t.not_resent, budget_spent: t.stopped, user_stopped: t.stopped, preview: t.preview }[reason] ?? '';
}

async function runPage(core, labelNames) {
  const root = document.querySelector('explain-502');
  const section = root.querySelector(`.l[lang="${document.documentElement.lang}"]`) ?? root.querySelector('.l');
  for (const other of root.querySelectorAll('.l')) if (other !== section) other.remove();
  section.classList.add('e502');
  const labels = section.querySelector('script[type="application/json"]');
  const values = JSON.parse(labels?.textContent || '[]');
  const t = Object.fromEntries(labelNames.map((name, i) => [name, values[i] ?? undefined]));
  labels?.remove();
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
  // The visitor's own "Try again": the machine checks (never resending a form); a preview
  // has no machine, and reloads.
  let recovery = null;
  tryAgainButton.addEventListener('click', () => (recovery ? recovery.retryNow() : location.reload()));
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
  const stop = (reason) => {
    if (reason === 'preview') document.documentElement.classList.add('e502-preview');
    offerTryAgain(stopMessage(t, reason));
  };

  if (core.isPreview(servedStatus() ?? 0)) return stop('preview');
  // The core's recovery machine decides every wait, probe and reload (recovery.js runs its
  // commands). `look`: the page cannot read its own response headers; one probe at once shows
  // the gateway's (e.g. `Server: nginx/1.22.1`), which the core names.
  const maxWait = Number.parseFloat(attribute('max-wait') ?? '');
  let named = false;
  recovery = startRecovery(core, {
    healthUrl,
    method,
    status,
    maxWaitMs: maxWait > 0 ? maxWait * 1000 : undefined,
    auto: attribute('retry') !== 'off',
    look: true,
    onShow: ({ view, ms, reason }) => {
      if (view === 'waiting' || (view === 'following' && ms)) countdown(ms);
      else if (view === 'checking') say(t.checking);
      else if (view === 'back') say(t.back);
      else if (view === 'back_manual') offerTryAgain(t.back_manual ?? t.back);
      else if (view === 'stopped') stop(reason);
      if (view !== 'stopped' && view !== 'back_manual') {
        retryButton.hidden = false;
        tryAgainButton.hidden = true;
      }
    },
    onAnswer: (answer) => {
      if (named) return;
      named = true;
      const name = core.gatewayName(answer.headers);
      const detail = section.querySelector('ol i');
      if (name && detail) {
        detail.textContent = inert(name);
        detail.setAttribute('data-testid', 'explain502-gateway');
      }
    },
  });
  retryButton.addEventListener('click', () => recovery.retryNow());
}
