#!/usr/bin/env bash
# README command (1): install what is needed, build, and audit the bundled power-bank
# example database with the bundled rules. Prints the text report and writes the HTML
# report beside the database (build/examples/power-banks-2025.html).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh >/dev/null
mkdir -p build/examples
db=build/examples/power-banks-2025.sqlite
# Rebuilt from its CSV sources whenever a source is newer than the database.
if [ ! -f "$db" ] || [ -n "$(find examples/power-banks-2025/data -newer "$db" -print -quit)" ]; then
  rm -f "$db"
  RECALLGUARD=build/recallguard examples/power-banks-2025/build.sh "$db" >/dev/null
fi
status=0
build/recallguard check --db "$db" --as-of 2025-12-31 --format html -o build/examples/power-banks-2025.html rules/cn rules/us rules/signals || status=$?
build/recallguard check --db "$db" --as-of 2025-12-31 rules/cn rules/us rules/signals || status=$?
echo
echo "HTML report: build/examples/power-banks-2025.html"
# Exit 1 only means "findings found" — the example is built to have them.
[ "$status" -le 1 ]
