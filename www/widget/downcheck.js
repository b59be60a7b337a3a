// "Is it down for everyone or just me?" at the browser's edge: fetching only. The core plans
// what to ask (`downCheckPlan`) and reads the answers into the verdict (`downCheckVerdict`);
// this file asks every provider at once, each bounded by its timeout, and hands whatever
// arrived by the overall deadline back to the core. Used by the widget, the error pages, the
// site and the extension (in its service worker: no DOM here).
//
// No imports: the error pages inline this file next to the core's glue.

/**
 * `downCheck(core, url, config?)` → Promise of contract §2b's result. Never rejects because of
 * a provider (one that hangs, fails or talks nonsense is `unknown`); rejects only on a
 * malformed `config` (see `downCheckPlan` in src/wasm/downcheck.rs for its fields).
 */
export async function downCheck(core, url, config = {}) {
  const online = globalThis.navigator?.onLine !== false;
  const plan = core.downCheckPlan(url, config, online);
  const started = Date.now();
  const answers = plan.jobs.map(() => null);
  const asked = plan.jobs.map((job, index) => askProvider(job, plan).then((answer) => { answers[index] = answer; }));
  let timer;
  const deadline = new Promise((resolve) => { timer = setTimeout(resolve, plan.deadlineMs); });
  await Promise.race([Promise.allSettled(asked), deadline]);
  clearTimeout(timer);
  return core.downCheckVerdict(url, config, online, answers, Date.now() - started);
}

async function askProvider(job, plan) {
  const started = Date.now();
  const site = job.siteUrl ? await getOnce(job.siteUrl, 'cors', false, plan) : null;
  const answer = job.url ? await getOnce(job.url, job.mode, job.readBody, plan) : { outcome: 'not_asked' };
  return { ...answer, siteStatus: site?.status ?? null, elapsedMs: Date.now() - started };
}

/** One GET without credentials or referrer, aborted after the plan's timeout (body included). */
async function getOnce(url, mode, readBody, { timeoutMs, maxBodyBytes }) {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { mode, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer', signal });
    if (!readBody) return { outcome: 'answered', status: response.status };
    if (Number(response.headers.get('content-length')) > maxBodyBytes) return { outcome: 'too_large' };
    const body = await response.text();
    return body.length > maxBodyBytes ? { outcome: 'too_large' } : { outcome: 'answered', status: response.status, body };
  } catch {
    return { outcome: signal.aborted ? 'timed_out' : 'failed' };
  }
}
