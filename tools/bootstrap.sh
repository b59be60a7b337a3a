#!/usr/bin/env bash
# Installs what explain502's build and tests need, idempotently: a no-op (a few seconds) when
# everything is there. Debian as root installs by itself; anywhere else it says, in one line,
# what to install, and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "bootstrap: $*" >&2; exit 1; }

# Debian packages: browsers and gateways for the tests, wasm-opt and zopfli for the build, and
# a Japanese font (3.5 MB) so that the Japanese page's 360-px check measures real glyphs, not
# empty boxes.
APT_PACKAGES=(chromium chromium-driver binaryen zopfli nginx firefox-esr haproxy apache2 varnish lighttpd caddy squid fonts-ipafont-gothic)

command -v cargo >/dev/null || fail "cargo not found: install Rust from https://rustup.rs"
command -v node >/dev/null || fail "node not found: install Node.js 20 or newer"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || fail "node $(node --version) is too old: install Node.js 20 or newer"

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
done
apt_pid=
if [ ${#missing[@]} -gt 0 ]; then
  [ -r /etc/debian_version ] || fail "not Debian: install ${missing[*]} (or their equivalents) yourself"
  [ "$(id -u)" = 0 ] || fail "not root: run 'sudo apt-get install -y ${missing[*]}' (or make test as root)"
  echo "bootstrap: apt-get install ${missing[*]} (in the background)"
  # In the background: apt mostly waits on the network and the disk, the cargo installs below
  # on the CPU; side by side they save minutes on a fresh machine.
  (
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || exit 1
    # Keep Debian from starting the gateways as system services: the tests start their own.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    apt-get install -y -qq "${missing[@]}"
    status=$?
    rm -f /usr/sbin/policy-rc.d
    exit $status
  ) >/tmp/explain502-apt.log 2>&1 &
  apt_pid=$!
fi

rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown >/dev/null || fail "rustup target add wasm32-unknown-unknown failed"

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock.
wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
[ -n "$wanted" ] || fail "no wasm-bindgen in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wanted" ]; then
  echo "bootstrap: cargo install wasm-bindgen-cli $wanted (about 2 minutes)"
  # --locked first; its lock can name a crate version the registry no longer serves, and
  # then the unlocked resolution is the only way.
  cargo install --quiet --locked wasm-bindgen-cli --version "$wanted" 2>/dev/null \
    || cargo install --quiet wasm-bindgen-cli --version "$wanted" \
    || fail "cargo install wasm-bindgen-cli --version $wanted failed"
fi
# No wasm-pack: tools/build.mjs runs cargo, wasm-opt and wasm-bindgen itself, and the wasm
# tests run under wasm-bindgen-cli's test runner (tools/test.sh).

if [ -n "$apt_pid" ]; then
  wait "$apt_pid" || fail "apt-get install ${missing[*]} failed: see /tmp/explain502-apt.log"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null || fail "npm ci failed"
fi
