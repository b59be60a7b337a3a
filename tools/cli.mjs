// The native CLI that the build (tools/build.mjs, tools/site.mjs) and the e2e tests run: one
// place for its path and its build. `make dist` and `make serve` build and run the release
// one. `make test` (tools/test.sh sets EXPLAIN502_CLI=debug) runs the dev build that its
// `cargo test` step has just made: the release build (lto, one codegen unit) costs ~130 s of
// a fresh 2-core machine (measured), and what the build and the tests ask the CLI (a report
// as JSON, `serve`) is the same code, only slower to compile.
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const profile = process.env.EXPLAIN502_CLI === 'debug' ? 'debug' : 'release';

/** The CLI's path (built by `buildCli`). */
export const cliPath = join(root, 'target', profile, 'explain502');

/** Builds the CLI for `cliPath` (a no-op when cargo finds it up to date). */
export function buildCli() {
  const release = profile === 'release' ? ['--release'] : [];
  execFileSync('cargo', ['build', ...release, '--quiet', '--bin', 'explain502'], { cwd: root, stdio: 'inherit' });
}
