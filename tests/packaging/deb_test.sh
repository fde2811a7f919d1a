#!/usr/bin/env bash
# The Debian package end to end, as far as a machine without a running systemd allows:
#   1. CPack builds jaring_VERSION_ARCH.deb from this build (what `make deb` does);
#   2. dpkg-deb shows its control data (dependencies found by dpkg-shlibdeps, maintainer scripts,
#      the conffile) and its files (program, web front end, unit, settings, docs);
#   3. apt resolves its dependencies against this Debian's archive (simulated: nothing installed);
#   4. dpkg installs it into a scratch root (--root, scripts run chrootless with DPKG_ROOT): the
#      postinst makes the jaring user and /var/lib/jaring there;
#   5. the installed program runs as that user with the installed /etc/jaring/jaring.conf and
#      /usr/share/jaring/web (paths moved into the scratch root by JARING_* variables, which win
#      over the file), on SQLite and (JARING_TEST_PG) PostgreSQL: the front end, the API, /metrics
#      and request ids answer, and Chromium renders the sign-in page;
#   6. dpkg purges it: files, data and user gone.
# Not proven here: systemd starting the unit (no systemd runs in this container; the unit's
# syntax is checked with systemd-analyze when it can be) and installing on another machine.
#   deb_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$(realpath "$1")
source_dir=$(realpath "$2")
source "$source_dir/tests/integration/cli/lib.sh"
cli_test_setup deb "$build/src/app/jaring"
[[ $(id -u) -eq 0 ]] || { echo "deb_test: needs root (dpkg --root, chown to the package's user)"; exit 1; }

if [[ ! -f $source_dir/web/dist/index.html ]]; then
  echo "FAIL web/dist is not built (make build-web): the package would have no front end"
  exit 1
fi

# ---- 1. build
check "cpack builds the package" 0 cpack -G DEB -B "$work/pkg" --config "$build/CPackConfig.cmake"
deb=$(ls "$work"/pkg/jaring_*.deb 2>/dev/null | head -1)
expect "one .deb was written" test -f "$deb"
[[ -f $deb ]] || { finish "deb"; exit 1; }
echo "     $(basename "$deb"): $(du -h "$deb" | cut -f1)"

# ---- 2. contents
dpkg-deb -I "$deb" >"$work/info"
dpkg-deb -f "$deb" Depends >"$work/depends"
expect "package name jaring" grep -qx ' Package: jaring' "$work/info"
expect "architecture $(dpkg --print-architecture)" \
  grep -qx " Architecture: $(dpkg --print-architecture)" "$work/info"
for library in libc6 libstdc++6 libsqlite3-0 libpq5 libsodium23 libspdlog1.10 libcairo2 \
               libpango-1.0-0 libsoci-core4.0 fonts-noto-core passwd; do
  expect "depends on $library" grep -q "\b$library\b" "$work/depends"
done
for script in postinst prerm postrm conffiles; do
  expect "control has $script" grep -q "^ *[0-9]* bytes, *[0-9]* lines *\*\? *$script" "$work/info"
done
dpkg-deb -e "$deb" "$work/control"
expect "conffile /etc/jaring/jaring.conf" grep -qx /etc/jaring/jaring.conf "$work/control/conffiles"
dpkg-deb -c "$deb" | awk '{print $6}' >"$work/files"
for file in ./usr/bin/jaring ./usr/share/jaring/web/index.html ./lib/systemd/system/jaring.service \
            ./etc/jaring/jaring.conf ./usr/share/doc/jaring/operations.md \
            ./usr/share/doc/jaring/copyright; do
  expect "contains $file" grep -qx "$file" "$work/files"
done
expect "the front end's bundles are in" grep -q '^./usr/share/jaring/web/assets/.*\.js$' "$work/files"
expect "nothing from the build tree" bash -c "! grep -q -e '/work/' -e 'CMakeFiles' -e '_CPack' '$work/files'"
dpkg-deb -x "$deb" "$work/unpacked"
expect "the program is stripped" bash -c "! readelf -S '$work/unpacked/usr/bin/jaring' | grep -q debug_info"
expect "the program reports its version" \
  bash -c "'$work/unpacked/usr/bin/jaring' version | grep -q '$(dpkg-deb -f "$deb" Version)'"

