#!/usr/bin/env bash
# README command (2) and what CI runs: install what is needed, build, run every test; then the
# same suite under ASan + UBSan in a clang build (scripts/sanitize.sh) and each fuzz target for a
# bounded number of executions, at most RECALLGUARD_FUZZ_SECONDS (default 90) each (scripts/fuzz.sh).
# RECALLGUARD_QUICK=1 stops after the first stage (for a quick local run; CI runs all three).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ -f scripts/test-tools.sh ]; then bash scripts/test-tools.sh; fi
started=$SECONDS
bash scripts/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)")
echo "test.sh: build and tests took $((SECONDS - started)) s"
if [ "${RECALLGUARD_QUICK:-0}" = 1 ]; then exit 0; fi
step=$SECONDS
bash scripts/sanitize.sh
echo "test.sh: sanitizer build and tests took $((SECONDS - step)) s"
step=$SECONDS
bash scripts/fuzz.sh "${RECALLGUARD_FUZZ_SECONDS:-90}"
echo "test.sh: fuzz build and runs took $((SECONDS - step)) s; $((SECONDS - started)) s in all"
