#!/usr/bin/env bash
# The Debian package: built by CPack from this build, unpacked into a scratch root (dpkg-deb -x:
# what dpkg install puts on disk, without touching this machine's package database), its Depends
# covering every shared library the binary needs, and the binary run from the scratch root with a
# clean environment, from another folder, auditing the bundled example with the installed packs:
# the same findings as the source tree's rules give. Usage: deb_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

cpack --config "$build/CPackConfig.cmake" -B "$scratch/package" >"$scratch/cpack.log" 2>&1 ||
  fail "cpack failed: $(cat "$scratch/cpack.log")"
debs=("$scratch"/package/*.deb)
[[ ${#debs[@]} == 1 && -f ${debs[0]} ]] || fail "cpack made no single .deb: $(ls "$scratch/package")"
deb=${debs[0]}
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"

# Every path of the package is under /usr (Debian policy: not /usr/local).
outside=$(dpkg-deb -c "$deb" | awk '{print $6}' | grep -vE '^\./(usr/?.*)?$' || true)
[[ -z $outside ]] || fail "the package installs outside /usr: $outside"

# Depends names the package of every shared library the binary needs (dpkg-shlibdeps), or a
# name that package provides (libspdlog1.10 provides libspdlog1.10-fmt9, the name of its ABI).
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
depends_names=$(sed 's/([^)]*)//g; s/[,|]/\n/g' <<<"$depends" | tr -d ' ')
dpkg-deb -x "$deb" "$scratch/root"
binary=$scratch/root/usr/bin/recallguard
[[ -x $binary ]] || fail "no usr/bin/recallguard in the package"
for library in $(readelf -d "$binary" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
  owners=$(dpkg -S "*/$library" 2>/dev/null | cut -d: -f1 | sort -u)
  [[ -n $owners ]] || fail "no Debian package owns $library"
  found=0
  for owner in $owners; do
    for name in $owner $(dpkg-query -W -f='${Provides}' "$owner" | sed 's/([^)]*)//g; s/,/ /g'); do
      grep -qxF "$name" <<<"$depends_names" && found=1
    done
  done
  [[ $found == 1 ]] || fail "Depends lacks the package of $library ($owners): $depends"
done

# No path of the build machine's source tree is in the installed binary.
if grep -qF "$source" "$binary"; then fail "the installed binary contains the source path $source"; fi

# Run from elsewhere with a clean environment: no RECALLGUARD_* variable, cwd outside the source.
mkdir "$scratch/cwd"
cd "$scratch/cwd"
db=$scratch/root/usr/share/recallguard/examples/power-banks-2025.sqlite
audit=(check --db "$db" --as-of 2025-12-31 --format csv)
clean_env=(env -i PATH=/usr/bin:/bin HOME="$scratch/cwd" LANG=C.UTF-8)
code=0
"${clean_env[@]}" "$binary" --version >"$scratch/version" || fail "--version failed"
grep -q 'case data model version' "$scratch/version" || fail "--version: $(cat "$scratch/version")"
if command -v strace >/dev/null; then
  # Every file the audit opens is in the scratch root, the database's folder or the system's.
  "${clean_env[@]}" strace -f -qq -e trace=open,openat,stat,newfstatat,access -o "$scratch/trace" \
    "$binary" "${audit[@]}" >"$scratch/installed.csv" 2>"$scratch/err" || code=$?
  if grep -F "$source" "$scratch/trace" >/dev/null; then
    fail "the installed binary looked into the source tree: $(grep -F "$source" "$scratch/trace" | head -3)"
  fi
else
  echo "strace is not installed (scripts/install-deps.sh installs it): the look-up trace is not checked"
  "${clean_env[@]}" "$binary" "${audit[@]}" >"$scratch/installed.csv" 2>"$scratch/err" || code=$?
fi
[[ $code == 1 ]] || fail "the installed binary's audit: exit $code (1 = findings): $(cat "$scratch/err")"

# The same findings as the source tree's rules on the same database, from the build tree.
code=0
"$build/recallguard" "${audit[@]}" "$source/rules" >"$scratch/in-tree.csv" 2>"$scratch/err" || code=$?
[[ $code == 1 ]] || fail "the in-tree audit: exit $code: $(cat "$scratch/err")"
diff -u "$scratch/in-tree.csv" "$scratch/installed.csv" || fail "the installed package's findings differ"
echo "installed package audited the example: $(($(wc -l <"$scratch/installed.csv") - 1)) findings, as in the tree"
