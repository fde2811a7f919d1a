#!/usr/bin/env bash
# Installs the .deb on a freshly bootstrapped Debian 12 (a chroot made by debootstrap, minbase:
# nothing but the essential packages and apt), the way a newcomer would (`apt install ./….deb`,
# dependencies fetched from the Debian archive), starts the installed service's command inside
# it as the jaring user, and fetches the sign-in page from outside. Needs root, debootstrap and
# the network; takes minutes; not part of `make test` (docs/operations.md has its last result).
# A chroot has no systemd: the service's command is started by hand, as the unit would start it.
#   packaging/try-fresh-install.sh PATH/TO/jaring_VERSION_ARCH.deb [CHROOT_DIR] [PORT]
set -euo pipefail
deb=$(realpath "$1")
root=${2:-/tmp/jaring-fresh-bookworm}
port=${3:-18089}
[[ $(id -u) -eq 0 ]] || { echo "needs root (debootstrap, chroot)" >&2; exit 1; }
if [[ ! -x $root/usr/bin/apt-get ]]; then
  echo "== debootstrap --variant=minbase bookworm $root"
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
fi
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
echo "== apt install ./$(basename "$deb") on a fresh Debian $(cat "$root/etc/debian_version")"
chroot "$root" apt-get update -q >/dev/null
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "/tmp/$(basename "$deb")" |
  grep -E '^(Setting up jaring|The following NEW packages|[0-9]+ upgraded)' || true
chroot "$root" dpkg -s jaring | grep -E '^(Status|Version):'
chroot "$root" getent passwd jaring
ls -ld "$root/var/lib/jaring" "$root/etc/jaring/jaring.conf"
echo "== the service's command, as user jaring, on port $port (JARING_PORT over the file)"
chroot "$root" bash -c "cd /var/lib/jaring && JARING_PORT=$port exec runuser -u jaring -- \
  /usr/bin/jaring serve --config /etc/jaring/jaring.conf" >"$root/tmp/serve.out" 2>"$root/tmp/serve.err" &
pid=$!
for _ in $(seq 1 100); do
  grep -q 'serving http' "$root/tmp/serve.out" 2>/dev/null && break
  sleep 0.2
done
cat "$root/tmp/serve.out"
curl -s -o /dev/null -w 'GET / -> %{http_code}\n' "http://127.0.0.1:$port/"
curl -s -o /dev/null -w 'GET /api/v1/session -> %{http_code}\n' "http://127.0.0.1:$port/api/v1/session"
if command -v chromium >/dev/null; then
  chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=5000 \
    --user-data-dir="$(mktemp -d)" --dump-dom "http://127.0.0.1:$port/" 2>/dev/null |
    grep -o -e 'Masuk ke jaring' -e 'type="password"' | sort -u | sed 's/^/rendered: /'
fi
kill -TERM "$pid"
wait "$pid" || true  # runuser reports the signal its session got; the server's own log tells
grep -q '"phase":"done"' "$root/tmp/serve.err" && echo "stopped: drained and done"
