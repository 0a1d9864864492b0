#!/usr/bin/env bash
# README command (1): install what is needed, build, and audit the bundled power-bank
# example database with the bundled rules. Prints the text report and writes the HTML
# report beside the database (build/examples/power-banks-2025.html).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Only what the audit needs: the recallguard binary, not the test programs. The screen shows the
# build's progress; the compiler's own output goes to build/audit-build.log (printed on failure).
mkdir -p build/examples
echo "building recallguard (compiler output: build/audit-build.log)"
set +o pipefail
bash scripts/build.sh recallguard 2>&1 | tee build/audit-build.log |
  sed -unE 's/^\[ *([0-9]+%)\] (Building CXX object|Linking CXX [a-z ]+) (CMakeFiles\/)?([A-Za-z0-9_]+).*/  \1  \4/p'
built=${PIPESTATUS[0]}
set -o pipefail
if [ "$built" -ne 0 ]; then
  cat build/audit-build.log >&2
  exit "$built"
fi
db=build/examples/power-banks-2025.sqlite
# Rebuilt from its CSV sources whenever a source is newer than the database.
if [ ! -f "$db" ] || [ -n "$(find examples/power-banks-2025/data -newer "$db" -print -quit)" ]; then
  rm -f "$db"
  RECALLGUARD=build/recallguard examples/power-banks-2025/build.sh "$db" >/dev/null
fi
status=0
build/recallguard check --db "$db" --as-of 2025-12-31 --format html -o build/examples/power-banks-2025.html rules/ || status=$?
build/recallguard check --db "$db" --as-of 2025-12-31 rules/ || status=$?
echo
echo "HTML report: build/examples/power-banks-2025.html"
# Exit 1 only means "findings found" — the example is built to have them.
[ "$status" -le 1 ]
