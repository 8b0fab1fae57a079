#!/usr/bin/env bash
# What the report tests need (tests/it/browser.rs): Debian's headless Chromium, and
# puppeteer-core (pinned, under target/) to drive it — puppeteer-core brings no browser of
# its own. Needs Node.js and npm. The packages are installed in a folder of their own and
# renamed into place when whole (the tests run this under a lock when they are missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq
    # fonts-dejavu-core: the Cyrillic glyphs of the screenshots
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
dir=target/browser-node
if [ -f "$dir/node_modules/puppeteer-core/package.json" ]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq nodejs npm
fi
mkdir -p target
tmp=$(mktemp -d target/browser-node.part.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
npm install --prefix "$tmp" --no-audit --no-fund --silent puppeteer-core@24.8.2
rm -rf "$dir"
mv "$tmp" "$dir"
# (mktemp made it 0700: readable by others, as any folder under target/)
chmod 755 "$dir"
trap - EXIT
