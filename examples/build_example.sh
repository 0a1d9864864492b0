#!/usr/bin/env bash
# Builds one example's case database from its CSV sources:
#   build_example.sh EXAMPLE_DIR OUT.sqlite
# runs `recallguard init OUT`, then one `recallguard ingest OUT --table T FILE ...` with
# every data/<table>.csv of the example, tables in foreign-key order.
# RECALLGUARD = path to the binary (default: build/recallguard in the repository root).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $(basename "$0") EXAMPLE_DIR OUT.sqlite" >&2
  exit 2
fi
example_dir=$(cd "$1" && pwd)
out=$2
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
recallguard=${RECALLGUARD:-$repo_root/build/recallguard}
if [ ! -x "$recallguard" ]; then
  echo "$(basename "$0"): no recallguard binary at $recallguard (build it, or set RECALLGUARD)" >&2
  exit 2
fi

# Parents before children: every foreign key points to a table loaded earlier.
tables=(companies products complaints incidents defect_cases filings recalls notices
        recall_progress sales design_changes foreign_recalls regulator_actions)
ingest_args=()
for table in "${tables[@]}"; do ingest_args+=(--table "$table" "$example_dir/data/$table.csv"); done

"$recallguard" init "$out"
"$recallguard" ingest "$out" "${ingest_args[@]}"
