// The <explain-502> custom element (contract §4): thin glue. It gathers what the browser
// knows, asks the Rust core (`core.explain`, `core.uiText`) and drives the core's recovery
// machine (`core.startRecovery`, www/widget/recovery.js), and renders as text nodes only:
// everything in a Report may come from an untrusted response.
//
// No imports: the error pages inline this file next to the core's glue and recovery.js.

/** The status to explain: the attribute, else this page's own HTTP status, else 502. */
function pageStatus(element) {
  const fromAttribute = Number.parseInt(element.getAttribute('status') ?? '', 10);
  if (fromAttribute >= 100 && fromAttribute <= 999) return fromAttribute;
  const navigation = performance.getEntriesByType?.('navigation')?.[0];
  if (navigation?.responseStatus >= 100) return navigation.responseStatus;
  return 502;
}

const METHOD_COOKIE = 'explain502_method';

/**
 * The method of the request this page answers, or undefined when unknown. A static page
 * cannot see it: the gateway snippets (docs/operators/) hand it over in a short-lived cookie,
 * which is read once and cleared so it cannot outlive this page. The `method` attribute wins.
 */
function requestMethod(element) {
  let method = element.getAttribute('method');
  const cookie = document.cookie.split(/;\s*/).find((c) => c.startsWith(`${METHOD_COOKIE}=`));
  if (cookie) {
    method ??= cookie.slice(METHOD_COOKIE.length + 1);
    document.cookie = `${METHOD_COOKIE}=; Path=/; Max-Age=0; SameSite=Strict`;
  }
  method = method?.trim().toUpperCase();
  return /^[A-Z]{1,16}$/.test(method ?? '') ? method : undefined;
}

