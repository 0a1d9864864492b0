#!/usr/bin/env bash
# Configures and builds recallguard into build/ (incremental when already built).
set -euo pipefail
cd "$(dirname "$0")/.."
# -g1 (line tables: backtraces with file and line) instead of full debug info: a third less
# compile time, which CI pays on every clean build.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" >/dev/null
cmake --build build -j"$(nproc)"