# ---- 3. dependencies resolve on this Debian (apt's lists; nothing is installed)
if compgen -G "/var/lib/apt/lists/*_Packages*" >/dev/null; then
  check "apt resolves the dependencies (simulated install)" 0 apt-get install -s -q "$deb"
else
  echo "skip apt simulation: no package lists (apt-get update)"
fi

# The unit's syntax, where systemd-analyze can read it without a running systemd.
if command -v systemd-analyze >/dev/null; then
  mkdir -p "$work/unit-root/lib/systemd/system" "$work/unit-root/usr/bin"
  cp -a /lib/systemd/system/*.target /lib/systemd/system/*.slice "$work/unit-root/lib/systemd/system/"
  cp "$work/unpacked/lib/systemd/system/jaring.service" "$work/unit-root/lib/systemd/system/"
  cp "$work/unpacked/usr/bin/jaring" "$work/unit-root/usr/bin/"
  # Unknown keys are only warnings (exit 0): any line about the unit fails the check.
  if systemd-analyze verify --root="$work/unit-root" jaring.service >"$work/verify" 2>&1 &&
     ! grep -q 'jaring.service' "$work/verify"; then
    passed=$((passed + 1)); echo "ok   systemd-analyze verify finds nothing wrong in the unit"
  else
    failed=$((failed + 1)); echo "FAIL systemd-analyze verify:"; sed 's/^/     /' "$work/verify" | head -10
  fi
fi

# ---- 4. install into a scratch root: a base system's account files and an empty dpkg database
root="$work/root"
chmod 0755 "$work"  # the package's user must reach the scratch root inside it
mkdir -p "$root/etc" "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" \
         "$root/var/lib/dpkg/triggers" "$root/var/log" "$root/usr/sbin"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
grep '^root:' /etc/passwd >"$root/etc/passwd"
grep '^root:' /etc/group >"$root/etc/group"
echo 'root:*:19000:0:99999:7:::' >"$root/etc/shadow"
echo 'root:*::' >"$root/etc/gshadow"
chmod 0640 "$root/etc/shadow" "$root/etc/gshadow"
dpkg_root() { dpkg --root="$root" --force-not-root --force-script-chrootless --force-depends "$@"; }
before=$failed
check "dpkg installs it into the scratch root" 0 dpkg_root -i "$deb"
[[ $failed -eq $before ]] || sed 's/^/     /' "$work/err" | tail -20
expect "dpkg records it as installed" \
  bash -c "dpkg --root='$root' -s jaring 2>/dev/null | grep -qx 'Status: install ok installed'"
uid=$(awk -F: '$1 == "jaring" {print $3}' "$root/etc/passwd")
gid=$(awk -F: '$1 == "jaring" {print $4}' "$root/etc/passwd")
expect "postinst made the system user jaring" test -n "$uid"
expect "a system uid (< 1000)" test "${uid:-1000}" -lt 1000
expect "with no login shell" grep -q '^jaring:.*:/usr/sbin/nologin$' "$root/etc/passwd"
expect "postinst made /var/lib/jaring, owned by jaring, 0750" \
  test "$(stat -c '%u %a' "$root/var/lib/jaring" 2>/dev/null)" = "$uid 750"
expect "the settings are root:jaring 0640" \
  test "$(stat -c '%u:%g %a' "$root/etc/jaring/jaring.conf" 2>/dev/null)" = "0:$gid 640"

# ---- 5. the installed program, as the service would run it
serve_installed() {  # serve_installed LABEL DB_URL
  local label=$1 db=$2
  rm -f "$work/serve.out" "$work/serve.err"
  # As the package's user; the installed settings, their paths moved into the scratch root.
  (cd "$root/var/lib/jaring" &&
   env JARING_DB="$db" JARING_WEB="$root/usr/share/jaring/web" JARING_DATA_DIR="$root/var/lib/jaring" \
       JARING_PORT=0 HOME="$root/var/lib/jaring" XDG_CACHE_HOME="$root/var/lib/jaring/.cache" \
       setpriv --reuid="$uid" --regid="$gid" --clear-groups \
       "$root/usr/bin/jaring" serve --config "$root/etc/jaring/jaring.conf") \
    >"$work/serve.out" 2>"$work/serve.err" &
  local pid=$! url=""
  for _ in $(seq 1 300); do
    url=$(grep -o 'http://[0-9.:]*' "$work/serve.out" 2>/dev/null | head -1)
    [[ -n $url ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  expect "the installed program serves ($label)" test -n "$url"
  if [[ -z $url ]]; then sed 's/^/     /' "$work/serve.err" | tail -5; return; fi
  expect "it listens where the installed settings say: 127.0.0.1 ($label)" grep -q '^http://127.0.0.1:' <<<"$url"
  curl -s -D "$work/headers" -o "$work/index.html" "$url/"
  expect "the front end's page answers 200 ($label)" grep -q '^HTTP/1.1 200' "$work/headers"
  expect "from /usr/share/jaring/web ($label)" cmp -s "$work/index.html" "$root/usr/share/jaring/web/index.html"
  expect "with an X-Request-Id ($label)" grep -qi '^X-Request-Id: [0-9a-f]\{32\}' "$work/headers"
  local script
  script=$(grep -o 'src="/assets/[^"]*\.js"' "$work/index.html" | head -1 | cut -d'"' -f2)
  expect "its script is served ($label)" \
    test "$(curl -s -o "$work/app.js" -w '%{http_code}' "$url$script")" = 200
  expect "and holds the sign-in page's words ($label)" grep -q 'Masuk ke jaring' "$work/app.js"
  expect "the API asks for a sign-in: 401 ($label)" \
    test "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/session")" = 401
  curl -s -D "$work/headers" -H 'X-Request-Id: deb-test-1' -o /dev/null "$url/api/v1/health"
  expect "a proxy's request id comes back ($label)" grep -qi '^X-Request-Id: deb-test-1' "$work/headers"
  curl -s "$url/metrics" >"$work/metrics"
  expect "/metrics shows the build and engine ($label)" \
    grep -q "^jaring_build_info{version=\"[0-9.]*\",engine=\"$label\"} 1$" "$work/metrics"
  expect "/metrics counts the session route ($label)" \
    grep -q '^jaring_http_requests_total{method="GET",route="/api/v1/session",status="4xx"} 1$' "$work/metrics"
  expect "/metrics is closed to a forwarded request ($label)" \
    test "$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 203.0.113.1' "$url/metrics")" = 404
  # A real browser: Chromium runs the front end and shows the sign-in form.
  if command -v chromium >/dev/null; then
    timeout 60 chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=5000 \
      --user-data-dir="$work/chromium" --dump-dom "$url/" >"$work/dom.html" 2>/dev/null
    expect "Chromium shows the sign-in page ($label)" \
      bash -c "grep -q 'Masuk ke jaring' '$work/dom.html' && grep -q 'type=\"password\"' '$work/dom.html'"
  fi
  expect "the log lines carry request ids ($label)" grep -q '"request_id":"deb-test-1"' "$work/serve.err"
  kill -TERM "$pid"
  wait "$pid"
  expect "it stops cleanly on SIGTERM ($label)" test $? -eq 0
}
serve_installed sqlite "sqlite:$root/var/lib/jaring/jaring.db"
expect "the database is the service user's" \
  test "$(stat -c %u "$root/var/lib/jaring/jaring.db" 2>/dev/null)" = "$uid"
if [[ -n ${JARING_TEST_PG:-} ]]; then
  schema="deb_$$_$RANDOM"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  serve_installed postgresql "$JARING_TEST_PG?options=-csearch_path%3D$schema"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
elif [[ ${JARING_REQUIRE_PG:-} == 1 ]]; then
  failed=$((failed + 1)); echo "FAIL PostgreSQL required but JARING_TEST_PG is unset"
fi

# ---- 6. purge
check "dpkg purges it" 0 dpkg_root --purge jaring
expect "the program is gone" test ! -e "$root/usr/bin/jaring"
expect "the settings are gone" test ! -e "$root/etc/jaring/jaring.conf"
expect "the data is gone" test ! -e "$root/var/lib/jaring"
expect "the user is gone" bash -c "! grep -q '^jaring:' '$root/etc/passwd'"

finish "deb"
