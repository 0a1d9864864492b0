#!/usr/bin/env bash
# `cmake --install` lays out bin/ and share/, and the installed tree works wherever it is moved:
# the binary finds its rules, calendars and schemas next to itself, an environment variable or
# an option comes before that, a binary with no data anywhere says where it looked, and the man
# page documents every command. Usage: relocation_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
unset RECALLGUARD_RULES RECALLGUARD_CALENDARS RECALLGUARD_SCHEMAS
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
# Runs a command and sets $code, $out and $err (stdout and stderr texts) without stopping the test.
run() {
  code=0
  "$@" >"$scratch/out" 2>"$scratch/err" || code=$?
  out=$(cat "$scratch/out")
  err=$(cat "$scratch/err")
}

cmake --install "$build" --prefix "$scratch/first" >/dev/null
mv "$scratch/first" "$scratch/moved"  # relocated: nothing of the first prefix remains
tree=$scratch/moved
rg=$tree/bin/recallguard
cd "$scratch"

for file in bin/recallguard share/recallguard/rules/cn/consumer_products.rules share/recallguard/rules/us/cpsc.rules \
  share/recallguard/rules/signals/concealed_defects.rules share/recallguard/calendars/CN.calendar \
  share/recallguard/calendars/US.calendar share/recallguard/schemas/filings/recall_plan.schema.json \
  share/recallguard/examples/power-banks-2025.sqlite share/recallguard/examples/power-banks-2025-expected-findings.csv \
  share/man/man1/recallguard.1 share/doc/recallguard/README.md share/doc/recallguard/docs/cli.md; do
  [[ -e $tree/$file ]] || fail "cmake --install did not install $file"
done
# The model's DDL is the one the binary embeds.
"$rg" schema | cmp -s - "$tree/share/recallguard/model/case_data_model.sql" ||
  fail "share/recallguard/model/case_data_model.sql is not the binary's DDL"
[[ ! -e $tree/share/recallguard/rules/calendars ]] || fail "the calendars are installed twice"

# --version: the version and the data model's version.
run "$rg" --version
[[ $code == 0 ]] || fail "--version exit $code"
grep -qE '^recallguard [0-9]+\.[0-9]+\.[0-9]+$' <<<"$out" || fail "--version: no version line: $out"
grep -qx 'case data model version 1' <<<"$out" || fail "--version: no data model version: $out"

# check with no rules: the installed standard packs, the same findings as the source tree's rules.
db=$tree/share/recallguard/examples/power-banks-2025.sqlite
run "$rg" check --db "$db" --as-of 2025-12-31 --format csv
[[ $code == 1 ]] || fail "check with the installed packs: exit $code (1 = findings expected): $err"
installed=$out
run "$build/recallguard" check --db "$db" --as-of 2025-12-31 --format csv "$source/rules"
[[ $code == 1 ]] || fail "check in the build tree: exit $code: $err"
[[ $installed == "$out" ]] || fail "the installed packs' findings differ from the source tree's"
[[ $(wc -l <<<"$installed") -gt 10 ]] || fail "too few findings: $installed"

# The calendars and schemas are found next to the moved binary.
run "$rg" calendar add CN 2025-09-30 3
[[ $code == 0 ]] || fail "calendar next to the binary: exit $code: $err"
# An environment variable comes before the folder next to the binary ...
mkdir "$scratch/no-calendars"
run env RECALLGUARD_CALENDARS="$scratch/no-calendars" "$rg" calendar add CN 2025-09-30 3
[[ $code == 2 ]] || fail "RECALLGUARD_CALENDARS (empty folder) not used: exit $code"
# ... and an option before the variable.
run env RECALLGUARD_CALENDARS="$scratch/no-calendars" "$rg" calendar add CN 2025-09-30 3 \
  --calendars "$tree/share/recallguard/calendars"
[[ $code == 0 ]] || fail "--calendars does not come before RECALLGUARD_CALENDARS: exit $code: $err"
# A variable naming no folder is an error that names it, never a silent fall back.
run env RECALLGUARD_CALENDARS="$scratch/nowhere" "$rg" calendar add CN 2025-09-30 3
[[ $code == 2 && $err == *RECALLGUARD_CALENDARS*"$scratch/nowhere"* ]] || fail "RECALLGUARD_CALENDARS=nowhere: exit $code: $err"
run env RECALLGUARD_SCHEMAS="$scratch/nowhere" "$rg" check-filing "$source/examples/filings/xingchen-plan-late.json" \
  --db "$db" --as-of 2025-12-31 "$tree/share/recallguard/rules"
[[ $code == 2 && $err == *RECALLGUARD_SCHEMAS* ]] || fail "RECALLGUARD_SCHEMAS=nowhere: exit $code: $err"
run env RECALLGUARD_RULES="$tree/share/recallguard/rules/signals" "$rg" check --db "$db" --as-of 2025-12-31 --format csv
[[ $code == 1 ]] || fail "RECALLGUARD_RULES=signals: exit $code: $err"
[[ -z $(tail -n +2 <<<"$out" | grep -v '^SIG-') ]] || fail "RECALLGUARD_RULES=signals ran other rules: $out"

# A binary copied alone, with nothing installed anywhere, says where it looked.
if [[ ! -e /usr/local/share/recallguard ]]; then
  mkdir "$scratch/alone"
  cp "$rg" "$scratch/alone/recallguard"
  run "$scratch/alone/recallguard" calendar add CN 2025-09-30 3
  [[ $code == 2 && $err == *"next to the binary"*"install prefix"*RECALLGUARD_CALENDARS* ]] ||
    fail "a binary with no data: exit $code: $err"
  [[ $err != *"$source"* ]] || fail "a copied binary looked in the source tree: $err"
fi

# The man page has every command's help (every subcommand, and every option of check) and renders.
page=$tree/share/man/man1/recallguard.1
for command in $("$rg" --help | awk '/^(SUBCOMMANDS|Subcommands):/ {on = 1; next} on && /^  [a-z]/ {print $1}'); do
  grep -qF ".SS \"recallguard $command\"" "$page" || fail "the man page lacks $command"
done
for option in $("$rg" check --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
  grep -qF -- "${option//-/\\-}" "$page" || grep -qF -- "$option" "$page" || fail "the man page lacks check $option"
done
[[ $(grep -c '^\.SS "recallguard calendar ' "$page") == 3 ]] || fail "the man page lacks calendar's subcommands"
! grep -qF "$build" "$page" || fail "the man page names the build folder"
if command -v groff >/dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
  [[ -z $warnings ]] || fail "groff warns about the man page: $warnings"
fi
echo "relocation: installed tree moved and audited; defaults, variables and man page checked"
