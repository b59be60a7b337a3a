// Browser hands for the core's recovery machine (`recoveryStep`, src/recovery.rs; its numbers
// are documented in src/wasm/recovery.rs). Every decision and every wait is the machine's: this
// file feeds it what happens (timers, probe answers, visibility, network, the site's Web Lock,
// the other tabs' news) and carries out its commands. It holds no timing of its own.
// `step` is also the extension's way in (extension/background/retry.js).
//
// - One probing tab per site: the holder of a Web Lock named after the site; the others wait in
//   the lock's queue (`follow`) and take over when it hides, stops or closes (`yield`).
// - The tabs of one site talk over a BroadcastChannel (`tell`: the leader's countdown, "back").
// - What outlives a reload (the machine's `remember`) is kept in sessionStorage, per site.
//
// No imports: the error pages inline this file next to the core's glue and element.js.

// The names of the machine's numbers, by index (src/wasm/recovery.rs).
const EVENTS = ['started', 'timer', 'answer', 'failed', 'retry', 'stop', 'hidden', 'shown', 'offline', 'online', 'lead', 'unlead', 'peer_waiting', 'peer_back'];
const COMMANDS = ['wait', 'cancel', 'probe', 'remember', 'reload', 'show', 'stop', 'follow', 'yield', 'tell'];
const VIEWS = ['waiting', 'checking', 'following', 'paused', 'back', 'back_manual', 'stopped'];
const REASONS = ['not_idempotent', 'not_retryable', 'budget_spent', 'user_stopped', 'off'];
const STATE_NUMBERS = 12;

/**
 * One step of the machine: `state` (an array of numbers, or null before `started`), `event`
 * `{ type, … }` → `{ state, commands: [{ type, … }] }`. Events: `started` `{ status, method?,
 * retryAfterMs?, visible?, online?, leader?, auto?, look?, challenge?, maxWaitMs?, memory? }`, `answer`
 * `{ status, headers: [[name, value]…] }`, `peer_waiting` `{ ms }`, and `timer`, `failed`,
 * `retry`, `stop`, `hidden`, `shown`, `offline`, `online`, `lead`, `unlead`, `peer_back`.
 * Commands: `wait` `{ ms }`, `cancel`, `probe` `{ method, timeoutMs }`, `remember`
 * `{ memory }`, `reload`, `show` `{ view, ms?, attempt?, reason? }`, `stop` `{ reason }`,
 * `follow`, `yield`, `tell` `{ news: 'back' | 'waiting', ms? }`.
 */
export function step(core, state, event) {
  const none = (n) => (n ?? -1);
  const e = event;
  const numbers = e.type === 'started'
    ? [e.status, none(e.retryAfterMs), (e.visible !== false) | (e.online !== false) << 1 | !!e.leader << 2 | (e.auto !== false) << 3 | !!e.look << 4 | !!e.challenge << 5,
      none(e.maxWaitMs), ...(e.memory?.length === 4 ? e.memory : [])]
    : [e.status ?? e.ms ?? -1];
  const text = e.type === 'started' ? e.method ?? '' : (e.headers ?? []).map(([n, v]) => `${n}: ${v}`).join('\n');
  const out = core.recoveryStep(state ?? [], [EVENTS.indexOf(e.type), ...numbers], text, Date.now(), Math.random());
  const commands = [];
  for (let i = STATE_NUMBERS; i < out.length; i += 5) {
    const [kind, a, b, c, d] = out.slice(i, i + 5);
    const type = COMMANDS[kind];
    const ms = (n) => (n < 0 ? undefined : n);
    commands.push(
      type === 'wait' ? { type, ms: a }
      : type === 'probe' ? { type, method: a ? 'GET' : 'HEAD', timeoutMs: b }
      : type === 'remember' ? { type, memory: [a, b, c, d] }
      : type === 'show' ? { type, view: VIEWS[a], ms: ms(b), attempt: c, reason: REASONS[d] }
      : type === 'stop' ? { type, reason: REASONS[a] }
      : type === 'tell' ? { type, news: a ? 'back' : 'waiting', ms: b }
      : { type });
  }
  return { state: Array.from(out.slice(0, STATE_NUMBERS)), commands };
}

/**
 * One probe of `url` with `method`, never from the cache, aborted after `timeoutMs`. Resolves to
 * `{ status, headers }` (headers as [name, value] pairs) or `{ status: 0, error }` (`timeout` or
 * `network`); never throws. What the answer means is the core's to say.
 */
