// One tab's events (webRequest, messages, alarms) run one after another: each reads and
// writes that tab's stored state, and interleaving would lose updates.
const chains = new Map();

export function serial(tabId, task) {
  const previous = chains.get(tabId) ?? Promise.resolve();
  const next = previous.then(task, task);
  const tail = next.catch(() => {});
  chains.set(tabId, tail);
  tail.then(() => { if (chains.get(tabId) === tail) chains.delete(tabId); });
  return next;
}
