#!/usr/bin/env bash
# Installs what jaring needs to build, run and test on Debian 12, and nothing twice.
#   scripts/setup.sh          apt packages (when missing) + npm ci (when package-lock.json changed)
# Safe to run again: the second run only checks and returns in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libsoci-dev libsqlite3-dev libpq-dev sqlite3
  libsodium-dev libutf8proc-dev libtbb-dev
  libzip-dev libexpat1-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev poppler-utils
  libqrencode-dev  # membership cards: the QR code (docs/cards.md)
  postgresql-15 postgresql-client-15
  pg-auto-failover-cli postgresql-15-auto-failover  # the failover test (docs/operations.md)
  time python3  # bench/ and tests: /usr/bin/time -v, the Python helpers
  nodejs npm chromium fonts-noto-core
  clang libclang-rt-14-dev afl++
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# nodejs/npm may come from outside Debian's archive on some images: accept working binaries.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for pkg in "${missing[@]}"; do [[ "$pkg" == nodejs || "$pkg" == npm ]] || filtered+=("$pkg"); done
  missing=("${filtered[@]}")
fi
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm ci only when the lock file is newer than the last install.
stamp=node_modules/.jaring-npm-stamp
if [[ ! -f $stamp || package-lock.json -nt $stamp || package.json -nt $stamp ]]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
