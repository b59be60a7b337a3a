// explain502's probe as a Cloudflare Worker: GET /api/check?url=U answers the same JSON as
// `explain502 serve --probe` (contract §2b + `probe`), plus `probe.colo`, the Cloudflare data
// centre it ran in. Every decision is the core's (src/downcheck/probe.rs through
// src/wasm/probe.rs): the request's checks, the address guard on every hop, when to follow a
// redirect, the answer. This file only fetches, within the core's limits.
//
// Bindings (wrangler.toml): LIMITER, a rate-limiting binding (per client: its IPv4 address or
// IPv6 /64); ALLOW_PORTS, more ports than 80 and 443 ("8080,8443"); ALLOW_PRIVATE = "1" lets
// private and loopback targets through (tests only: never set it on a deployed Worker).
//
// Where the guard cannot look: a Worker does not resolve names itself, so the addresses a
// name resolves to are not checked here; Cloudflare's network does not connect Workers to
// private, loopback or link-local addresses, and the guard refuses every literal form of
// them, the Worker's own host name, credentials and other ports.
import wasmModule from "./pkg/explain502_bg.wasm";
import {
  initSync, checkLimits, checkStart, checkProblem, checkHop, checkNext, checkAnswer, checkClientKey,
} from "./pkg/explain502.js";

initSync({ module: wasmModule });
const LIMITS = JSON.parse(checkLimits());
const USER_AGENT = "explain502-probe-worker (+https://github.com/explain502/explain502)";

const HEADERS = {
  "Content-Type": "application/json",
  "Cache-Control": "no-store",
  "Access-Control-Allow-Origin": "*",
  "X-Content-Type-Options": "nosniff",
};

function json(status, body, extra = {}) {
  return new Response(body, { status, headers: { ...HEADERS, ...extra } });
}

/** A core problem (`{"status": N, "error": "…"}`) as the native server answers it. */
function problem(text, extra) {
  const { status, error } = JSON.parse(text);
  return json(status, JSON.stringify({ error }), extra);
}

function hopOf(url) {
  return JSON.stringify({
    scheme: url.protocol.replace(/:$/, ""),
    username: url.username,
    password: url.password,
    host: url.hostname,
    port: url.port === "" ? null : Number(url.port),
  });
}

/** At most `limit` bytes of the body, as text (invalid UTF-8 replaced, as natively). */
async function readCapped(response, limit) {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    // A body cut short (by the time cap or a reset) still leaves a status worth reporting.
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.length;
    if (at >= bytes.length) break;
  }
  return new TextDecoder().decode(bytes);
}

async function check(request, env, url) {
  const client = request.headers.get("CF-Connecting-IP") ?? "";
  if (env.LIMITER) {
    const { success } = await env.LIMITER.limit({ key: checkClientKey(client) });
    if (!success) return problem(checkProblem("rate_limited"), { "Retry-After": "60" });
  }
  const target = url.searchParams.get("url");
  const early = checkStart(request.method, target);
  if (early) return problem(early);
  let hop;
  try {
    hop = new URL(target);
  } catch {
    return problem(checkProblem("not_a_url"));
  }
  const policy = JSON.stringify({
    allow_private: env.ALLOW_PRIVATE === "1",
    allowed_ports: String(env.ALLOW_PORTS ?? "").split(",").filter(Boolean).map(Number),
    own_hosts: [url.hostname],
  });
  const started = Date.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), LIMITS.total_time_ms);
  let redirects = 0;
  let fetched;
  try {
    for (;;) {
      const refused = checkHop(hopOf(hop), policy, redirects);
      if (refused) return problem(refused);
      let response;
      try {
        response = await fetch(hop.href, {
          redirect: "manual",
          signal: controller.signal,
          headers: { "User-Agent": USER_AGENT },
        });
      } catch {
        fetched = {
          url: hop.href, status: null, elapsed_ms: Date.now() - started, redirects,
          failure: controller.signal.aborted ? "timed_out" : "connection_failed",
        };
        break;
      }
      const location = response.headers.get("location");
      const next = checkNext(response.status, location !== null, redirects);
      if (next === "follow") {
        response.body?.cancel().catch(() => {});
        try {
          hop = new URL(location, hop);
        } catch {
          return problem(checkProblem("bad_redirect"));
        }
        redirects += 1;
        continue;
      }
      const body = await readCapped(response, LIMITS.max_body_bytes);
      fetched = {
        url: hop.href, status: response.status, headers: [...response.headers], body,
        elapsed_ms: Date.now() - started, redirects, too_many_redirects: next === "too_many",
      };
      break;
    }
  } finally {
    clearTimeout(timer);
  }
  return json(200, checkAnswer(JSON.stringify(fetched), request.cf?.colo ?? null));
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== "/api/check") {
      return json(404, JSON.stringify({ error: "not found: GET /api/check?url=…" }));
    }
    return check(request, env, url);
  },
};
