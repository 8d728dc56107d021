#!/usr/bin/env bash
# Checks that the API does what its document (/api/v1/openapi.json) says:
# schemathesis generates requests from the document, valid and invalid, and
# checks every answer against it (status codes, content types, bodies; valid
# data accepted, invalid data refused). It runs against the debug binary on
# a fresh data folder: on SQLite, and on a fresh PostgreSQL database when
# ADALDYQ_TEST_POSTGRES_URL names a server. The demo is loaded, and the demo
# head (given the administrator role too) gets an API token, so the staff
# and administrator operations are exercised with it; an appeal is filed so
# that following it with its receipt is exercised too.
#
# The rate limits on filing and tracking are raised for this server only
# (--filings-per-minute, --trackings-per-minute): schemathesis sends
# thousands of requests from one address.
#
# schemathesis is installed with pip, at a pinned version, into a venv under
# target/ (kept between runs). Without python3, or without PyPI, this is
# skipped; under CI=true that is an error.
#
# Settings: ADALDYQ_SCHEMATHESIS_EXAMPLES (examples per operation and phase,
# default 50), ADALDYQ_SCHEMATHESIS_SEED (default a fixed seed, so a run is
# reproducible; set another to explore). One worker: with two, Python
# 3.11's parser is used from two threads and schemathesis fails now and
# then with "AST constructor recursion depth mismatch". The allowances the document cannot
# say are in scripts/schemathesis.toml.
set -euo pipefail
cd "$(dirname "$0")/.."

version=4.32.5
target_dir="${CARGO_TARGET_DIR:-target}"
venv="$target_dir/schemathesis/venv-$version"
binary="${ADALDYQ_SCHEMATHESIS_BINARY:-$target_dir/debug/adaldyq}"
examples="${ADALDYQ_SCHEMATHESIS_EXAMPLES:-50}"
seed="${ADALDYQ_SCHEMATHESIS_SEED:-20261130}"

unavailable() {
  if [ "${CI:-}" = "true" ]; then
    echo "API conformance (schemathesis): cannot run under CI: $1" >&2
    exit 1
  fi
  echo "API conformance (schemathesis): skipped, because $1."
  exit 0
}

command -v python3 >/dev/null 2>&1 || unavailable "python3 is not installed"
command -v curl >/dev/null 2>&1 || unavailable "curl is not installed"
if [ ! -x "$venv/bin/schemathesis" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv" >/dev/null 2>&1 || unavailable "python3 cannot make a venv (Debian: apt-get install python3-venv)"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version" \
    || unavailable "pip could not install schemathesis $version"
fi
[ -x "$binary" ] || cargo build --locked --bin adaldyq
root="$(pwd)"
venv_abs="$(cd "$venv" && pwd)"

# Only our flags configure the server: no ADALDYQ_* setting leaks in.
clean_env=(env)
for name in $(compgen -e | grep '^ADALDYQ_' || true); do clean_env+=(-u "$name"); done
clean_env+=(ADALDYQ_LOG=warn)

data=""
db_url=""
db_name=""
db_admin=""
server_pid=""

stop() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
  if [ -n "$db_name" ]; then
    psql "$db_admin" -qc "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null 2>&1 || true
    db_name=""
  fi
  if [ -n "$data" ]; then
    rm -rf "$data"
    data=""
  fi
}
trap stop EXIT

# `adaldyq ARGS` on this run's data folder and database.
adaldyq() {
  local where=(--data-dir "$data")
  [ -z "$db_url" ] || where+=(--database-url "$db_url")
  "${clean_env[@]}" "$binary" "$@" "${where[@]}"
}

# A new, empty PostgreSQL database on the server of $1 (as e2e/harness.mjs).
fresh_postgres() {
  command -v psql >/dev/null 2>&1 || unavailable "psql is not installed"
  db_name="adaldyq_st_$$_$(date +%s)"
  db_admin="${1%%\?*}"
  if ! psql "$db_admin" -qc "CREATE DATABASE $db_name" >/dev/null 2>&1; then
    db_admin="${db_admin%/*}/postgres"
    psql "$db_admin" -qc "CREATE DATABASE $db_name" >/dev/null
  fi
  db_url="${db_admin%/*}/$db_name"
}

