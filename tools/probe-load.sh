#!/usr/bin/env bash
# The probe's full load-and-faults run (issue 19): 200 clients × 10 checks, two rounds, against
# slow, dripping, hanging, huge, redirect-looping, failing and healthy loopback targets.
# Prints answers by status, p50/p99/max answer time, the server's peak RSS and threads.
# CLIENTS=… CHECKS=… override the size.
set -euo pipefail
cd "$(dirname "$0")/.."
PROBE_LOAD_CLIENTS=${CLIENTS:-200} PROBE_LOAD_CHECKS=${CHECKS:-10} \
  cargo test --release --quiet --test probe_load -- --nocapture 2>&1 | grep -E "probe load|test result|panicked"
