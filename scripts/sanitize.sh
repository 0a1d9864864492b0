#!/usr/bin/env bash
# Builds everything with clang in build-sanitize/ under AddressSanitizer + UndefinedBehaviorSanitizer
# (plus libFuzzer's coverage instrumentation, so that the same build also gives the fuzz targets
# that scripts/fuzz.sh runs) and runs the whole test suite there. Any sanitizer report aborts the
# test that hit it, so ctest fails. Our code is sanitized; the ANTLR-generated parser is built with
# coverage feedback only (generated code); SQLite and the other libraries are the Debian builds.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${RECALLGUARD_BUILD_JOBS:-$(nproc)}
build=${RECALLGUARD_SANITIZE_DIR:-build-sanitize}
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
# -O1 -g1: the usual sanitizer trade-off (readable stack traces, a third less compile time than -O2 -g).
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" \
  -DRECALLGUARD_FUZZ=ON "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$jobs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# The scale test (HostileDb.MillionsOfSalesRowsInBoundedMemory) runs with 2 million rows in the
# normal suite; here it checks memory safety, not scale, so 200,000 rows are enough.
export RECALLGUARD_BIG_ROWS=${RECALLGUARD_BIG_ROWS:-200000}
export RECALLGUARD_MAX_RSS_MIB=${RECALLGUARD_MAX_RSS_MIB:-1024}
cd "$build"
ctest --output-on-failure -j"$(nproc)"
