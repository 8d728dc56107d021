#!/usr/bin/env bash
# The load benchmark (run by hand, never by the tests): builds the release
# binary, fills a data folder with BENCH_APPEALS appeals (1,000,000 by
# default) with their events and log leaves, starts the server on it, and
# measures with wrk a public page, the public calculator, a staff inbox
# page, durable appeal submissions and the track page, next to nginx
# serving the public page's bytes as a static file in the same run. Writes
# bench/RESULTS.md.
#
#   bash bench/run.sh            # 1,000,000 appeals (about 10 minutes to seed)
#   BENCH_APPEALS=100000 BENCH_SECONDS=10 bash bench/run.sh
#
# With BENCH_POSTGRES set to a PostgreSQL server (a URL without a database,
# e.g. postgres://postgres@127.0.0.1:5432) the same runs on PostgreSQL: the
# seeded database is adaldyq_bench_N, each run works on a copy of it
# (CREATE DATABASE … TEMPLATE), and the results go to bench/RESULTS-postgres.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
APPEALS=${BENCH_APPEALS:-1000000}
SECONDS_EACH=${BENCH_SECONDS:-20}
CONNS=${BENCH_CONNECTIONS:-64}
WORK=$ROOT/bench/work
PG=${BENCH_POSTGRES:-}
if [ -n "$PG" ]; then
  DATA=$WORK/pg-data-$APPEALS
  SEEDED_DB=adaldyq_bench_$APPEALS
  RUN_DB=adaldyq_bench_run
  BACKEND="PostgreSQL ($PG, synchronous_commit on)"
  OUT=bench/RESULTS-postgres.md
else
  DATA=$WORK/data-$APPEALS
  BACKEND="SQLite (the embedded default, synchronous=FULL)"
  OUT=bench/RESULTS.md
fi
PORT=18080
NGINX_PORT=18081
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$CARGO_TARGET_DIR/release/adaldyq
SEED=$CARGO_TARGET_DIR/release/adaldyq-bench-seed

tools="wrk nginx curl"
[ -n "$PG" ] && tools="$tools psql"
for tool in $tools; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install wrk nginx curl)" >&2; exit 1; }
done

echo "== building (release)"
cargo build --release --locked --bin adaldyq
cargo build --release --manifest-path bench/seed/Cargo.toml
# The commit measured is the one built now (the tree may change during a run).
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates bench/seed || echo "+changes")

mkdir -p "$WORK"
pg() { psql "$PG/postgres" -qAt -v ON_ERROR_STOP=1 -c "$1"; }
if [ ! -f "$DATA/seeded" ]; then
  echo "== seeding $APPEALS appeals into $DATA"
  rm -rf "$DATA"
  if [ -n "$PG" ]; then
    pg "DROP DATABASE IF EXISTS $SEEDED_DB"
    pg "CREATE DATABASE $SEEDED_DB"
    "$BIN" demo --data-dir "$DATA" --database-url "$PG/$SEEDED_DB" > /dev/null
    "$SEED" "$DATA" "$APPEALS" "$PG/$SEEDED_DB"
  else
    "$BIN" demo --data-dir "$DATA" > /dev/null
    "$SEED" "$DATA" "$APPEALS"
  fi
  touch "$DATA/seeded"
