// One tab's events (webRequest, messages, alarms) run one after another: each reads and
// writes that tab's stored state, and interleaving would lose updates.
const chains = new Map();

/**
 * How long one task may hold a tab's queue: every wait inside is bounded, but a browser call
 * that never settles must not stop the tab's later events for good (the task goes on; the
 * queue no longer waits for it).
 */
const TASK_CAP_MS = 15_000;

export function serial(tabId, task) {
  const previous = chains.get(tabId) ?? Promise.resolve();
  const next = previous.then(task, task);
  const capped = Promise.race([next, new Promise((resolve) => { setTimeout(resolve, TASK_CAP_MS); })]);
  const tail = capped.catch(() => {});
  chains.set(tabId, tail);
  tail.then(() => { if (chains.get(tabId) === tail) chains.delete(tabId); });
  return next;
}
