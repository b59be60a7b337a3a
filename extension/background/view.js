// What the panel and the popup show: the tab's state plus the core's texts, and the badge.
import '../shared/ext-compat.js';
import '../shared/messages.js';
import { uiText } from './core.js';

const ext = globalThis.explain502Ext;
const MSG = globalThis.explain502Messages;

/**
 * The archived copy's address when it is a web address: it comes from a provider's answer
 * (untrusted), and a `javascript:` link in the panel would run in the page.
 */
export function archivedUrl(state) {
  const url = state.verdict?.archived?.url;
  try {
    return ['https:', 'http:'].includes(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}

/** Each retry state's text in the core's `ui.*` table (`retry_in` is followed by the seconds). */
const RETRY_TEXT = {
  waiting: 'retry_in',
  checking: 'checking',
  back: 'back',
  back_manual: 'back_manual',
  stopped: 'stopped',
  gave_up: 'stopped',
  off: 'retry_off',
  follower: 'follower',
  not_retryable: 'not_resent',
};

export async function viewOf(state, extra = {}) {
  const { lang, text } = await uiText();
  return {
    id: state.firstAt,
    url: state.url,
    method: state.method,
    elapsedMs: state.observation?.elapsed_ms,
    report: state.report,
    verdict: state.verdict,
    archivedUrl: archivedUrl(state),
    retry: state.retry,
    lastProbe: state.lastProbe ?? null,
    retryText: RETRY_TEXT[state.retry?.state] ?? null,
    lang,
    text,
    ...extra,
  };
}

/** Sends the tab's View to its panel; false when no content script answers. */
export async function push(state, extra) {
  const answer = await ext.sendToTab(state.tabId, { type: MSG.SHOW, view: await viewOf(state, extra) });
  return answer?.shown === true;
}

export async function setBadge(state) {
  const { action } = ext.api;
  const { text } = await uiText();
  const gateway = state.report.gateway?.id ?? state.report.gateway?.name ?? text.gateway_unknown;
  await Promise.all([
    action.setBadgeText({ tabId: state.tabId, text: String(state.report.status) }),
    action.setBadgeBackgroundColor({ tabId: state.tabId, color: '#b3261e' }),
    action.setTitle({ tabId: state.tabId, title: `explain502: ${state.report.status} · ${text.observed_gateway} ${gateway}` }),
  ]).catch(() => {}); // the tab may have closed meanwhile
}

/**
 * The quiet hint for a bot check or firewall page (not an outage): no badge, no colour, only
 * the toolbar button's title says what answered (the core's headline for it).
 */
export async function setHint(tabId, report) {
  const { action } = ext.api;
  await Promise.all([
    action.setBadgeText({ tabId, text: '' }),
    action.setTitle({ tabId, title: `explain502: ${report.headline ?? ''}` }),
  ]).catch(() => {});
}

export async function clearBadge(tabId) {
  await ext.api.action.setBadgeText({ tabId, text: '' }).catch(() => {});
}