export async function probe(url, method, timeoutMs) {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { method, cache: 'no-store', redirect: 'follow', signal });
    return { status: response.status, headers: [...response.headers] };
  } catch {
    return { status: 0, error: signal.aborted ? 'timeout' : 'network' };
  }
}

/** The machine's `reload`: a GET navigation, whatever the method seemed to be (reload() would
 * resend a form if this page answered a POST). */
const navigateAgain = () => location.replace(location.href);

/**
 * Starts the machine for one page. `core`: the wasm core's exports. `onShow(command)`: each
 * `show` command (`{ view, ms?, attempt?, reason? }`); `onAnswer(answer)`: each probe's raw
 * answer (for the headers); `reload()`: the navigation (tests count it instead). The other
 * options are the machine's `started` event. Returns `{ retryNow(), stop() }`.
 */
export function startRecovery(core, {
  healthUrl = location.href, method, status = 502, retryAfterMs, maxWaitMs, auto = true, look = false, challenge = false,
  onShow = () => {}, onAnswer = () => {}, reload = navigateAgain,
} = {}) {
  const url = new URL(healthUrl, location.href).href;
  const name = `explain502-recovery ${new URL(url).origin}`;
  const locks = navigator.locks;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
  let state = null;
  let timer = 0;
  let release = null; // ends our hold of the lock
  let queued = null; // aborts our place in the lock's queue
  let held = null; // settles once the lock we asked for is released
  let over = false;
  const events = [];

  /** One event at a time: a command may answer at once (no Web Locks: `lead`). */
  function feed(event) {
    events.push(event);
    if (events.length > 1) return;
    while (events.length && !over) {
      const next = step(core, state, events[0]);
      state = next.state;
      for (const command of next.commands) run(command);
      events.shift();
    }
  }

  function run(command) {
    switch (command.type) {
      case 'wait':
        clearTimeout(timer);
        timer = setTimeout(() => feed({ type: 'timer' }), command.ms);
        break;
      case 'cancel': clearTimeout(timer); break;
      case 'probe':
        probe(url, command.method, command.timeoutMs).then((answer) => {
          if (over) return;
          if (answer.status) onAnswer(answer);
          feed(answer.status ? { type: 'answer', ...answer } : { type: 'failed' });
        });
        break;
      case 'remember':
        try { sessionStorage.setItem(name, JSON.stringify(command.memory)); } catch { /* storage off */ }
        break;
      case 'reload':
        finish();
        // Navigate once the lock is given back: the next page of this tab asks for it at once.
        Promise.resolve(held).then(reload);
        break;
      case 'show': onShow(command); break;
      case 'follow': lead(); break;
      case 'yield': unlead(); break;
      case 'tell': channel?.postMessage({ news: command.news, ms: command.ms }); break;
      default: break; // `stop`: the `show` beside it says so
    }
  }

  function lead() {
    if (release || queued) return;
    if (!locks) return void queueMicrotask(() => feed({ type: 'lead' }));
    queued = new AbortController();
    held = locks.request(name, { signal: queued.signal }, () => new Promise((resolve) => {
      queued = null;
      release = resolve;
      feed({ type: 'lead' });
    })).catch(() => {}); // AbortError: we left the queue on purpose
  }

  function unlead() {
    queued?.abort();
    queued = null;
    release?.();
    release = null;
  }

  function finish() {
    over = true;
    clearTimeout(timer);
    unlead();
    channel?.close();
    document.removeEventListener('visibilitychange', onVisibility);
    removeEventListener('online', onNetwork);
    removeEventListener('offline', onNetwork);
  }

  const onVisibility = () => feed({ type: document.hidden ? 'hidden' : 'shown' });
  const onNetwork = () => feed({ type: navigator.onLine === false ? 'offline' : 'online' });
  if (channel) {
    channel.onmessage = ({ data }) => feed(data?.news === 'back' ? { type: 'peer_back' } : { type: 'peer_waiting', ms: data?.ms });
  }
  document.addEventListener('visibilitychange', onVisibility);
  addEventListener('online', onNetwork);
  addEventListener('offline', onNetwork);
  let memory = null;
  try { memory = JSON.parse(sessionStorage.getItem(name)); } catch { /* none */ }
  feed({
    type: 'started', status, method, retryAfterMs, maxWaitMs, auto, look, challenge, memory,
    visible: !document.hidden, online: navigator.onLine !== false, leader: false,
  });

  return {
    retryNow: () => feed({ type: 'retry' }),
    stop: () => { if (!over) finish(); },
  };
}
