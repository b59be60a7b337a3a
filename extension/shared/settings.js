// The user's settings (options page), kept in storage.sync so they follow the browser profile.
import './ext-compat.js';

const ext = globalThis.explain502Ext;

/** The down-detector providers the user can turn on or off (ids of the down-check module). */
export const PROVIDERS = ['isitup', 'wayback', 'direct'];
/**
 * Off until the user turns them on: they are third parties, and asking them tells them which
 * site the visitor was on. The browser's own view (no third party) stays on.
 */
const THIRD_PARTY = new Set(['isitup', 'wayback']);

export const DEFAULT_SETTINGS = Object.freeze({
  autoRetry: true,
  /** "Pause everywhere": nothing is observed, shown or retried until the user turns it off. */
  paused: false,
  /** Cap of one wait between probes, in seconds; null: the core's own (`Policy` in src/retry.rs). */
  maxWaitSeconds: null,
  providers: Object.freeze(Object.fromEntries(PROVIDERS.map((id) => [id, !THIRD_PARTY.has(id)]))),
  /** Host names (or parent domains) where explain502 stays silent. */
  ignoredSites: Object.freeze([]),
  /**
   * explain502's own probe servers (`explain502 serve --probe`, the Worker) that the down check
   * asks (`providers.explain502.endpoints`, contract §2b): none until the user lists some.
   */
  explain502: Object.freeze({ endpoints: Object.freeze([]) }),
});

/** At most this many probe endpoints (the core asks at most 8: `distinct_endpoints`). */
export const MAX_ENDPOINTS = 8;

export async function loadSettings() {
  const { settings } = await ext.sync.get('settings');
  return normalize(settings);
}

export async function saveSettings(settings) {
  const clean = normalize(settings);
  await ext.sync.set({ settings: clean });
  return clean;
}

/** Any stored value → a complete, bounded settings object (storage.sync is user-editable). */
export function normalize(stored) {
  const value = stored && typeof stored === 'object' ? stored : {};
  const providers = { ...DEFAULT_SETTINGS.providers };
  for (const id of PROVIDERS) if (typeof value.providers?.[id] === 'boolean') providers[id] = value.providers[id];
  return {
    autoRetry: typeof value.autoRetry === 'boolean' ? value.autoRetry : DEFAULT_SETTINGS.autoRetry,
    paused: value.paused === true,
    maxWaitSeconds: waitCap(value.maxWaitSeconds),
    providers,
    ignoredSites: (Array.isArray(value.ignoredSites) ? value.ignoredSites : [])
      .map((site) => String(site).trim().toLowerCase()).filter(Boolean).slice(0, 500),
    explain502: { endpoints: endpointsOf(value.explain502?.endpoints).valid },
  };
}

/**
 * A probe endpoint as the user typed it → its normalized URL, or null when it may not be one:
 * https, or http to this machine only (a probe server on loopback while testing; any other
 * http would send the failing address in clear), no user name or password (it would be sent
 * to the probe with every check), no query or fragment (the check's own query is appended).
 */
export function probeEndpoint(text) {
  let url;
  try { url = new URL(String(text).trim()); } catch { return null; }
  if (url.username || url.password || url.search || url.hash) return null;
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) return null;
  return url.href.replace(/\/+$/, '');
}

/** Any list (or text, one a line) → `{ valid, invalid }`: normalized, each once, at most 8. */
export function endpointsOf(list) {
  const lines = typeof list === 'string' ? list.split('\n') : (Array.isArray(list) ? list : []);
  const valid = [];
  const invalid = [];
  for (const line of lines.map((l) => String(l).trim()).filter(Boolean)) {
    const endpoint = probeEndpoint(line);
    if (endpoint === null) invalid.push(line);
    else if (!valid.includes(endpoint) && valid.length < MAX_ENDPOINTS) valid.push(endpoint);
  }
  return { valid, invalid };
}

/** The origins whose host permission the endpoints need (`permissions.request` patterns). */
export function endpointOrigins(endpoints) {
  return [...new Set(endpoints.map((endpoint) => `${new URL(endpoint).origin}/*`))];
}

/** Whole seconds in [5, 3600]; null (nothing set, an empty field, not a number): the core's cap. */
function waitCap(value) {
  if (typeof value !== 'number' && (typeof value !== 'string' || value.trim() === '')) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? Math.min(3600, Math.max(5, Math.round(seconds))) : null;
}

/** The host name the options list for `url` ("not on this site"), or null for a non-web URL. */
export function siteOf(url) {
  try {
    const { protocol, hostname } = new URL(url);
    return ['http:', 'https:'].includes(protocol) ? hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Adds `url`'s host to the ignored sites ("not on this site"); the saved settings. */
export async function ignoreSite(url) {
  const settings = await loadSettings();
  const site = siteOf(url);
  if (site && !isIgnored(settings, url)) settings.ignoredSites.push(site);
  return saveSettings(settings);
}

/** "Pause everywhere" on or off; the saved settings. */
export async function setPaused(paused) {
  return saveSettings({ ...(await loadSettings()), paused: paused === true });
}

/** False when the user silenced explain502 for `url`: paused everywhere, or an ignored site. */
export function isWatched(settings, url) {
  return !settings.paused && !isIgnored(settings, url);
}

/** True when `url`'s host is an ignored site or a subdomain of one. */
export function isIgnored(settings, url) {
  let host;
  try { host = new URL(url).hostname.toLowerCase(); } catch { return false; }
  return settings.ignoredSites.some((site) => host === site || host.endsWith(`.${site}`));
}
