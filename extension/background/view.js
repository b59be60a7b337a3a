// What the panel and the popup show: the tab's state plus the labels, and the badge.
import '../shared/ext-compat.js';
import '../shared/messages.js';
import { LABELS } from '../shared/labels.js';

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

export function viewOf(state, extra = {}) {
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
    labels: LABELS,
    ...extra,
  };
}

/** Sends the tab's View to its panel; false when no content script answers. */
export async function push(state, extra) {
  const answer = await ext.sendToTab(state.tabId, { type: MSG.SHOW, view: viewOf(state, extra) });
  return answer?.shown === true;
}

export async function setBadge(state) {
  const { action } = ext.api;
  const gateway = state.report.gateway?.id ?? state.report.gateway?.name ?? '';
  await Promise.all([
    action.setBadgeText({ tabId: state.tabId, text: String(state.report.status) }),
    action.setBadgeBackgroundColor({ tabId: state.tabId, color: '#b3261e' }),
    action.setTitle({ tabId: state.tabId, title: `explain502: ${state.report.status} ${gateway}`.trim() }),
  ]).catch(() => {}); // the tab may have closed meanwhile
}

export async function clearBadge(tabId) {
  await ext.api.action.setBadgeText({ tabId, text: '' }).catch(() => {});
}
