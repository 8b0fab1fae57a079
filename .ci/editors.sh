#!/usr/bin/env bash
# The npm packages the editor tests use, under target/, pinned: vscode-textmate and
# vscode-oniguruma, with which VS Code itself tokenizes, to check the TextMate grammar of
# editors/vscode (tests/it/editors.rs). Needs Node.js and npm. Installed in a folder of its
# own and renamed into place when whole (the tests run this under a lock when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/editors-node
if [ -f "$dir/node_modules/vscode-textmate/package.json" ] && [ -f "$dir/node_modules/vscode-oniguruma/release/onig.wasm" ]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq nodejs npm
fi
mkdir -p target
tmp=$(mktemp -d target/editors-node.part.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
npm install --prefix "$tmp" --no-audit --no-fund --silent vscode-textmate@9.3.2 vscode-oniguruma@2.0.1
rm -rf "$dir"
mv "$tmp" "$dir"
# (mktemp made it 0700: readable by others, as any folder under target/)
chmod 755 "$dir"
trap - EXIT
