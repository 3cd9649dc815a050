#!/usr/bin/env bash
# Peak memory (max RSS) of `actorflow run graphs/wordcount.fbp` on generated
# text of SIZE_MB megabytes whose lines are N bytes long (N = 64 KB, 1 MB,
# 4 MB, and 8,388,000 bytes, just under the 8 MiB cap of fs/ReadLines),
# each beside baseline runs of the same binary in the same script run: a
# file of one short line, and the same amount of text in short lines (60
# bytes or less). Every input runs through two graphs:
#
#   graphs/wordcount.fbp as it is (it reads with fs/ReadText), and
#   the same graph reading with fs/ReadLines (one packet per line), as
#   wordcount read before fs/ReadText,
#
# each on both runtimes (current-thread; multi-thread with 2 workers). The
# text is the words of the licence texts under /usr/share/common-licenses
# (ASCII), cut into lines of at most N bytes between two words. A run that
# fails is reported as such.
#
# Usage: bash scripts/bench-memory-wordcount.sh [SIZE_MB]   (default 100;
# needs GNU time). Writes about 6 x SIZE_MB of temporary files, removed at
# the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
size_mb=${1:-100}
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2
  exit 2
fi
cargo build -q --release -p actor-cli
bin="${CARGO_TARGET_DIR:-$root/target}/release/actorflow"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The graphs: as written, and reading lines (with its subgraph beside it).
mkdir -p "$tmp/lib"
cp graphs/lib/TopWords.fbp "$tmp/lib/"
cp graphs/wordcount.fbp "$tmp/text.fbp"
sed 's/read(fs\/ReadText)/read(fs\/ReadLines)/' graphs/wordcount.fbp > "$tmp/lines.fbp"
grep -q 'read(fs/ReadText)' "$tmp/text.fbp" && grep -q 'read(fs/ReadLines)' "$tmp/lines.fbp"

python3 - "$tmp" "$size_mb" <<'PY'
import os, re, sys
tmp, mb = sys.argv[1], int(sys.argv[2])
size = mb * 1000 * 1000
words = []
for name in sorted(os.listdir("/usr/share/common-licenses")):
    path = os.path.join("/usr/share/common-licenses", name)
    if os.path.isfile(path):
        with open(path, "rb") as f:
            words += re.findall(rb"\S+", f.read())
stream = b" ".join(words)
while len(stream) < 2 * 8_400_000:
    stream += b" " + stream
def write(name, n):
    """About SIZE bytes of lines of at most N bytes each (the newline
    included), each cut between two words, so that every input holds the
    same words (the counting's memory then does not differ between inputs)."""
    with open(os.path.join(tmp, name), "wb") as f:
        off, written = 0, 0
        while written < size:
            if off + n > len(stream):
                off = 0
            end = stream.rfind(b" ", off + 1, off + n)
            if end < 0:  # a token longer than the line: cut it (rare)
                end = off + n - 1
            f.write(stream[off:end] + b"\n")
            written += end - off + 1
            off = end + 1
write("short.txt", 60)
for n in (64_000, 1_000_000, 4_000_000, 8_388_000):
    write(f"lines-{n}.txt", n)
with open(os.path.join(tmp, "tiny.txt"), "wb") as f:
    f.write(b"one short line\n")
PY

# Runs `actorflow run GRAPH --set read.in=FILE ...`; prints its max RSS in
# MiB, or the failure.
measure() {
  local graph=$1 file=$2
  shift 2
  if /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" run -q "$tmp/$graph" --set "read.in=$tmp/$file" "$@" >/dev/null 2>"$tmp/err"; then
    awk '{ k = $1 } END { printf "%.1f MiB", k / 1024 }' "$tmp/rss"
  else
    printf 'FAILED: %s' "$(grep -v '^Command exited' "$tmp/err" | head -1)"
  fi
}

echo "== wordcount: max RSS of 'actorflow run', ${size_mb} MB inputs (GNU time %M)"
echo "   each cell: current-thread / multi-thread (2 workers)"
printf '%-28s | %-34s | %-34s\n' "input" "fs/ReadText (graphs/wordcount.fbp)" "fs/ReadLines (as before)"
for case in "one short line (baseline):tiny.txt" "60-byte lines (baseline):short.txt" \
            "64 KB lines:lines-64000.txt" "1 MB lines:lines-1000000.txt" \
            "4 MB lines:lines-4000000.txt" "8,388,000-byte lines:lines-8388000.txt"; do
  IFS=: read -r label file <<<"$case"
  cells=()
  for graph in text.fbp lines.fbp; do
    ct=$(measure "$graph" "$file" --runtime current-thread)
    mt=$(measure "$graph" "$file" --runtime multi-thread --workers 2)
    cells+=("$ct / $mt")
  done
  printf '%-28s | %-34s | %-34s\n' "$label" "${cells[0]}" "${cells[1]}"
done
