#!/usr/bin/env bash
# Builds the power-banks-2025 case database: build.sh OUT.sqlite (see ../build_example.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec "$here/../build_example.sh" "$here" "$@"
