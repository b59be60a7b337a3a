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
  /** Cap of one wait between probes, in seconds; null: the core's own (`Policy` in src/retry.rs). */
  maxWaitSeconds: null,
  providers: Object.freeze(Object.fromEntries(PROVIDERS.map((id) => [id, !THIRD_PARTY.has(id)]))),
  /** Host names (or parent domains) where explain502 stays silent. */
  ignoredSites: Object.freeze([]),
});

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
    maxWaitSeconds: waitCap(value.maxWaitSeconds),
    providers,
    ignoredSites: (Array.isArray(value.ignoredSites) ? value.ignoredSites : [])
      .map((site) => String(site).trim().toLowerCase()).filter(Boolean).slice(0, 500),
  };
}

/** Whole seconds in [5, 3600]; null (nothing set, an empty field, not a number): the core's cap. */
function waitCap(value) {
  if (typeof value !== 'number' && (typeof value !== 'string' || value.trim() === '')) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? Math.min(3600, Math.max(5, Math.round(seconds))) : null;
}

/** True when `url`'s host is an ignored site or a subdomain of one. */
export function isIgnored(settings, url) {
  let host;
  try { host = new URL(url).hostname.toLowerCase(); } catch { return false; }
  return settings.ignoredSites.some((site) => host === site || host.endsWith(`.${site}`));
}
