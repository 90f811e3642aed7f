#!/usr/bin/env bash
# Builds the generated corpus at several sizes and prints, as Markdown
# tables, how heavy the pages a reader loads are — the largest HTML page,
# raw and gzipped, and the 99th percentile of each — and how long the build
# took (wall seconds and peak memory, best of RUNS runs).
#
#   bench/pages.sh [SIZES...]          default: 10000 100000
#
# BASELINE=/path/to/an/older/dossier also times that binary on the same
# corpus, its runs interleaved with the current one's (so that a busy
# machine slows both alike), and prints the ratio. RUNS (default 3) sets
# the number of timed runs per binary. Needs cargo, python3 and GNU time
# (/usr/bin/time). Work files go under ${BENCH_DIR:-target/bench}.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work=${BENCH_DIR:-target/bench}
runs=${RUNS:-3}
seed=7
mkdir -p "$work"

cargo build --release --quiet --bin dossier --example gen_corpus
dossier=$PWD/target/release/dossier
gen=$PWD/target/release/examples/gen_corpus
baseline=${BASELINE:-}

# "seconds MiB" of one build.
timed_build() {
  /usr/bin/time -f "%e %M" "$1" build --root "$2" --out "$3" 2>&1 >/dev/null | tail -1 |
    awk '{ printf "%s %.0f\n", $1, $2 / 1024 }'
}

# The page sizes of a built site: count, largest and 99th percentile, raw
# and gzipped (level 6, as web servers compress), and pages over 300 KB.
page_sizes() {
  python3 - "$1" <<'EOF'
import gzip, os, sys
out = sys.argv[1]
sizes = []
for folder, _, files in os.walk(out):
    for name in files:
        if name.endswith(".html"):
            path = os.path.join(folder, name)
            raw = open(path, "rb").read()
            sizes.append((len(raw), len(gzip.compress(raw, 6, mtime=0)), os.path.relpath(path, out)))
def p99(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(0.99 * len(values)))]
kb = lambda n: "%.1f" % (n / 1024)
largest = max(sizes)
largest_gz = max(sizes, key=lambda s: s[1])
print("| %d | %s (`%s`) | %s (`%s`) | %s | %s | %d |" % (
    len(sizes), kb(largest[0]), largest[2], kb(largest_gz[1]), largest_gz[2],
    kb(p99(s[0] for s in sizes)), kb(p99(s[1] for s in sizes)),
    sum(1 for s in sizes if s[0] > 300 * 1024)))
EOF
}

sizes_table="| articles | HTML pages | largest raw (KB) | largest gzipped (KB) | p99 raw (KB) | p99 gzipped (KB) | pages over 300 KB |
|---:|---:|---|---|---:|---:|---:|"
times_table="| articles | build | best wall time (s) | peak memory (MiB) |
|---:|---|---:|---:|"
for n in "${sizes[@]}"; do
  site=$work/dossier-$n
  [ -d "$site" ] || "$gen" --articles "$n" --seed "$seed" --out "$site" >/dev/null
  best="" best_base="" mem="" mem_base=""
  for _ in $(seq "$runs"); do
    if [ -n "$baseline" ]; then
      read -r t m < <(timed_build "$baseline" "$site" "$work/pages-base-$n")
      if [ -z "$best_base" ] || python3 -c "import sys; sys.exit(not $t < $best_base)"; then best_base=$t mem_base=$m; fi
    fi
    read -r t m < <(timed_build "$dossier" "$site" "$work/pages-out-$n")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(not $t < $best)"; then best=$t mem=$m; fi
  done
  times_table+=$'\n'"| $n | current | $best | $mem |"
  if [ -n "$baseline" ]; then
    ratio=$(python3 -c "print('%.2f' % ($best / $best_base))")
    times_table+=$'\n'"| $n | baseline | $best_base | $mem_base |"
    times_table+=$'\n'"| $n | current / baseline | $ratio | |"
    rm -rf "$work/pages-base-$n"
  fi
  sizes_table+=$'\n'"| $n $(page_sizes "$work/pages-out-$n")"
done
echo "$sizes_table"
echo
echo "$times_table"
