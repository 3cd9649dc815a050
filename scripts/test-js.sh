#!/bin/sh
# The JS test command: on a fresh machine it installs what it needs, builds
# the wasm package for the web and for Node, runs the Node tests
# (`node --test`) and the browser test (headless Chromium), and exits
# non-zero on any failure.
#
# Installs, each only when missing:
#   - the rustup target wasm32-unknown-unknown;
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock;
#   - Debian's chromium and chromium-driver (apt-get, needs root);
#   - the npm packages of @actorflow/js in actor-js/ (npm ci, from package-lock.json).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

step() { printf '\n==> %s\n' "$*"; }

step "wasm32 target"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

step "wasm-bindgen-cli"
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then
  echo "no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "=$want"
fi
wasm-bindgen --version

step "chromium"
if [ ! -x /usr/bin/chromium ]; then
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd=sudo; fi
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends chromium chromium-driver
fi
/usr/bin/chromium --version || true

step "npm packages"
(cd actor-js && npm ci --no-audit --no-fund)

step "build the wasm package (web and node)"
sh scripts/build-wasm.sh

step "TypeScript declarations type-check"
(cd actor-js && npx --no-install tsc -p types-check/tsconfig.json)

step "node tests"
(cd actor-js && node --test --test-reporter=spec test/*.test.mjs)

step "node tests of @actorflow/js/svelte (components compiled in Node, mounted in jsdom)"
# --conditions=browser: Svelte's client runtime, as a browser or bundler gets it.
(cd actor-js && node --conditions=browser --test --test-reporter=spec test/svelte-dom/*.test.mjs)

step "browser test (state_sharing_test.html and svelte_runes_test.html)"
(cd actor-js && node test-browser/run.mjs)

step "all JS tests passed"
