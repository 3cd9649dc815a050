#!/bin/sh
# Builds actor-wasm for wasm32 and generates the bindings of the JS package @actorflow/js (folder actor-js/):
#   actor-js/pkg/web   (wasm-bindgen --target web, for browsers and bundlers)
#   actor-js/pkg/node  (wasm-bindgen --target nodejs, CommonJS, loaded by actor-js/node.js)
# Needs the wasm32-unknown-unknown target and wasm-bindgen-cli at the version
# of the wasm-bindgen crate in Cargo.lock (scripts/test-js.sh installs both).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release -p actor-wasm --target wasm32-unknown-unknown
wasm="$root/target/wasm32-unknown-unknown/release/actor_wasm.wasm"
out="$root/actor-js/pkg"
rm -rf "$out/web" "$out/node"
wasm-bindgen --target web --out-dir "$out/web" "$wasm"
wasm-bindgen --target nodejs --out-dir "$out/node" "$wasm"
# The package is "type": "module"; the nodejs output is CommonJS.
printf '{"type": "commonjs"}\n' > "$out/node/package.json"
echo "built $out/web and $out/node"
