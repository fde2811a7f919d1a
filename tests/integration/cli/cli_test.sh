#!/usr/bin/env bash
# Runs the real `jaring` binary the way people and scripts do, on SQLite and (when
# JARING_TEST_PG is set) PostgreSQL. Prints one line per check and "N passed, N failed".
#   cli_test.sh PATH/TO/jaring
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cli_test_setup cli "$1"

check "version prints" 0 "$jaring" version
expect "version text" grep -q '^jaring 0\.' "$work/out"
check "help of every subcommand" 0 bash -c "for c in serve migrate demo dedupe link version; do $jaring \$c --help >/dev/null || exit 1; done"
check "no subcommand is a usage error" 2 "$jaring"
check "unknown option is a usage error" 2 "$jaring" demo --no-such-flag
check "unknown regency is invalid argument" 2 "$jaring" demo --regency 99.99 --out "$work/x"
expect "error message is Indonesian" grep -q 'kode kabupaten tidak dikenal' "$work/err"

check "demo writes files" 0 "$jaring" demo --regency 35.14 --workers 2000 --seed 5 --out "$work/a"
expect "stdout is one summary line" test "$(wc -l <"$work/out")" -eq 1
expect "nothing on stderr in a pipe (no progress bar)" test ! -s "$work/err"
expect "roster has 2000 rows" test "$(($(wc -l <"$work/a/roster.csv") - 1))" -eq 2000
expect "roster header is canonical" test "$(head -1 "$work/a/roster.csv")" = \
  "id,nik,kk,name,sex,birth_place,birth_date,address,village_code,occupation,phone"
expect "deaths header" test "$(head -1 "$work/a/deaths.csv")" = \
  "id,nik,name,sex,birth_date,death_date,village_code"
expect "members header" test "$(head -1 "$work/a/members.csv")" = "id,nik,name,birth_date,kpj,segment"
check "demo again, same seed" 0 "$jaring" demo --regency 35.14 --workers 2000 --seed 5 --out "$work/b"
expect "same seed, same bytes" diff -r "$work/a" "$work/b"
check "demo, other seed" 0 "$jaring" demo --regency 35.14 --workers 2000 --seed 6 --out "$work/c"
expect "other seed, other roster" bash -c "! cmp -s '$work/a/roster.csv' '$work/c/roster.csv'"

check "bad database scheme is invalid argument" 2 "$jaring" migrate --db "mysql://x"
check "migrate creates a SQLite database" 0 "$jaring" migrate --db "sqlite:$work/var/j.db"
expect "database file exists" test -f "$work/var/j.db"
# What the binary embeds is src/storage/migrations: its files, and the newest one's number.
migrations=$(find "$(dirname "$(realpath "$0")")/../../../src/storage/migrations" -name '[0-9]*.sql' -printf '%f\n')
count=$(wc -l <<<"$migrations")
latest=$(sed 's/_.*//' <<<"$migrations" | sort -n | tail -1 | sed 's/^0*//')
expect "first migrate applied the whole schema" \
  grep -qx "migrate: $count migration(s) applied now, schema version $latest (sqlite)" "$work/out"
check "migrate twice is a no-op" 0 "$jaring" migrate --db "sqlite:$work/var/j.db"
expect "second migrate applied nothing" \
  grep -qx "migrate: 0 migration(s) applied now, schema version $latest (sqlite)" "$work/out"
check "JARING_DB is honoured" 0 env JARING_DB="sqlite:$work/env.db" "$jaring" migrate
expect "JARING_DB database exists" test -f "$work/env.db"
check "default database is var/jaring.db" 0 "$jaring" migrate
expect "default database exists" test -f "$work/var/jaring.db"
if [[ -n ${JARING_TEST_PG:-} ]]; then
  check "migrate on PostgreSQL" 0 "$jaring" migrate --db "$JARING_TEST_PG"
  check "migrate twice on PostgreSQL" 0 "$jaring" migrate --db "$JARING_TEST_PG"
elif [[ ${JARING_REQUIRE_PG:-} == 1 ]]; then
  failed=$((failed + 1)); echo "FAIL PostgreSQL required but JARING_TEST_PG is unset"
fi
check "unreachable PostgreSQL is unavailable" 7 "$jaring" migrate --db "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"

