#!/usr/bin/env bash
# `make test`: every check and test suite, then one summary line "N passed, N failed".
# A failing check (fmt, clippy, the build) counts as one failure; test suites count their tests.
set -uo pipefail
cd "$(dirname "$0")/.."

bash tools/bootstrap.sh || exit 1

logs=$(mktemp -d)
passed=0
failed=0
failures=()

# step NAME COMMAND...: runs it, adds its test counts (or 1 failure if it failed uncounted).
step() {
  local name=$1; shift
  local log="$logs/$name.log"
  local started=$SECONDS
  echo "== $name: $*"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local p f
  # cargo/wasm-bindgen-test: "test result: ok. 12 passed; 0 failed"; node --test: "# pass 3".
  p=$(grep -oE '(test result: [a-zA-Z]+\. [0-9]+ passed|^# pass [0-9]+)' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  f=$(grep -oE '([0-9]+ failed;|^# fail [0-9]+)' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  p=${p:-0}; f=${f:-0}
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  [ "$status" -eq 0 ] || failures+=("$name")
  echo "== $name: exit $status, $p passed, $f failed, $((SECONDS - started)) s"
}

export CHROMEDRIVER=/usr/bin/chromedriver
# The build and the e2e run the dev CLI that `cargo test` builds (tools/cli.mjs): no release build.
export EXPLAIN502_CLI=debug
step fmt cargo fmt --all -- --check
step clippy cargo clippy --all-targets --quiet -- -D warnings
step clippy-wasm cargo clippy --target wasm32-unknown-unknown --lib --features site --quiet -- -D warnings
# The error pages' own wasm (feature `page`, no default features) and the Worker's (`worker`).
step clippy-page cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features page --quiet -- -D warnings
step clippy-worker cargo clippy --target wasm32-unknown-unknown --lib --features worker,response-body --quiet -- -D warnings
# 3 × 34 000 = 102 000 random-input cases (tests/robustness.rs).
ROBUSTNESS_CASES=34000 step native cargo test --quiet
# `std`: the wasm tests' harness needs std (Cargo.toml); the shipped no_std wasm is what dist and e2e run.
# wasm-bindgen-cli's runner in headless Chromium (CHROMEDRIVER above), what `wasm-pack test
# --headless --chrome` runs, without installing wasm-pack (~3 min of a fresh machine).
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  step wasm cargo test --target wasm32-unknown-unknown --test wasm --features std
step dist node tools/build.mjs
step e2e node --test --test-concurrency=1 --test-reporter=tap tests/e2e/

[ ${#failures[@]} -eq 0 ] || echo "failed steps: ${failures[*]}"
echo "$passed passed, $failed failed"
[ ${#failures[@]} -eq 0 ]
