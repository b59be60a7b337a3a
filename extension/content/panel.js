// The in-page panel (a classic content script: the manifest loads ext-compat.js and
// messages.js before it). It asks the background once whether this page is a gateway error
// and, if so, shows the View in a shadow root under one host element. Everything in a View
// may come from the failing response or the page: it is rendered as text nodes only.
// Retry: the core's recovery machine (in the background, background/retry.js) decides every
// wait, probe and reload. The panel tells it when the tab hides or shows (`VISIBILITY`) and
// runs the one timer a View names (`retry.timer === 'page'`, due at `retry.dueAt`); nothing
// else about timing is decided here.
(() => {
  const ext = globalThis.explain502Ext;
  const MSG = globalThis.explain502Messages;
  const HOST_ID = 'explain502-root';
  let timer = null;
  let ticker = null;
  let shownId = null;
  /** The visibility the machine was last told for the View shown (it starts out visible). */
  let toldHidden = false;
  /** Bumped on each render: a timer or listener of an older render does nothing. */
  let renders = 0;

  /** This document's own HTTP status when the browser tells it (0 when it does not). */
  function ownStatus() {
    return performance.getEntriesByType?.('navigation')?.[0]?.responseStatus ?? 0;
  }

  /**
   * Asks the background whether this page is an outage. It says its own status first: the
   * worker answers by the core's rule (a fine page costs one small message and shows nothing;
   * restored from the back/forward cache it tells the worker that this tab moved on, as the
   * page it replaced may have been an outage whose "left" message was lost as that page froze,
   * and no request says so). A page to read sends its body, at most what the core reads: a page
   * whose response the worker did not see (browser start, session restore, a restarted worker,
   * a back/forward restore) is still noticed from here. 0: the browser does not say.
   */
  async function ask(restored = false) {
    const status = ownStatus();
    const answer = await ext.send({ type: MSG.VIEW, status, restored }).catch(() => null);
    if (answer?.fine) {
      if (restored) remove();
      return;
    }
    if (!Number.isInteger(answer?.sendBody)) return;
    const body = document.documentElement?.outerHTML?.slice(0, answer.sendBody) ?? '';
    show(await ext.send({ type: MSG.VIEW, body, status }).catch(() => null));
  }

  ext.api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== ext.api.runtime.id || message?.type !== MSG.SHOW) return false;
    // A view of another page (sent as this tab went back or forward to this one) is not ours.
    const url = message.view?.url;
    if (typeof url === 'string' && url.split('#')[0] !== location.href.split('#')[0]) {
      sendResponse({ shown: false });
      return false;
    }
    show(message.view);
    sendResponse({ shown: true });
    return false;
  });

  addEventListener('pagehide', () => {
    clearTimers();
    if (shownId !== null) ext.send({ type: MSG.LEFT, id: shownId }).catch(() => {});
  });
  addEventListener('pageshow', (event) => { if (event.persisted) ask(true); });

  /**
   * A hidden or shown tab is an event for the recovery machine (it pauses a hidden tab's
   * probes and resumes them once shown): told once per change, while a View is shown, with
   * its id (a page being left hides too, as the tab's next outage may already have begun).
   */
  function tellVisibility() {
    if (shownId === null || toldHidden === document.hidden) return;
    toldHidden = document.hidden;
    ext.send({ type: MSG.VISIBILITY, id: shownId, hidden: toldHidden }).then((next) => { if (next) show(next); }, () => {});
  }
  document.addEventListener('visibilitychange', tellVisibility);

  function clearTimers() {
    clearTimeout(timer);
    clearInterval(ticker);
    timer = ticker = null;
  }

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function rootOf() {
    let host = document.getElementById(HOST_ID);
    if (!host) {
      host = document.createElement('div');
      host.id = HOST_ID;
      // The page's styles must not reach in, and ours must not leak out or cover the page.
      host.style.cssText = 'all: initial; position: fixed; z-index: 2147483647; right: 12px; bottom: 12px;';
      host.attachShadow({ mode: 'open' }).append(el('style', {}, STYLE));
      (document.body ?? document.documentElement).append(host);
    }
    return host.shadowRoot;
  }

  function remove() {
    clearTimers();
    renders += 1;
    shownId = null;
    document.getElementById(HOST_ID)?.remove();
  }

  async function act(action) {
    const answer = await ext.send({ type: MSG.ACTION, action }).catch(() => null);
    if (['dismiss', 'not_on_site', 'pause'].includes(action)) return remove();
    if (answer && !answer.error) show(answer);
  }

  function show(view) {
    if (!view?.report) return remove();
    if (view.id !== shownId) toldHidden = false; // a new outage: a new machine, told nothing yet
    shownId = view.id;
    clearTimers();
    const t = (key) => view.text?.[key] ?? '';
    const { report, verdict, retry } = view;
    const gateway = report.gateway?.id ?? report.gateway?.name ?? t('gateway_unknown');
    const cause = report.causes?.[0];
    const advice = report.advice?.user ?? [];
    const countdown = el('p', { class: 'retry', 'data-testid': 'explain502-countdown' });
    const buttons = [
      ['reload', 'hard_reload'], ['private', 'private_window'], ['archive', 'archived_copy'],
      ['check', 'retry_now'], ['stop', 'stop_retrying'], ['not_on_site', 'not_on_site'], ['pause', 'pause_all'],
    ].map(([action, label]) => {
      const button = el('button', { type: 'button', 'data-action': action }, t(label));
      button.addEventListener('click', () => act(action));
      return button;
    });
    if (['stopped', 'not_retryable', 'off', 'back', 'back_manual'].includes(retry?.state)) buttons[4].disabled = true;
    const close = el('button', { type: 'button', class: 'close', 'data-action': 'dismiss', title: t('hide_site'), 'aria-label': t('hide_site') }, '×');
    close.addEventListener('click', () => act('dismiss'));
    const archived = view.archivedUrl;
    rootOf().replaceChildren(rootOf().querySelector('style'), el('section', { role: 'status', 'aria-live': 'polite', lang: view.lang ?? 'en' },
      el('header', {},
        el('strong', { 'data-testid': 'explain502-status' }, String(report.status)),
        ' ',
        el('span', { 'data-testid': 'explain502-gateway' }, gateway),
        close),
      el('p', { class: 'headline' }, report.headline ?? ''),
      el('p', { class: 'seen', 'data-testid': 'explain502-seen' }, `${view.method} ${view.url} → ${report.status}`,
        Number.isFinite(view.elapsedMs) ? ` (${view.elapsedMs} ms)` : null),
      el('p', {}, t(`hop.${report.failing_hop ?? 'unknown'}`) || t('hop.unknown'),
        cause && cause.id !== 'unknown' ? ` ${t('likely_cause')}: ${t(`cause.${cause.id}`) || cause.id.replaceAll('_', ' ')}` : null),
      advice.length ? el('ul', {}, ...advice.map((tip) => el('li', {}, tip.text))) : null,
      el('p', { 'data-testid': 'explain502-verdict' }, verdict ? t(`verdict.${verdict.verdict}`) : t('verdict.pending')),
      archived ? el('p', {}, el('a', { href: archived, target: '_blank', rel: 'noopener noreferrer' }, t('archived_copy'))) : null,
      countdown,
      view.note ? el('p', { class: 'note' }, t(view.note)) : null,
      el('div', { class: 'actions' }, ...buttons)));
    runRetry(view, countdown, t);
    tellVisibility();
  }

  /** Shows the retry state; for a wait the page times, counts down and then says it is due. */
  function runRetry(view, countdown, t) {
    const retry = view.retry ?? {};
    const render = ++renders;
    if (retry.state !== 'waiting') {
      countdown.textContent = view.retryText ? t(view.retryText) : '';
      return;
    }
    const probe = view.lastProbe;
    const stillDown = probe && !probe.back ? `${t('still_down')} (${probe.status || '—'}) · ` : '';
    const tick = () => {
      const seconds = Math.max(0, Math.ceil((retry.dueAt - Date.now()) / 1000)); // display only
      countdown.textContent = `${stillDown}${t(view.retryText)} ${seconds} ${t('seconds')}`;
    };
    tick();
    ticker = setInterval(tick, 1000);
    if (retry.timer !== 'page') return;
    // The machine's `wait`, due at `dueAt`: what happens then (a probe, nothing when the tab is
    // hidden meanwhile) is the machine's to say.
    timer = setTimeout(() => {
      if (render !== renders) return;
      ext.send({ type: MSG.DUE }).then((next) => { if (next) show(next); }, () => {});
    }, retry.dueAt - Date.now());
  }

  const STYLE = `
    section { box-sizing: border-box; width: min(380px, calc(100vw - 24px)); max-height: calc(100vh - 24px); overflow: auto;
      font: 14px/1.4 system-ui, sans-serif; color: #1b1b1f; background: #fff; border: 1px solid #c4c4cc;
      border-left: 4px solid #b3261e; border-radius: 8px; padding: 10px 12px; box-shadow: 0 4px 16px rgba(0,0,0,.2); }
    header { display: flex; gap: 6px; align-items: baseline; }
    header strong { font-size: 18px; color: #b3261e; }
    header span { flex: 1; overflow-wrap: anywhere; }
    p, ul { margin: 6px 0; overflow-wrap: anywhere; }
    ul { padding-left: 18px; }
    .headline { font-weight: 600; }
    .note { color: #5f4b00; }
    .seen { font: 12px/1.3 ui-monospace, monospace; color: #5e5e6a; }
    .actions { display: flex; flex-wrap: wrap; gap: 4px; }
    button { font: inherit; font-size: 12px; padding: 3px 8px; border: 1px solid #8e8e99; border-radius: 4px; background: #f4f4f7; color: inherit; cursor: pointer; }
    button:disabled { opacity: .5; cursor: default; }
    button.close { border: 0; background: none; font-size: 18px; line-height: 1; padding: 0 4px; }
    a { color: #0b57d0; }
    @media (prefers-color-scheme: dark) {
      section { color: #e6e6ea; background: #1f1f24; border-color: #4a4a55; }
      button { background: #2c2c33; color: #e6e6ea; }
      a { color: #8ab4f8; }
    }`;

  ask();
})();
