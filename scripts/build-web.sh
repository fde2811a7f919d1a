#!/usr/bin/env bash
# Builds the web front end into web/dist when its sources changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f web/package.json || -f web/index.html ]] || { echo "build-web: no web/ sources yet"; exit 0; }
if [[ -f web/dist/index.html ]] && [[ -z $(find web package-lock.json -newer web/dist/index.html \
      -not -path 'web/dist/*' -type f -print -quit) ]]; then
  exit 0
fi
npm run --silent build