/** `value` as a URL when it is http(s) or mailto, else null: never a `javascript:` link. */
function safeLink(value) {
  if (!value) return null;
  try {
    const url = new URL(value, location.href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Untrusted text made plain: bidi controls (which could make `exe.txt` read as `txt.exe`)
 * shown as visible escapes. Text nodes already keep markup and links inert.
 */
function inert(text) {
  return String(text).replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The page's address as a person reads it (percent-escapes decoded when they can be). */
function readableUrl(url) {
  try {
    return inert(decodeURI(url));
  } catch {
    return inert(url);
  }
}

function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function tipList(tips) {
  return el('ul', { class: 'e502-tips' }, tips.map((tip) => el('li', {},
    el('span', {}, tip.text),
    tip.commands?.length ? el('pre', {}, el('code', {}, tip.commands.join('\n'))) : null)));
}

/** The `ui.*` text beside each of the machine's stop reasons (none: just the buttons). */
const STOPPED_TEXT = { not_idempotent: 'not_resent', budget_spent: 'stopped', user_stopped: 'stopped' };

/** Defines <explain-502>. `core`: the wasm core's exports plus `startRecovery` (recovery.js). */
export function defineExplain502(core) {
  class Explain502 extends HTMLElement {
    connectedCallback() {
      if (this.started) return;
      this.started = true;
      this.run().catch((error) => console.error('explain502:', error));
    }

    disconnectedCallback() {
      this.recovery?.stop();
      clearInterval(this.ticker);
    }

    async run() {
      const lang = this.getAttribute('lang');
      this.context = {
        userAgent: navigator.userAgent,
        platform: navigator.userAgentData?.platform ?? navigator.platform,
        languages: [lang, ...(lang ? [] : navigator.languages), document.documentElement.lang].filter(Boolean),
        nowMs: Date.now(),
      };
      const ui = core.uiText(this.context.languages);
      this.t = ui.text;
      this.healthUrl = safeLink(this.getAttribute('health-url')) ?? location.href;
      this.observation = { status: pageStatus(this), url: location.href, method: requestMethod(this) };
      this.build(ui.lang);
      this.show(core.explain(this.observation, this.context));
      this.checkDown();
      if (!core.startRecovery) return this.offerTryAgain();
      const maxWait = Number.parseFloat(this.getAttribute('max-wait') ?? '');
      // The core's recovery machine decides every wait, probe and reload (recovery.js runs its
      // commands). `look`: the page cannot read its own response headers; one probe at once
      // shows the gateway's (e.g. `Server: nginx/1.22.1`), so the core can name it.
      this.recovery = core.startRecovery(core, {
        healthUrl: this.healthUrl,
        method: this.observation.method,
        status: this.observation.status,
        retryAfterMs: this.report.retry.after_ms ?? undefined,
        maxWaitMs: maxWait > 0 ? maxWait * 1000 : undefined,
        auto: this.getAttribute('retry') !== 'off',
        challenge: Boolean(this.report.challenge),
        look: true,
        onShow: (command) => this.onRecovery(command),
        onAnswer: (answer) => {
          if (this.sawHeaders) return;
          this.sawHeaders = true;
          this.show(core.explain({ ...this.observation, headers: answer.headers }, this.context));
        },
      });
    }

    /** What the recovery machine says to show. */
    onRecovery({ view, ms, reason }) {
      if (view === 'waiting' || (view === 'following' && ms)) this.countdown(ms);
      else if (view === 'checking') this.say(this.t.checking);
      else if (view === 'back') this.say(this.t.back);
      else if (view === 'back_manual') this.offerTryAgain('back');
      else if (view === 'stopped') this.offerTryAgain(STOPPED_TEXT[reason]);
      if (view !== 'stopped' && view !== 'back_manual') {
        this.retryButton.hidden = false;
        this.tryAgainButton.hidden = true;
      }
    }

    /** The fixed frame: the report area (re-rendered), the live region and the buttons. */
    build(lang) {
      this.reportArea = el('div');
      this.live = el('p', { class: 'e502-live', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
      this.seconds = el('span', { class: 'e502-seconds', 'aria-hidden': 'true' });
      this.retryButton = el('button', { type: 'button', class: 'e502-button', hidden: '' }, this.t.retry_now);
      this.retryButton.addEventListener('click', () => this.recovery?.retryNow());
      this.tryAgainButton = el('button', { type: 'button', class: 'e502-button', hidden: '' }, this.t.try_again);
      // The visitor's own "Try again": the machine checks, and starts a new budget if needed;
      // it never resends a form (the browser's own reload stays the visitor's way to do so).
      this.tryAgainButton.addEventListener('click', () => (this.recovery ? this.recovery.retryNow() : location.reload()));
      const retry = el('div', { class: 'e502-retry', 'data-testid': 'explain502-countdown' },
        this.live, this.seconds, this.retryButton, this.tryAgainButton);
      this.verdict = el('p', { class: 'e502-verdict', 'data-testid': 'explain502-verdict', hidden: '' });
      this.extra = el('div');
      fill(this, el('div', { class: 'e502', lang }, this.reportArea, retry, this.verdict, this.extra));
      this.renderLinks();
    }

    show(report) {
      this.report = report;
      const t = this.t;
      const gatewayName = report.gateway.name ?? report.gateway.id;
      const shownName = gatewayName ? inert(gatewayName) : null;
      const hop = report.failing_hop;
      const node = (name, label, failed) => el('li', { class: failed ? 'e502-node e502-failed' : 'e502-node' },
        el('span', { class: 'e502-node-name' }, label),
        name ? el('span', { class: 'e502-node-detail' }, name) : null,
        failed ? el('span', { class: 'e502-mark' }, `✕ ${t.failed_here}`) : null);
      fill(this.reportArea,
        el('p', { class: 'e502-status', 'data-testid': 'explain502-status' }, String(report.status)),
        el('h1', { class: 'e502-headline' }, report.headline),
        el('ol', { class: 'e502-path', 'aria-label': t.diagram },
          node(null, t.you, hop === 'browser'),
          node(shownName, t.gateway, hop === 'gateway'),
          node(null, t.app, hop === 'upstream')),
        el('p', { class: 'e502-hop' }, t[`hop.${hop}`] ?? t['hop.unknown']),
        el('h2', {}, t.observed),
        el('dl', { class: 'e502-observed' },
          el('dt', {}, t.observed_status), el('dd', {}, String(report.status)),
          gatewayName ? [el('dt', {}, t.observed_gateway), el('dd', { 'data-testid': 'explain502-gateway' }, shownName)] : null,
          el('dt', {}, t.observed_address), el('dd', { class: 'e502-url' }, readableUrl(this.observation.url))),
      );
      fill(this.extra,
        report.advice.user.length ? [el('h2', {}, t.your_advice), tipList(report.advice.user)] : [],
        report.advice.developer.length
          ? el('details', { class: 'e502-developer' }, el('summary', {}, t.developer), tipList(report.advice.developer))
          : null,
        this.links,
      );
    }

    renderLinks() {
      const contact = safeLink(this.getAttribute('contact'));
      const statusPage = safeLink(this.getAttribute('status-page'));
      this.links = el('p', { class: 'e502-links' },
        contact ? el('a', { href: contact, rel: 'nofollow' }, this.t.contact) : null,
        statusPage ? el('a', { href: statusPage, rel: 'nofollow' }, this.t.status_page) : null);
    }

    say(text) {
      clearInterval(this.ticker);
      this.seconds.textContent = '';
      this.live.classList.remove('e502-sr');
      this.live.textContent = text;
    }

    /** One announcement per wait (read, not shown); the ticking line is for the eyes only. */
    countdown(ms) {
      clearInterval(this.ticker);
      const end = Date.now() + ms;
      const tick = () => {
        const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
        this.seconds.textContent = `${this.t.retry_in} ${left} ${this.t.seconds}`;
        if (left === 0) clearInterval(this.ticker);
      };
      this.say(`${this.t.retry_in} ${Math.ceil(ms / 1000)} ${this.t.seconds}`);
      this.live.classList.add('e502-sr');
      tick();
      this.ticker = setInterval(tick, 1000);
    }

    offerTryAgain(text) {
      this.retryButton.hidden = true;
      this.tryAgainButton.hidden = false;
      this.say(text ? this.t[text] ?? text : '');
    }

    /**
     * "Down for everyone?" (contract §2b) from the site's own status page only, when the
     * `status-page` attribute names one: the public checkers are other origins, which an
     * error page does not call on its visitors' behalf.
     */
    checkDown() {
      const statusPage = safeLink(this.getAttribute('status-page'));
      if (!core.downCheck || !statusPage?.startsWith('http')) return;
      const config = {
        seenStatus: this.observation.status,
        providers: { statuspage: { base: statusPage }, isitup: { enabled: false }, wayback: { enabled: false } },
      };
      core.downCheck(this.healthUrl, config).then((result) => this.showVerdict(result), () => {});
    }

    showVerdict(result) {
      const text = this.t[`verdict.${result?.verdict}`];
      this.verdict.textContent = text ?? '';
      this.verdict.hidden = !text;
    }
  }
  if (!customElements.get('explain-502')) customElements.define('explain-502', Explain502);
}
