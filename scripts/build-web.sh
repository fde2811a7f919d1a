#!/usr/bin/env bash
# Builds the web front end (web/, Vite) into web/dist when its sources changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f web/index.html ]] || { echo "build-web: no web/ sources yet"; exit 0; }
# Browser tests running side by side each call this first: one builds, the others wait for it.
exec 9>.build-web.lock
flock 9
if [[ -f web/dist/index.html ]] && [[ -z $(find web package.json package-lock.json tsconfig.json \
      vite.config.ts -newer web/dist/index.html -not -path 'web/dist/*' -not -name '*.md' -type f -print -quit) ]]; then
  exit 0
fi
[[ -d node_modules/vite ]] || { echo "build-web: node_modules missing: run scripts/setup.sh" >&2; exit 1; }
npm run --silent build
