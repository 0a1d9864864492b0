#!/usr/bin/env bash
# README command (2) and what CI runs: install what is needed, build, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ -f scripts/test-tools.sh ]; then bash scripts/test-tools.sh; fi
bash scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)"
