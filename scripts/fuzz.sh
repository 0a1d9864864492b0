#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz/ and runs each for a bounded
# time: `scripts/fuzz.sh [SECONDS]` (default 30 per target). Fails on any crash, leak, sanitizer
# report or escaping exception; the input that found it is copied to
# tests/fuzz/regressions/<target>/ so the normal test suite replays it once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
jobs=${RECALLGUARD_BUILD_JOBS:-$(nproc)}
build=build-fuzz
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRECALLGUARD_FUZZ=ON -DRECALLGUARD_BUILD_TESTS=OFF "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$jobs" --target fuzz_rules fuzz_calendar fuzz_ingest

# Seed corpora: the shipped rules, calendars, example data and golden inputs, plus the inputs
# that once crashed. The working corpus grows in build-fuzz/corpus/<target>/ between runs.
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

status=0
for target in rules calendar ingest filing; do
  artifacts="$build/artifacts/$target"
  rm -rf "$artifacts" && mkdir -p "$artifacts"
  log="$build/fuzz_$target.log"
  echo "fuzz: $target for ${seconds}s"
  # -max_len 64 KiB keeps the example data files whole; -rss_limit_mb bounds a runaway input.
  if "$build/tests/fuzz/fuzz_$target" "$build/corpus/$target" -seed=1 -max_total_time="$seconds" -max_len=65536 \
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
    status=1
  fi
done
exit $status
