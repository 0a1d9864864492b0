#!/usr/bin/env bash
# Installs the npm tools recallguard's tests run (the SARIF reference validator) into
# tests/tools/node_modules. Quick when they are already there: npm runs only when a tool is
# missing, is not the version tests/tools/package.json pins, or does not start.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=tests/tools
validator=$tools/node_modules/.bin/sarif-multitool

if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  echo "test-tools: node and npm are needed (scripts/install-deps.sh installs them)" >&2
  exit 1
fi

wanted=$(node -p "require('./$tools/package.json').devDependencies['@microsoft/sarif-multitool']")
installed=$(node -p "require('./$tools/node_modules/@microsoft/sarif-multitool/package.json').version" 2>/dev/null || true)
if [[ -x $validator && $installed == "$wanted" ]] && "$validator" --version >/dev/null 2>&1; then
  exit 0
fi

echo "test-tools: installing @microsoft/sarif-multitool $wanted into $tools"
npm install --prefix "$tools" --no-audit --no-fund --no-package-lock --loglevel=error
# npm may skip the package's own postinstall step, which marks the native validator executable.
native=$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [[ -f $native ]]; then chmod u+x "$native"; fi
"$validator" --version >/dev/null
