// The <explain-502> custom element (contract §4): thin glue. It gathers what the browser
// knows, asks the Rust core (`core.explain`), and renders the Report as text nodes only:
// everything in a Report may come from an untrusted response.
//
// No imports: the error pages inline this file next to the core's glue.

/** The status to explain: the attribute, else this page's own HTTP status, else 502. */
function pageStatus(element) {
  const fromAttribute = Number.parseInt(element.getAttribute('status') ?? '', 10);
  if (fromAttribute >= 100 && fromAttribute <= 999) return fromAttribute;
  const navigation = performance.getEntriesByType?.('navigation')?.[0];
  if (navigation?.responseStatus >= 100) return navigation.responseStatus;
  return 502;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) {
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

export function defineExplain502(core) {
  class Explain502 extends HTMLElement {
    connectedCallback() {
      const observation = { status: pageStatus(this), url: location.href };
      const context = {
        userAgent: navigator.userAgent,
        platform: navigator.userAgentData?.platform ?? navigator.platform,
        languages: [this.getAttribute('lang') || document.documentElement.lang, ...navigator.languages].filter(Boolean),
        nowMs: Date.now(),
      };
      this.render(core.explain(observation, context));
    }

    render(report) {
      this.replaceChildren(
        el('p', { class: 'e502-status', 'data-testid': 'explain502-status' }, String(report.status)),
        el('h1', { class: 'e502-headline' }, report.headline),
      );
    }
  }
  if (!customElements.get('explain-502')) customElements.define('explain-502', Explain502);
}
