#!/usr/bin/env bash
# Search at scale: builds the generated corpus at each size, serves the
# output under a sub-path from nginx with gzip on 127.0.0.1 (as GitHub Pages
# serves a project site), and measures, in headless Chromium:
#   - for 20 fixed queries, the bytes fetched from the first key typed to
#     the first results page on screen, and the time it took;
#   - Lighthouse's performance score (mobile defaults) of the search page
#     with a query, the home page, the articles list, a large entity page
#     and the timeline.
# Also the build: wall time, peak memory, and the index's files and size.
# Prints Markdown tables.
#
#   bench/search.sh [SIZES...]          default: 10000 100000
#
# Environment: BENCH_DIR (work files, default target/bench), CHROME_PATH
# (default /usr/bin/chromium), LIGHTHOUSE=0 to skip Lighthouse,
# LIGHTHOUSE_PAGES to name the pages (site paths, "home" for the home
# page, "big" for the largest entity page), REUSE=1 to measure an output
# already built (after a change to static/ alone, whose files it copies in).
# Needs: cargo, node and npm, GNU time, and apt-get (for nginx-light and
# chromium when they are missing).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work=${BENCH_DIR:-target/bench}
tools=$PWD/target/bench-tools
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
seed=7
mkdir -p "$work" "$tools"
work=$(cd "$work" && pwd)

note() { printf 'bench/search.sh: %s\n' "$*" >&2; }

missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ -x "$CHROME_PATH" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  note "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -d "$tools/node_modules/playwright-core" ] || [ ! -d "$tools/node_modules/lighthouse" ]; then
  note "installing playwright-core and lighthouse into $tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error -E playwright-core@1.65.1 lighthouse@12.8.2
fi
export BENCH_TOOLS=$tools/node_modules

if [ "${REUSE:-0}" != 1 ] || [ ! -x target/release/dossier ] || [ ! -x target/release/examples/gen_corpus ]; then
  cargo build --release --quiet --bin dossier --example gen_corpus
fi
dossier=$PWD/target/release/dossier
gen=$PWD/target/release/examples/gen_corpus

# A free TCP port on 127.0.0.1.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Serves directory $1 at http://127.0.0.1:$2/dossier/ with gzip, as GitHub
# Pages does; the server's pid file is $work/nginx/nginx.pid.
start_nginx() {
  local dir=$1 port=$2 conf=$work/nginx
  mkdir -p "$conf"
  cat > "$conf/nginx.conf" <<EOF
daemon on;
worker_processes 1;
pid $conf/nginx.pid;
error_log $conf/error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log $conf/access.log;
  client_body_temp_path $conf/tmp;
  proxy_temp_path $conf/tmp;
  fastcgi_temp_path $conf/tmp;
  uwsgi_temp_path $conf/tmp;
  scgi_temp_path $conf/tmp;
  gzip on;
  gzip_comp_level 6;
  gzip_min_length 256;
  gzip_types text/plain text/css application/json application/javascript text/javascript application/xml image/svg+xml application/atom+xml;
  server {
    listen 127.0.0.1:$port;
    location /dossier/ { alias $dir/; }
  }
}
EOF
  mkdir -p "$conf/tmp"
  "$nginx" -c "$conf/nginx.conf" -e "$conf/error.log"
}
stop_nginx() {
  local pidfile=$work/nginx/nginx.pid
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
}
trap stop_nginx EXIT

# The 20 queries: names with and without diacritics, resolution numbers,
# rare words and common ones, from the generator's vocabulary (its
# resolutions are numbered 10, 13, 16, ...).
queries=$work/search-queries.json
cat > "$queries" <<'EOF'
["Nguyễn Văn Hải", "nguyen van hai", "Trần Thị Bình", "tran thi binh",
 "Đặng Minh Cường", "dang minh cuong", "Bùi Đức An", "bui duc an",
 "Resolution 79", "nghi quyet 157", "145-NQ/TW", "Nghị quyết 94",
 "enforcement", "linkage", "marine economy", "goals",
 "policy", "international cooperation", "resolution", "volatile world"]
EOF