fi
RUN=$WORK/run
rm -rf "$RUN" && mkdir -p "$RUN"
cp "$DATA"/*.key "$DATA/demo-accounts.txt" "$RUN/"
if [ -n "$PG" ]; then
  # Bring the seeded database to this binary's schema (so start-up is not
  # measured with a migration in it), then run on a copy of it: the
  # submissions of an earlier run go.
  "$BIN" migrate --data-dir "$DATA" --database-url "$PG/$SEEDED_DB" > /dev/null
  pg "DROP DATABASE IF EXISTS $RUN_DB"
  pg "CREATE DATABASE $RUN_DB TEMPLATE $SEEDED_DB"
  DB_ARGS=(--database-url "$PG/$RUN_DB")
else
  "$BIN" migrate --data-dir "$DATA" > /dev/null
  cp "$DATA/adaldyq.db" "$RUN/adaldyq.db"
  rm -f "$RUN/adaldyq.db-wal" "$RUN/adaldyq.db-shm"
  DB_ARGS=()
fi

server_pid=""
nginx_conf=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$nginx_conf" ] && nginx -c "$nginx_conf" -s quit 2>/dev/null || true
}
trap cleanup EXIT

rss() { awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
hwm() { awk '/^VmHWM/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

echo "== starting adaldyq on $APPEALS appeals"
start_ns=$(date +%s%N)
ADALDYQ_LOG=warn "$BIN" --data-dir "$RUN" "${DB_ARGS[@]}" --listen "127.0.0.1:$PORT" --demo false \
  --filings-per-minute 100000000 --trackings-per-minute 100000000 > "$WORK/server.out" 2> "$WORK/server.err" &
server_pid=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null; do
  sleep 0.005
  kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/server.err"; exit 1; }
done
startup_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
sleep 2
idle_rss=$(rss "$server_pid")
echo "start-up ${startup_ms} ms, idle RSS ${idle_rss} MB"

base="http://127.0.0.1:$PORT"
# nginx serves the bytes of the public page.
mkdir -p "$WORK/www"
curl -sf "$base/en/" -o "$WORK/www/index.html"
nginx_conf=$WORK/nginx.conf
cat > "$nginx_conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx.err warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-tmp;
  proxy_temp_path $WORK/nginx-tmp;
  fastcgi_temp_path $WORK/nginx-tmp;
  uwsgi_temp_path $WORK/nginx-tmp;
  scgi_temp_path $WORK/nginx-tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location = / { root $WORK/www; try_files /index.html =404; default_type text/html; }
  }
}
NGINX
mkdir -p "$WORK/nginx-tmp"
nginx -c "$nginx_conf"

# A coordinator's session (the whole region's inbox).
read -r _ email password < <(grep '^coordinator ' "$RUN/demo-accounts.txt")
cookie=$(curl -s -o /dev/null -D - -H 'Sec-Fetch-Site: same-origin' \
  --data-urlencode "email=$email" --data-urlencode "password=$password" "$base/en/sign-in" \
  | awk -F'[=;]' 'tolower($0) ~ /^set-cookie: adaldyq_session=/ {print $2; exit}')
[ -n "$cookie" ] || { echo "bench: the coordinator could not sign in" >&2; exit 1; }
inbox_rows=$(curl -sf -H "Cookie: adaldyq_session=$cookie" "$base/en/staff/appeals" | grep -c '<tr>' || true)
# The inbox at this size, one request at a time: each filter's first page
# (median of 5, in ms) and a deep keyset page.
inbox_lines=()
for q in "" "?status=answered" "?overdue=1" "?soon=3" "?q=%D0%B6%D0%BE%D0%BB" "?kind=proposal&language=ru" \
  "?territory=433233000" "?before=1000"; do
  times=$(for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: adaldyq_session=$cookie" "$base/en/staff/appeals$q"
  done | sort -n | sed -n 3p)
  inbox_lines+=("| \`/en/staff/appeals${q}\` | $(awk -v t="$times" 'BEGIN { printf "%.1f", t * 1000 }') ms |")
done
# One appeal to track.
receipt=$(curl -sf -H 'Content-Type: application/json' -d '{"kind":"complaint","territory":"433200000","subject":"Track me","text":"t","language":"kk","anonymous":true}' "$base/api/v1/appeals")
export BENCH_NUMBER=$(echo "$receipt" | sed -E 's/.*"number":"([^"]+)".*/\1/')
export BENCH_SECRET=$(echo "$receipt" | sed -E 's/.*"secret":"([^"]+)".*/\1/')

