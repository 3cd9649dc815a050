#!/usr/bin/env bash
# Runs every test of the workspace, installing what it needs first.
# Usage: bash scripts/test-all.sh   (from anywhere; works on a fresh machine)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

step() { printf '\n=== %s\n' "$*"; }

step "toolchain: wasm32 target"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

step "cargo test --workspace"
cargo test --workspace --all-targets
cargo test --workspace --doc

step "actor-core builds for wasm32-unknown-unknown"
cargo check -p actor-core --target wasm32-unknown-unknown

step "lints and docs: clippy and rustdoc, warnings are errors"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p actor-core -p actor-wasm --target wasm32-unknown-unknown -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace

step ".fbp conformance against the reference parser (npm fbp 1.8.0)"
kit="$root/../shared/conformance/fbp/check-parser.sh"
if [ ! -f "$kit" ]; then
  echo "missing $kit: clone the repository with ../shared beside it" >&2
  exit 2
fi
cargo build -q -p actor-cli
bin="$root/target/debug/actorflow"
bash "$kit" "$bin" graph convert - --to json
STRICT_ERRORS=1 bash "$kit" "$bin" graph convert - --to json

step "the README's commands, built and run as a newcomer runs them next"
# Cargo unifies features per command: `-p actor-core` (the embed example) and
# `--release -p actor-cli` (the main command) build crates with feature sets
# and a profile of their own, which the steps above do not build. Building
# them here means they start at once after this script, and checks that
# the README's commands work.
cargo run -p actor-core --example embed
cargo run --release -p actor-cli -- run graphs/wordcount.fbp --set read.in=/usr/share/common-licenses/GPL-3 \
  | diff -u tests/golden/wordcount_gpl3_top10.txt -

step "fbp-protocol runtime: fbp-test, fbp-spec, fbp-client and the live graph page"
bash scripts/test-server.sh

if [ -f scripts/test-js.sh ]; then
  step "wasm package, node tests and browser test"
  bash scripts/test-js.sh
fi

step "all tests passed"
