// Builds the probe Worker into worker/dist/: the core's wasm with the `worker` exports
// (src/wasm/probe.rs), its wasm-bindgen glue (--target web), wasm-opt -Oz when present, and
// src/index.js. `wrangler deploy` runs it (wrangler.toml's [build]); the tests run it too.
// Prints the wasm's size.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, statSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const out = join(here, "dist");
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });

run("cargo", ["build", "--quiet", "--profile", "wasm", "--lib", "--target", "wasm32-unknown-unknown",
  "--no-default-features", "--features", "worker,response-body"]);
mkdirSync(join(out, "pkg"), { recursive: true });
// As tools/build.mjs: wasm-opt before wasm-bindgen (which then sees the optimised module).
const raw = join(out, "explain502.wasm");
copyFileSync(join(root, "target/wasm32-unknown-unknown/wasm/explain502.wasm"), raw);
if (existsSync("/usr/bin/wasm-opt")) {
  run("/usr/bin/wasm-opt", ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
    "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
    raw, "-o", raw]);
}
run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", join(out, "pkg"), raw]);
const wasm = join(out, "pkg/explain502_bg.wasm");
copyFileSync(join(here, "src/index.js"), join(out, "index.js"));
const bytes = readFileSync(wasm);
console.log(`worker: dist/pkg/explain502_bg.wasm ${statSync(wasm).size} B, ${gzipSync(bytes).length} B gzipped`);
