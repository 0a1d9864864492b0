#!/usr/bin/env bash
# Installs the npm tools recallguard's tests run into tests/tools/node_modules: the SARIF
# reference validator, and VS Code's TextMate engine (vscode-textmate, vscode-oniguruma) that
# tests the editor grammars. Quick when they are already there: npm runs only when a tool is
# missing, is not the version tests/tools/package.json pins, or (the validator) does not start.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=tests/tools
validator=$tools/node_modules/.bin/sarif-multitool

if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  echo "test-tools: node and npm are needed (scripts/install-deps.sh installs them)" >&2
  exit 1
fi

# Every pinned package at its pinned version?
all_pinned=$(node -e "
  const wanted = require('./$tools/package.json').devDependencies;
  const ok = Object.entries(wanted).every(([name, version]) => {
    try { return require('./$tools/node_modules/' + name + '/package.json').version === version; }
    catch (e) { return false; }
  });
  console.log(ok ? 'yes' : 'no');")
if [[ $all_pinned == yes && -x $validator ]] && "$validator" --version >/dev/null 2>&1; then
  exit 0
fi

echo "test-tools: installing $(node -p "Object.entries(require('./$tools/package.json').devDependencies).map(([n, v]) => n + ' ' + v).join(', ')") into $tools"
npm install --prefix "$tools" --no-audit --no-fund --no-package-lock --loglevel=error
# npm may skip the package's own postinstall step, which marks the native validator executable.
native=$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [[ -f $native ]]; then chmod u+x "$native"; fi
"$validator" --version >/dev/null
