#!/usr/bin/env bash
# Runs every hand-written baseline query against a case database and prints the findings
# per rule and status (or, with --rows, the findings themselves).
#   bench/run_handwritten.sh CASE.db AS_OF [--rows]
# Builds the calendar fixture (bench/calendar_fixture.sql) in a temporary file and attaches it
# as `cal`; the case database is opened read-only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if (($# < 2)); then
  echo "usage: $0 CASE.db AS_OF [--rows]" >&2
  exit 2
fi
db="$1" as_of="$2" rows="${3:-}"
[[ -f "$db" ]] || { echo "$db: no such file" >&2; exit 2; }
[[ "$as_of" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || { echo "AS_OF must be YYYY-MM-DD, got '$as_of'" >&2; exit 2; }
cal="$(mktemp --suffix=.db)"
trap 'rm -f "$cal"' EXIT
rm -f "$cal"
sqlite3 "$cal" < "$here/calendar_fixture.sql"
for sql in "$here"/handwritten/*.sql; do
  rule="$(basename "$sql" .sql)"
  start=$(date +%s.%N)
  out="$(sqlite3 -readonly "$db" -cmd "ATTACH '$cal' AS cal" -cmd ".parameter set :as_of \"'$as_of'\"" < "$sql")"
  end=$(date +%s.%N)
  if [[ "$rows" == "--rows" ]]; then
    if [[ -n "$out" ]]; then sed "s/^/$rule|/" <<<"$out"; fi
  else
    summary=none
    if [[ -n "$out" ]]; then summary="$(cut -d'|' -f3 <<<"$out" | sort | uniq -c | awk '{printf "%s %s  ", $1, $2}')"; fi
    printf "%-22s %8.3f s  %s\n" "$rule" "$(echo "$end - $start" | bc)" "$summary"
  fi
done
