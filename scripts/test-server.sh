#!/bin/sh
# The fbp-protocol runtime's tests against the real `actorflow serve`:
#   - fbp-test, the protocol's own suite (npm fbp-protocol 0.9.8): 22 of 22;
#   - fbp-spec 0.8.0 on actor-server/spec/ (a suite per standard component,
#     and the wordcount and penguins graphs), then the files its writer
#     suites wrote;
#   - node tests: fbp-client 0.4.3, and the live graph page in headless
#     Chromium (playwright-core), which saves
#     actor-server/ui/test-output/live-graph.png.
# It first checks that the committed page bundle (actor-server/ui/dist) is
# what its sources build to. Installs, each only when missing: Debian's
# chromium (apt-get, needs root) and the npm packages of actor-server/ui
# (npm ci, from package-lock.json). Exits non-zero on any failure.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
ui="$root/actor-server/ui"

step() { printf '\n==> %s\n' "$*"; }

step "chromium"
if [ ! -x /usr/bin/chromium ]; then
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd=sudo; fi
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends chromium
fi

step "npm packages of actor-server/ui"
(cd "$ui" && npm ci --no-audit --no-fund)

step "the committed page bundle matches its sources"
(cd "$ui" && npm run --silent build)
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  if ! git -C "$root" diff --quiet -- actor-server/ui/dist; then
    echo "actor-server/ui/dist is stale: run 'npm run build' in actor-server/ui and commit dist/" >&2
    git -C "$root" diff --stat -- actor-server/ui/dist >&2
    exit 1
  fi
fi

step "build actorflow"
cargo build -q -p actor-cli
bin="$root/target/debug/actorflow"
secret="test-$$"
free_port() {
  node -e "const s = require('net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

step "fbp-test (fbp-protocol 0.9.8)"
port=$(free_port)
log="$root/target/fbp-test.log"
(
  cd "$ui"
  npx --no-install fbp-init --name actorflow --host 127.0.0.1 --port "$port" --collection core \
    --command "exec '$bin' serve --port $port" >/dev/null
  FBP_PROTOCOL_SECRET="$secret" ACTORFLOW_SECRET="$secret" npx --no-install fbp-test
) | tee "$log"
grep -q "22 passing" "$log" || { echo "fbp-test: expected 22 passing" >&2; exit 1; }

step "fbp-spec (0.8.0) on actor-server/spec"
rm -rf "$root/target/fbp-spec"
mkdir -p "$root/target/fbp-spec"
serve_out="$root/target/fbp-spec/serve.out"
ACTORFLOW_SECRET="$secret" "$bin" serve --port 0 >"$serve_out" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT INT TERM
tries=0
until grep -q "ws://" "$serve_out" 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ]; then echo "actorflow serve did not start" >&2; cat "$serve_out" >&2; exit 1; fi
  sleep 0.1
done
address=$(grep -o 'ws://[^ ]*' "$serve_out" | head -n 1)
(cd "$ui" && npx --no-install fbp-spec --address "$address" --secret "$secret" --command-timeout 10 "$root/actor-server/spec/")
kill "$server_pid"
trap - EXIT INT TERM
printf 'one\ntwo\n' | cmp - "$root/target/fbp-spec/writelines.txt"
printf '"one"\n"two"\n' | cmp - "$root/target/fbp-spec/writejson.jsonl"
echo "the writers of the fs suites wrote their files"

step "node tests: fbp-client, and the live graph page in Chromium"
(cd "$ui" && ACTORFLOW_BIN="$bin" node --test --test-reporter=spec test/*.test.mjs)

step "all fbp-protocol runtime tests passed"
