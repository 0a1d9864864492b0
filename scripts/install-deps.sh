#!/usr/bin/env bash
# Installs the Debian 12 packages recallguard builds and tests with (run as root).
# Quick when everything is already there: apt runs only for what is missing.
set -euo pipefail
packages=(
  build-essential cmake pkg-config git
  antlr4 libantlr4-runtime-dev
  libsqlite3-dev sqlite3 libspdlog-dev libfmt-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev libpugixml-dev libxxhash-dev libssl-dev
  clang libclang-rt-14-dev clang-format
  chromium fonts-wqy-microhei
  neovim
  dpkg-dev strace
)
# Node.js and npm (for the SARIF reference validator) may come from elsewhere than Debian;
# Debian's own packages are installed only when no npm is on the machine.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
