// The site's one door to the Rust core (the widget's wasm build, in ./widget/). Pages that need
// the core import this file; the glue and the wasm are fetched on first use only.

let loading;

/** The core's exports once its wasm is instantiated (fetched once per page). */
export function loadCore() {
  loading ??= import('./widget/explain502_core.js').then(async (core) => {
    await core.default({ module_or_path: new URL('./widget/explain502_core_bg.wasm', import.meta.url) });
    return core;
  });
  return loading;
}

/**
 * The core's labels (`ui.*`, without the prefix) in the reader's language: the site's pages
 * take every sentence of a report from here, none of their own.
 */
export function coreLabels(core) {
  return typeof core.uiText === 'function' ? core.uiText(visitorContext().languages).text ?? {} : {};
}

/** What the core may know of the reader: it picks the language and tailors the advice. */
export function visitorContext() {
  return {
    userAgent: navigator.userAgent,
    platform: navigator.userAgentData?.platform ?? navigator.platform,
    languages: [...(navigator.languages ?? [])].filter(Boolean),
    nowMs: Date.now(),
  };
}

/** An element with attributes and children; strings become text nodes, never HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** `url` as a link target only if it is http(s): anything else (javascript:, data:) is not linked. */
export function safeHref(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