field() { "$venv_abs/bin/python" -c "import json, sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }

run() {
  local backend="$1"
  data="$(mktemp -d "${TMPDIR:-/tmp}/adaldyq-schemathesis-XXXXXX")"
  db_url=""
  [ "$backend" = "sqlite" ] || fresh_postgres "$ADALDYQ_TEST_POSTGRES_URL"

  adaldyq demo >/dev/null
  adaldyq user role head@demo.adaldyq.example administrator@all >/dev/null
  local password
  password="$(awk '$1 == "head" { print $3 }' "$data/demo-accounts.txt")"

  : >"$data/stdout"
  "${clean_env[@]}" "$binary" serve --listen 127.0.0.1:0 --data-dir "$data" ${db_url:+--database-url "$db_url"} \
    --filings-per-minute 1000000 --trackings-per-minute 1000000 >"$data/stdout" 2>"$data/server.log" &
  server_pid=$!
  local base=""
  for _ in $(seq 1 120); do
    base="$(sed -n 's#^Adaldyq is running at \(http://[^ /]*\).*#\1#p' "$data/stdout")"
    [ -z "$base" ] || break
    kill -0 "$server_pid" 2>/dev/null || { cat "$data/server.log" >&2; echo "adaldyq exited before it was ready" >&2; return 1; }
    sleep 0.5
  done
  [ -n "$base" ] || { echo "adaldyq did not start within a minute" >&2; return 1; }

  # The head signs in and issues an API token for themselves.
  local jar="$data/cookies" csrf token
  curl -sf -o /dev/null -c "$jar" -b "$jar" -H "Origin: $base" \
    --data-urlencode "email=head@demo.adaldyq.example" --data-urlencode "password=$password" "$base/en/sign-in"
  csrf="$(curl -sf -b "$jar" "$base/en/admin/tokens" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)"
  token="$(curl -sf -b "$jar" -H "Origin: $base" --data-urlencode "csrf=$csrf" --data-urlencode action=issue \
    --data-urlencode "email=head@demo.adaldyq.example" --data-urlencode name=schemathesis "$base/en/admin/tokens" \
    | sed -n 's/.*<code data-verbatim>\([A-Za-z0-9_-]\{20,\}\)<\/code>.*/\1/p' | head -1)"
  [ -n "$token" ] || { echo "could not issue an API token for the run" >&2; return 1; }

  # An appeal to follow with its receipt.
  local receipt
  receipt="$(curl -sf -H 'Content-Type: application/json' "$base/api/v1/appeals" -d '{
    "kind": "complaint", "territory": "433200000", "subject": "Көше шамдары жанбайды",
    "text": "Бір айдан бері кешке көшеде жарық жоқ.", "language": "kk", "anonymous": true }')"

  echo "API conformance (schemathesis $version) on $backend: $base, $examples examples per operation, seed $seed"
  # Run from target/ so that Hypothesis's own caches land there.
  (
    cd "$target_dir/schemathesis"
    ADALDYQ_ST_TOKEN="$token" \
      ADALDYQ_ST_NUMBER="$(field number <<<"$receipt")" \
      ADALDYQ_ST_SECRET="$(field secret <<<"$receipt")" \
      "$venv_abs/bin/schemathesis" --no-color --config-file "$root/scripts/schemathesis.toml" \
      run "$base/api/v1/openapi.json" --max-examples "$examples" --seed "$seed" --workers 1
  ) || { echo "--- the server's log:" >&2; tail -50 "$data/server.log" >&2; return 1; }
  stop
}

run sqlite
if [ -n "${ADALDYQ_TEST_POSTGRES_URL:-}" ]; then
  run postgres
else
  echo "API conformance on PostgreSQL: off (set ADALDYQ_TEST_POSTGRES_URL to run it too)"
fi