results=()
measure() { # name, then wrk arguments
  local name=$1; shift
  echo "== $name"
  local out
  out=$(wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --latency "$@" 2>&1)
  echo "$out" | grep -E "Requests/sec|50%|99%|Non-2xx|non-201|Socket errors" || true
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5} /non-201 answers/ {print $3}' | head -1)
  results+=("$name|$rps|$p50|$p99|${errors:-0}")
}

measure "nginx: the public page as a static file" "http://127.0.0.1:$NGINX_PORT/"
measure "public page (home, /en/)" "$base/en/"
measure "public calculator (/en/calendar with a date)" "$base/en/calendar?registered=2026-03-18T10:00&days=15"
measure "staff inbox page (coordinator, whole region)" -H "Cookie: adaldyq_session=$cookie" "$base/en/staff/appeals"
measure "track page (POST /en/track)" -s bench/track.lua "$base"
measure "durable appeal submission (POST /api/v1/appeals)" -s bench/post_appeal.lua "$base"
loaded_rss=$(hwm "$server_pid")

nginx_rps=$(echo "${results[0]}" | cut -d'|' -f2)
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)
{
  echo "# Load benchmark results"
  echo
  echo "Written by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$commit\`."
  echo
  echo "- Machine: $(nproc) cores ($cpu), $mem; wrk and the server share the cores."
  echo "- Data: $APPEALS appeals with their events and transparency-log leaves, $BACKEND."
  echo "- wrk: 2 threads, $CONNS connections, ${SECONDS_EACH} s each; nginx $(nginx -v 2>&1 | sed 's/.*\///') serving the same bytes of \`/en/\` in the same run."
  echo
  echo "| what | requests/s | p50 | p99 | × nginx | errors |"
  echo "|---|---:|---:|---:|---:|---:|"
  for r in "${results[@]}"; do
    IFS='|' read -r name rps p50 p99 errors <<< "$r"
    ratio=$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { if (b > 0) printf "%.2f× nginx", a / b; else print "-" }')
    echo "| $name | $rps | $p50 | $p99 | $ratio | $errors |"
  done
  echo
  echo "- Start-up (process start to \`/healthz\` answering, on the $APPEALS-appeal database): **${startup_ms} ms**"
  echo "- Resident memory: idle **${idle_rss} MB**, highest under load **${loaded_rss} MB**"
  echo "- The staff inbox page showed $((inbox_rows - 1)) rows (one keyset page)."
  echo
  echo "## The staff inbox at $APPEALS appeals, one request at a time"
  echo
  echo "| page (coordinator of a district) | median of 5 |"
  echo "|---|---:|"
  for l in "${inbox_lines[@]}"; do echo "$l"; done
  echo
  echo "## Against DESIGN.md's targets"
  echo
  echo "| target | measured |"
  echo "|---|---|"
  r() { echo "${results[$1]}" | cut -d'|' -f"$2"; }
  ratio() { awk -v a="$(r "$1" 2)" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }'; }
  echo "| a public page ≥ 0.8 × nginx | $(ratio 1)× |"
  echo "| a staff inbox page ≥ 0.25 × nginx | $(ratio 3)× |"
  echo "| ≥ 1,000 durable submissions/s on SQLite, p99 < 50 ms at 64 clients | $(r 5 2)/s, p99 $(r 5 4)$([ -n "$PG" ] && echo " (this run: PostgreSQL)") |"
  echo "| dashboard aggregates over 1,000,000 appeals < 50 ms | no dashboard yet (statistics are a later issue) |"
  echo "| idle resident memory < 40 MB | ${idle_rss} MB |"
  echo "| start-up < 300 ms | ${startup_ms} ms |"
  echo
  echo "Figures move by about ±10% between runs on this machine (wrk and the server share its two cores)."
} > "$OUT"
echo
cat "$OUT"
