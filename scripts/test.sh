#!/usr/bin/env bash
# README command (2) and what CI runs: install what is needed, build, run every test; then the
# same suite under ASan + UBSan (scripts/sanitize.sh) and each fuzz target for a bounded time
# (scripts/fuzz.sh, RECALLGUARD_FUZZ_SECONDS per target, default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ -f scripts/test-tools.sh ]; then bash scripts/test-tools.sh; fi
started=$SECONDS
bash scripts/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)")
echo "test.sh: build and tests took $((SECONDS - started)) s"
# The sanitizer and fuzz stages are two more full builds (ASan with g++, fuzzers with clang);
# they run when RECALLGUARD_FULL_CI=1 (see the "Security and robustness" section).
if [ "${RECALLGUARD_FULL_CI:-0}" != 1 ]; then exit 0; fi
step=$SECONDS
bash scripts/sanitize.sh
echo "test.sh: sanitizer build and tests took $((SECONDS - step)) s"
step=$SECONDS
bash scripts/fuzz.sh "${RECALLGUARD_FUZZ_SECONDS:-20}"
echo "test.sh: fuzz build and runs took $((SECONDS - step)) s; $((SECONDS - started)) s in all"
