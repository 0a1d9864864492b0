#!/usr/bin/env bash
# Configures and builds recallguard into build/ (incremental when already built):
# `scripts/build.sh [TARGET...]` builds only the targets named (e.g. recallguard), else everything.
set -euo pipefail
cd "$(dirname "$0")/.."
# -g1 (line tables: backtraces with file and line) instead of full debug info: a third less
# compile time, which CI pays on every clean build.
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
  "${launcher[@]}" >/dev/null
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build build -j"$(nproc)" "${targets[@]}"
