#!/usr/bin/env bash
# Build time of a site with one very long article, at several sizes, to show
# that it grows linearly with the article's size. The site is the
# repository's own (its entities, themes and speakers) plus one article made
# of the repository's article paragraphs repeated up to the size asked, so
# that it holds mentions, numbers, quotes and interview answers throughout.
# Prints a Markdown table: size, wall time (best of RUNS), seconds per MB,
# and the time of each stage (`dossier build --timings`) of the best run.
#
#   bench/large-article.sh [MB...]        default: 2.5 10 20
#
# Environment: RUNS (default 3), BENCH_DIR (default target/bench),
# DOSSIER (a dossier binary to time instead of building the release one).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2.5 10 20)
runs=${RUNS:-3}
work=${BENCH_DIR:-target/bench}/large-article
mkdir -p "$work"

if [ -z "${DOSSIER:-}" ]; then
  cargo build --release --quiet --bin dossier
  DOSSIER=$PWD/target/release/dossier
fi
dossier=$DOSSIER

# The paragraphs of the repository's articles (front matter and headings
# left out), one per record.
paragraphs=$work/paragraphs.txt
for article in content/articles/*.md; do
  awk 'BEGIN { RS = ""; ORS = "\n\n" } NR > 1 && !/^#/ && !/^\+\+\+/' "$article"
done >"$paragraphs"

echo "| article | build | per MB | stages |"
echo "|---:|---:|---:|---|"
for mb in "${sizes[@]}"; do
  site=$work/site-$mb
  rm -rf "$site"
  mkdir -p "$site"
  cp book.toml "$site/"
  cp -r content "$site/"
  bytes=$(awk -v mb="$mb" 'BEGIN { printf "%d", mb * 1000000 }')
  {
    printf '+++\ntitle = "A very long article"\ndate = 2025-06-01\n+++\n'
    awk -v want="$bytes" 'BEGIN { RS = ""; ORS = "\n\n" }
      { p[n++] = $0 }
      END { while (size < want) { s = p[i++ % n]; print s; size += length(s) + 2 } }' "$paragraphs"
  } >"$site/content/articles/long-article.md"
  best=""
  stages=""
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    log=$("$dossier" build --timings --root "$site" --out "$site/out" 2>"$work/stderr") ||
      { cat "$work/stderr" >&2; exit 1; }
    took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
    if [ -z "$best" ] || awk -v a="$took" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$took
      stages=$(printf '%s\n' "$log" | awk -F': *' '/ ms$/ { gsub(/^ +/, "", $1); printf "%s%s %s", sep, $1, $2; sep = ", " }')
    fi
  done
  actual=$(stat -c %s "$site/content/articles/long-article.md")
  per=$(awk -v t="$best" -v b="$actual" 'BEGIN { printf "%.3f", t / (b / 1000000) }')
  printf '| %s MB | %s s | %s s | %s |\n' "$mb" "$best" "$per" "$stages"
done
