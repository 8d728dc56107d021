#!/usr/bin/env bash
# Runs every cargo-fuzz target for N seconds each (default 60):
#   bash fuzz/run.sh [N]
# Builds from scratch if needed, installs cargo-fuzz if it is missing, and
# on a stable toolchain lets rustc take cargo-fuzz's nightly-only flags
# (-Zsanitizer) with RUSTC_BOOTSTRAP=1. Prints one line per target and
# exits non-zero if any target crashed (panic, timeout, out of memory) or
# failed to build; the crashing input is left in fuzz/artifacts/<target>/.
set -euo pipefail

secs="${1:-60}"
if ! [[ "$secs" =~ ^[0-9]+$ ]] || [ "$secs" -lt 1 ]; then
    echo "usage: bash fuzz/run.sh [seconds per target]" >&2
    exit 2
fi

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$fuzz_dir/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi
if ! rustc --version | grep -q nightly; then
    export RUSTC_BOOTSTRAP=1
fi

targets=(translit calendar forms proofs)
logs="$fuzz_dir/target/fuzz-logs"
mkdir -p "$logs"

echo "building fuzz targets ($(rustc --version))"
build_start=$SECONDS
cargo fuzz build --fuzz-dir "$fuzz_dir"
echo "built in $((SECONDS - build_start))s"

status=0
for t in "${targets[@]}"; do
    log="$logs/$t.log"
    if cargo fuzz run --fuzz-dir "$fuzz_dir" "$t" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=60 -print_final_stats=1 >"$log" 2>&1; then
        runs="$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || true)"
        echo "fuzz $t: ${runs:-?} runs, no crash"
    else
        status=1
        artifact="$(grep -o 'Test unit written to .*' "$log" | tail -n 1 | sed 's/^Test unit written to //' || true)"
        echo "fuzz $t: CRASH${artifact:+, input in $artifact} (log: $log)"
        grep -A 3 -E "panicked at|ERROR: libFuzzer|SUMMARY:" "$log" | head -n 20 | sed 's/^/    /' || true
        if [ -n "$artifact" ]; then
            echo "    reproduce: RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz $t $artifact"
        fi
    fi
done
exit "$status"