# Median, 90th percentile and maximum of a column of numbers.
stats() { python3 -c '
import sys, statistics
xs = sorted(float(x) for x in sys.stdin.read().split())
p90 = xs[min(len(xs) - 1, int(round(0.9 * (len(xs) - 1))))]
print("%.0f | %.0f | %.0f" % (statistics.median(xs), p90, xs[-1]))'; }

for n in "${sizes[@]}"; do
  site=$work/dossier-$n out=$work/search-out-$n
  [ -d "$site" ] || "$gen" --articles "$n" --seed "$seed" --out "$site" >/dev/null
  if [ "${REUSE:-0}" = 1 ] && [ -f "$out/searchindex/meta.json" ]; then
    cp static/*.js static/*.css "$out/"
  else
    /usr/bin/time -v "$dossier" build --root "$site" --out "$out" 2> "$work/search-build-$n.txt" >/dev/null
  fi
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$work/search-build-$n.txt")
  mem=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$work/search-build-$n.txt")
  files=$(find "$out/searchindex" -type f | wc -l)
  size=$(du -sh "$out/searchindex" | cut -f1)
  echo
  echo "### $n articles"
  echo
  echo "Build: $wall wall, $mem MiB peak; index: $files files, $size."
  port=$(free_port)
  start_nginx "$out" "$port"
  root="http://127.0.0.1:$port/dossier/"
  node bench/search-queries.mjs "$root" "$queries" > "$work/search-queries-$n.json"
  echo
  echo "| query | results | requests | transferred (KB) | decoded (KB) | ms to results |"
  echo "|---|---:|---:|---:|---:|---:|"
  python3 - "$work/search-queries-$n.json" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1])):
    found = r["status"].split(" for ")[0]
    print("| %s | %s | %d | %.1f | %.1f | %d |" % (r["query"], found, r["requests"], r["transferred"] / 1024, r["decoded"] / 1024, r["ms"]))
    if r["outside"]:
        print("requests outside the sub-path: %s" % r["outside"], file=sys.stderr)
EOF
  t=$(python3 -c 'import json,sys; print(" ".join(str(r["transferred"] / 1024) for r in json.load(open(sys.argv[1]))))' "$work/search-queries-$n.json" | stats)
  d=$(python3 -c 'import json,sys; print(" ".join(str(r["decoded"] / 1024) for r in json.load(open(sys.argv[1]))))' "$work/search-queries-$n.json" | stats)
  ms=$(python3 -c 'import json,sys; print(" ".join(str(r["ms"]) for r in json.load(open(sys.argv[1]))))' "$work/search-queries-$n.json" | stats)
  echo
  echo "| over the 20 queries | median | 90th percentile | max |"
  echo "|---|---:|---:|---:|"
  echo "| transferred (KB) | $t |"
  echo "| decoded (KB) | $d |"
  echo "| ms to results | $ms |"

  if [ "${LIGHTHOUSE:-1}" != 0 ]; then
    # The entity with the most articles: the largest entity page.
    big=$(python3 - "$out/graph.json" <<'EOF'
import json, sys
g = json.load(open(sys.argv[1]))
counts = {}
for a in g["articles"]:
    for e in a["entities"]:
        counts[e["entity"]] = counts.get(e["entity"], 0) + 1
kind, slug = max(counts, key=lambda k: (counts[k], k)).split("/")
folders = {"resolution": "resolutions", "theme": "themes", "speaker": "speakers"}
print("%s/%s/" % (folders.get(kind, kind + "s"), slug))
EOF
)
    echo
    echo "| page (Lighthouse, mobile) | performance | LCP (ms) | TBT (ms) | transferred (KB) |"
    echo "|---|---:|---:|---:|---:|"
    read -ra pages <<< "${LIGHTHOUSE_PAGES:-search/?q=nguyen+van+hai home articles/ big timeline/}"
    for page in "${pages[@]}"; do
      case $page in home) page= ;; big) page=$big ;; esac
      report=$work/lighthouse-$n-$(echo "${page:-home}" | tr '/?=+' '____').json
      "$tools/node_modules/.bin/lighthouse" "$root$page" --quiet --only-categories=performance \
        --output=json --output-path="$report" \
        --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run" \
        >/dev/null 2>&1 || { echo "| /$page | (lighthouse failed) | | | |"; continue; }
      python3 - "$report" "/$page" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
a = r["audits"]
score = r["categories"]["performance"]["score"]
print("| %s | %s | %.0f | %.0f | %.0f |" % (sys.argv[2], "?" if score is None else round(score * 100),
    a["largest-contentful-paint"]["numericValue"], a["total-blocking-time"]["numericValue"],
    a["total-byte-weight"]["numericValue"] / 1024))
EOF
    done
  fi
  stop_nginx
done