# serve: starts, seeds the demo once, answers, stops cleanly on SIGTERM.
demo_password=""
serve_check() {  # serve_check DB_URL first|again
  local db=$1 start=$2
  "$jaring" serve --port 0 --db "$db" --demo --web "$work/noweb" >"$work/serve.out" 2>"$work/serve.err" &
  local pid=$!
  local url=""
  for _ in $(seq 1 300); do
    url=$(grep -o 'http://[0-9.:]*' "$work/serve.out" 2>/dev/null | head -1)
    [[ -n $url ]] && break
    sleep 0.2
  done
  expect "serve prints its URL ($db)" test -n "$url"
  # Demo accounts: printed (marked demo-only) when created, i.e. only on a database without users.
  local printed
  printed=$(sed -n 's/^jaring:   password (all demo accounts): //p' "$work/serve.out")
  if [[ $start == first ]]; then
    expect "demo credentials printed on first start ($db)" test -n "$printed"
    expect "demo credentials marked demo-only ($db)" grep -q 'DEMO ONLY' "$work/serve.out"
    demo_password=${printed:-$demo_password}
  else
    expect "no demo credentials when users exist ($db)" test -z "$printed"
  fi
  local health
  health=$(curl -s "$url/api/v1/health")
  expect "health answers without sign-in ($db)" grep -q '"status":"ok"' <<<"$health"
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/regencies")
  expect "regencies need sign-in: 401 ($db)" test "$status" = 401
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"username":"admin_provinsi","password":"wrong-password-1"}' "$url/api/v1/session")
  expect "wrong password is 401 ($db)" test "$status" = 401
  # Sign in with a cookie jar, as a browser would.
  local jar="$work/cookies.txt" session csrf
  rm -f "$jar"
  session=$(curl -s -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin_provinsi\",\"password\":\"$demo_password\"}" "$url/api/v1/session")
  expect "sign-in returns the user and role ($db)" grep -q '"role":"admin_provinsi"' <<<"$session"
  expect "session cookie is HttpOnly ($db)" grep -q '^#HttpOnly_.*jaring_session' "$jar"
  csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<<"$session")
  expect "sign-in returns a CSRF token ($db)" test -n "$csrf"
  local regencies
  regencies=$(curl -s -b "$jar" "$url/api/v1/regencies")
  expect "demo regency seeded with 28448 workers ($db)" grep -q '"workers":28448' <<<"$regencies"
  status=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$url/api/v1/regencies/35.99/dashboard")
  expect "unknown regency is 404 ($db)" test "$status" = 404
  status=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$url/api/v1/regencies/36.01/dashboard")
  expect "regency of another province is 403 ($db)" test "$status" = 403
  status=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' -X DELETE "$url/api/v1/session")
  expect "sign-out without CSRF token is 403 ($db)" test "$status" = 403
  status=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' -X DELETE -H "X-CSRF-Token: $csrf" \
    "$url/api/v1/session")
  expect "sign-out with CSRF token is 204 ($db)" test "$status" = 204
  status=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$url/api/v1/regencies")
  expect "signed out: 401 again ($db)" test "$status" = 401
  kill -TERM "$pid"
  wait "$pid"
  expect "serve exits 0 on SIGTERM ($db)" test $? -eq 0
}
serve_check "sqlite:$work/serve.db" first
serve_check "sqlite:$work/serve.db" again   # second start: no second seeding, no new accounts
if [[ -n ${JARING_TEST_PG:-} ]]; then
  schema="cli_$$_$RANDOM"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  serve_check "$JARING_TEST_PG?options=-csearch_path%3D$schema" first
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
fi

# serve's settings (docs/operations.md, "Configuration"): refused before anything starts.
printf 'port = 8080\nprot = 1\n' >"$work/bad.conf"
check "serve refuses an unknown key in its settings file" 2 "$jaring" serve --config "$work/bad.conf"
expect "naming the file's line and the known keys" \
  grep -q 'bad.conf baris 2: kunci tidak dikenal "prot" (yang dikenal: bind, port' "$work/err"
check "serve refuses a bad JARING_PORT" 2 env JARING_PORT=delapan "$jaring" serve
expect "naming the variable" grep -q 'JARING_PORT: nilai port harus bilangan bulat' "$work/err"
check "serve: a missing settings file is exit 3" 3 "$jaring" serve --config "$work/none.conf"
check "JARING_CONFIG names the file too" 2 env JARING_CONFIG="$work/bad.conf" "$jaring" serve

finish "cli"
