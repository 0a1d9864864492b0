#!/usr/bin/env bash
# Lays out every C++ source of the project with .clang-format (clang-format 14, Debian's
# `clang-format` package). `--check` changes nothing: it lists each file that deviates, with
# clang-format's own report of the first places, and exits 1 when there is one.
set -euo pipefail
cd "$(dirname "$0")/.."
formatter=$(command -v clang-format-14 || command -v clang-format || true)
if [[ -z $formatter ]]; then
  echo "format.sh: clang-format is needed: apt-get install clang-format" >&2
  exit 2
fi
mapfile -t files < <(find src tests bench -type f \( -name '*.cpp' -o -name '*.h' \) \
                       -not -path 'tests/tools/*' -not -path '*/node_modules/*' | sort)
if [[ ${1:-} == --check ]]; then
  # One run over every file first (fast); file by file only to name the ones that deviate.
  if "$formatter" --style=file --dry-run --Werror "${files[@]}" >/dev/null 2>&1; then
    echo "format.sh: all ${#files[@]} files follow .clang-format"
    exit 0
  fi
  off=0
  for f in "${files[@]}"; do
    if ! "$formatter" --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
      echo "$f does not follow .clang-format:"
      "$formatter" --style=file --dry-run "$f" 2>&1 | head -6 | sed 's/^/  /'
      off=$((off + 1))
    fi
  done
  if ((off)); then
    echo "format.sh: $off of ${#files[@]} files deviate; run: bash scripts/format.sh" >&2
    exit 1
  fi
  echo "format.sh: all ${#files[@]} files follow .clang-format"
else
  "$formatter" --style=file -i "${files[@]}"
fi
