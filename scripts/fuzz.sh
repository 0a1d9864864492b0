#!/usr/bin/env bash
# Runs each libFuzzer target (clang, ASan + UBSan) for a bounded time: `scripts/fuzz.sh [SECONDS]`
# (default 30 per target). The targets come from the sanitizer build (scripts/sanitize.sh,
# build-sanitize/), built here if it is not there yet. Fails on any crash, leak, sanitizer
# report or escaping exception; the input that found it is copied to
# tests/fuzz/regressions/<target>/ so the normal test suite replays it once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
# The fuzz targets live in build-sanitize/tests/fuzz/, where no data folder is next to them.
export RECALLGUARD_CALENDARS=$PWD/rules/calendars RECALLGUARD_SCHEMAS=$PWD/schemas/filings
jobs=${RECALLGUARD_BUILD_JOBS:-$(nproc)}
build=${RECALLGUARD_SANITIZE_DIR:-build-sanitize}
if [[ ! -f $build/CMakeCache.txt ]]; then
  launcher=()
  if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
  cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" \
    -DRECALLGUARD_FUZZ=ON "${launcher[@]}" >/dev/null
fi
cmake --build "$build" -j"$jobs" --target fuzz_rules fuzz_calendar fuzz_ingest fuzz_filing

# Seed corpora: the shipped rules, calendars, example data and golden inputs, plus the inputs
# that once crashed. The working corpus grows in build-sanitize/corpus/<target>/ between runs.
seed() { mkdir -p "$build/corpus/$1"; cp -f "${@:2}" "$build/corpus/$1/" 2>/dev/null || true; }
seed rules rules/*/*.rules tests/golden/*/*.rules
seed calendar rules/calendars/*.calendar tests/golden/calendar/*.calendar
seed filing examples/filings/*.json
mkdir -p "$build/corpus/ingest"
for file in examples/*/data/*.csv examples/*/data/*.json tests/golden/*/*.csv tests/golden/*/*.json; do
  [[ -f $file ]] || continue
  table=$(basename "$file"); table=${table%.*}
  # The ingest target reads "TABLE\n" then the file's text.
  { printf '%s\n' "$table"; head -c 65536 "$file"; } >"$build/corpus/ingest/$(echo "$file" | tr / _)"
done
for target in rules calendar ingest filing; do
  if [[ -d tests/fuzz/regressions/$target ]]; then seed "$target" tests/fuzz/regressions/"$target"/*; fi
done

# Executions per target: about what 60 s gives each on a 2-core machine with two targets running.
declare -A fuzz_runs=([rules]=5000 [calendar]=30000 [ingest]=8000 [filing]=80000)

# Two targets at a time: each libFuzzer run is one process on one core.
run_target() {
  local target=$1 artifacts="$build/artifacts/$1" log="$build/fuzz_$1.log"
  rm -rf "$artifacts" && mkdir -p "$artifacts"
  # A fixed number of executions from a fixed seed (RECALLGUARD_FUZZ_RUNS=0: no count, only the
  # time limit): the same commit fuzzes the same inputs on every machine, so CI's verdict is
  # reproducible; SECONDS caps the time on a slow machine. -max_len 64 KiB keeps the example data
  # files whole; -rss_limit_mb bounds a runaway input.
  local runs_flag=()
  if [[ ${RECALLGUARD_FUZZ_RUNS:-1} != 0 ]]; then runs_flag=(-runs="${fuzz_runs[$target]}"); fi
  if "$build/tests/fuzz/fuzz_$target" "$build/corpus/$target" -seed="${RECALLGUARD_FUZZ_SEED:-1}" "${runs_flag[@]}" \
      -max_total_time="$seconds" -max_len=65536 \
      -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1; then
    runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "fuzz: $target clean, ${runs:-?} executions"
  else
    echo "fuzz: $target FAILED (log: $log)" >&2
    grep -m20 -E 'ERROR|SUMMARY|==[0-9]+==|runtime error|Test unit written' "$log" >&2 || true
    mkdir -p "tests/fuzz/regressions/$target"
    for crash in "$artifacts"/*; do
      [[ -f $crash ]] && cp "$crash" "tests/fuzz/regressions/$target/" && echo "fuzz: kept $crash as a regression input" >&2
    done
    return 1
  fi
}
parallel=${RECALLGUARD_FUZZ_PARALLEL:-$(( $(nproc) > 1 ? 2 : 1 ))}
echo "fuzz: 4 targets, ${seconds} s each, ${parallel} at a time"
status=0
pids=()
for target in rules calendar ingest filing; do
  run_target "$target" &
  pids+=($!)
  if (( ${#pids[@]} >= parallel )); then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
