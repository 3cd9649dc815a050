#!/usr/bin/env bash
# Peak memory (max RSS) of whole `actorflow` runs on generated input, each
# beside a baseline run of the same program in the same script run:
#
#   fs/ReadLines, 200 MB of short lines, and one line of 200 MB (refused at
#   the default `maxline` cap, and read whole with the cap raised);
#   the .fbp parser (`actorflow graph convert`), a graph with a 20 MB IIP.
#
# wordcount on long lines has a script of its own: scripts/bench-memory-wordcount.sh.
#
# Usage: bash scripts/bench-memory.sh [SIZE_MB]   (default 200; needs GNU time)
# Writes about 3 x SIZE_MB of temporary files, removed at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
size_mb=${1:-200}
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2
  exit 2
fi
cargo build -q --release -p actor-cli
bin="$root/target/release/actorflow"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# max RSS in KiB of a command; its exit status is ignored (some runs fail on purpose).
rss() { /usr/bin/time -f '%M' -o "$tmp/rss" "$@" >/dev/null 2>"$tmp/err" || true; cat "$tmp/rss" | tail -1; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

python3 - "$tmp" "$size_mb" <<'PY'
import sys, os
tmp, mb = sys.argv[1], int(sys.argv[2])
size = mb * 1000 * 1000
line = b"the quick brown fox jumps over the lazy dog, again and again\n"
with open(os.path.join(tmp, "short.txt"), "wb") as f:
    for _ in range(size // len(line)):
        f.write(line)
with open(os.path.join(tmp, "one-line.txt"), "wb") as f:
    chunk = b"x" * (1 << 20)
    for _ in range(size // len(chunk)):
        f.write(chunk)
    f.write(b"\n")
with open(os.path.join(tmp, "tiny.txt"), "wb") as f:
    f.write(b"one short line\n")
iip = "words " * (20 * 1000 * 1000 // 6)
with open(os.path.join(tmp, "big-iip.fbp"), "w") as f:
    f.write("'" + iip + "' -> IN a(core/Repeat)\na OUT -> IN b(core/Drop)\n")
with open(os.path.join(tmp, "small-iip.fbp"), "w") as f:
    f.write("'words' -> IN a(core/Repeat)\na OUT -> IN b(core/Drop)\n")
PY
printf "'%s' -> IN read(fs/ReadLines) OUT -> IN drop(core/Drop)\n" "$tmp/tiny.txt" > "$tmp/read.fbp"

echo "== fs/ReadLines: max RSS of 'actorflow run' (ReadLines -> core/Drop), ${size_mb} MB inputs"
base=$(rss "$bin" run -q "$tmp/read.fbp")
echo "baseline, a file of one short line:        $(mib "$base") MiB"
for case in "short lines:short.txt:" "one line, default cap (refused):one-line.txt:" \
            "one line, maxline raised to 1 GB:one-line.txt:1000000000"; do
  IFS=: read -r label file max <<<"$case"
  args=(run -q "$tmp/read.fbp" --set "read.in=$tmp/$file")
  [ -n "$max" ] && args+=(--set "read.maxline=$max")
  k=$(rss "$bin" "${args[@]}")
  printf '%-42s %8s MiB  (%.1fx the baseline)\n' "$label:" "$(mib "$k")" "$(awk -v a="$k" -v b="$base" 'BEGIN{print a/b}')"
  grep -h "longer than" "$tmp/err" | sed 's/^/    /' || true
done

echo
echo "== .fbp parser: max RSS of 'actorflow graph convert --to json'"
small=$(rss "$bin" graph convert "$tmp/small-iip.fbp" --to json)
big=$(rss "$bin" graph convert "$tmp/big-iip.fbp" --to json)
bytes=$(stat -c %s "$tmp/big-iip.fbp")
echo "baseline, a graph with a 5-byte IIP:       $(mib "$small") MiB"
echo "a graph with a $((bytes / 1000000)) MB IIP:                $(mib "$big") MiB"
awk -v a="$big" -v b="$small" -v n="$bytes" \
  'BEGIN { printf "extra memory per byte of graph text:      %.2f bytes (parse, build the graph, write JSON)\n", (a - b) * 1024 / n }'
