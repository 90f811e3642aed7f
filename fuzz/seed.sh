#!/usr/bin/env bash
# Seeds each target's corpus (fuzz/corpus/<target>/) from the test
# fixtures and the repository's own site, then runs the targets one after
# the other for the same time each, in the background of a shared machine.
#
#   fuzz/seed.sh                 seed only
#   fuzz/seed.sh run SECONDS [TARGET...]   seed, then run each target
#
# Each run's libFuzzer log goes to fuzz/logs/<target>.log; findings to
# fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
root=..

seed() { # target files...
  local target=$1
  shift
  mkdir -p "corpus/$target"
  for file in "$@"; do
    [ -f "$file" ] || continue
    cp "$file" "corpus/$target/seed-$(sha1sum "$file" | cut -c1-16)"
  done
}

content=$(find "$root/tests/fixtures" "$root/content" -name '*.md' | sort)
# shellcheck disable=SC2086
{
  seed front_matter $content
  seed markdown $content
  seed scanner $content
  seed book_toml $(find "$root/tests/fixtures" -name book.toml | sort) "$root/book.toml"
  seed import_text $(find "$root/tests/fixtures/seeds" -type f | sort)
  seed import_html $(find "$root/tests/fixtures/html" -name '*.html' | sort)
}
for target in serve_path site_path; do
mkdir -p "corpus/$target"
for path in "" "articles/" "articles/x/" "searchindex.js" "a/../b" "%2e%2e/x" \
  "..%2f..%2fetc" "/etc/passwd" "a\\b" "%00" "themes/%C3%A9/" "./x" "a//b"; do
  printf '%s' "$path" >"corpus/$target/seed-$(printf '%s' "$path" | sha1sum | cut -c1-16)"
done
done
for url in "https://example.org/a" "javascript:alert(1)" "mailto:x@example.org" "old-slug" "/old/path/"; do
  printf '%s' "$url" >"corpus/site_path/seed-$(printf '%s' "$url" | sha1sum | cut -c1-16)"
done

[ "${1:-}" = run ] || exit 0
seconds=${2:?how many seconds per target}
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front_matter book_toml markdown site_path scanner import_html import_text serve_path)
mkdir -p logs
for target in "${targets[@]}"; do
  mkdir -p "artifacts/$target"
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 -timeout=20 -rss_limit_mb=3072 \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    >"logs/$target.log" 2>&1 || echo "$target: stopped with a finding (see logs/$target.log)" >&2
done
