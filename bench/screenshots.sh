#!/usr/bin/env bash
# Screenshots of this repository's site: builds it, serves it on 127.0.0.1
# and writes full-page PNGs of the home page, a theme page and an article,
# 1280 and 390 pixels wide, light and dark, into DIR (default:
# target/screenshots/). Needs chromium and chromedriver (tests/run installs
# them).
#
#   bench/screenshots.sh [DIR]
set -euo pipefail
dir="${1:-}"
if [[ -n "$dir" && "$dir" != /* ]]; then
  dir="$PWD/$dir"
fi
cd "$(dirname "$0")/.."
exec cargo run --quiet --example screenshots -- "${dir:-target/screenshots}"
