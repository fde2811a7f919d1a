#!/usr/bin/env bash
# Backup, restore and the audit anchor (issue 17, item 6). A database is seeded (accounts, the
# demo roster imported, a program, September 2025 verified and settled), its audit head
# anchored in a file, then backed up: the file names its engine in its first bytes, is 0600 and
# stands alone, no temporary file is left. It is restored into fresh databases: the same rows in
# every table, the same audit head, a chain that verifies, against the anchor too, and a copy
# that keeps working. Refusals: a target that is not empty (also one merely migrated), a missing
# file, a file that is no backup, the other engine's backup, another schema, a failing pg_dump
# (no file under the name). Then the attacker: an entry edited in place is caught by the plain
# check; the same edit with every later hash and the head row recomputed fools the plain check
# but not the anchor; a log cut back to an earlier head likewise. On SQLite and (when
# JARING_TEST_PG is set) PostgreSQL, each in fresh databases of its own.
#   backup_cli_test.sh PATH/TO/jaring
set -uo pipefail
rewrite_tool="$(cd "$(dirname "$0")" && pwd)/audit_rewrite.py"
source "$(dirname "$0")/lib.sh"
cli_test_setup backup "$1"

json_field() {  # json_field FILE a.b: one field of the JSON object on FILE's last line
  tail -1 "$1" | python3 -c "import json,sys
v = json.load(sys.stdin)
for k in sys.argv[1].split('.'): v = v[k]
print(v)" "$2"
}

sql_on() {  # sql_on URL QUERY: QUERY behind jaring's back (sqlite3 or psql), values on stdout
  case $1 in
    sqlite:*) sqlite3 "${1#sqlite:}" "$2" ;;
    *) PGOPTIONS="-c client_min_messages=warning" psql "$1" -qAtX -v ON_ERROR_STOP=1 -c "$2" ;;
  esac
}

sql_script() {  # sql_script URL < SCRIPT
  case $1 in
    sqlite:*) sqlite3 -bail "${1#sqlite:}" ;;
    *) PGOPTIONS="-c client_min_messages=warning" psql "$1" -qAtX -v ON_ERROR_STOP=1 ;;
  esac
}

audit_rows() {  # audit_rows URL: the audit log as a JSON array, in sequence order
  local cols="sequence, at, actor_user_id, actor_username, remote_address, action, record_type,
              record_id, regency_code, before_json, after_json, prev_hash, hash"
  case $1 in
    sqlite:*) sqlite3 -json "${1#sqlite:}" "SELECT $cols FROM audit_log ORDER BY sequence" ;;
    *) sql_on "$1" "SELECT json_agg(t ORDER BY t.sequence) FROM (SELECT $cols FROM audit_log) t" ;;
  esac
}

same_contents() {  # same_contents BACKUP_JSON RESTORE_JSON: every table's rows and the head
  python3 - "$1" "$2" <<'EOF'
import json, sys
b = json.loads(open(sys.argv[1]).read().splitlines()[-1])
r = json.loads(open(sys.argv[2]).read().splitlines()[-1])
assert b["tables"] == r["tables"], {t: (n, r["tables"].get(t)) for t, n in b["tables"].items()
                                    if r["tables"].get(t) != n}
assert b["audit"] == r["audit"], (b["audit"], r["audit"])
assert b["workers"] == r["workers"] > 0, (b["workers"], r["workers"])
assert b["schema_version"] == r["schema_version"]
filled = [t for t, n in b["tables"].items() if n > 0]
assert len(filled) >= 12, filled  # a backup of something, not of an empty schema
EOF
}

check "demo files" 0 "$jaring" demo --regency 35.14 --workers 300 --seed 17 --out "$work/demo"

# run_on LABEL SOURCE FRESH FRESH2 FRESH3 MIGRATED: SOURCE is seeded and backed up; the backup is
# restored into FRESH, FRESH2 and FRESH3 (empty); MIGRATED is a target with the schema only.
run_on() {
  local label=$1 db=$2 fresh=$3 fresh2=$4 fresh3=$5 migrated=$6
  local bak="$work/$label.bak"
  export JARING_DATA_DIR="$work/data-$label"

  check "$label: operator" 0 "$jaring" user add operator.pasuruan --role operator --scope 35.14 \
    --db "$db"
  check "$label: verifier" 0 "$jaring" user add verif.pasuruan --role verifikator --scope 35.14 \
    --db "$db"
  check "$label: roster" 0 "$jaring" import "$work/demo/roster.csv" --regency 35.14 \
    --source "Demo Pasuruan" --source-kind village --db "$db" --json
  check "$label: program add" 0 "$jaring" program add --regency 35.14 \
    --name "Perlindungan pekerja rentan DBHCHT 2025" --funding DBHCHT --budget 2800000000 \
    --from 2025-09 --to 2025-12 --quota 100 --as operator.pasuruan --db "$db" --json
  check "$label: verval run" 0 "$jaring" verval run --regency 35.14 --period 2025-09 --db "$db"
  check "$label: decide all" 0 "$jaring" verval decide --regency 35.14 --period 2025-09 --all \
    --accept --reason "diperiksa bersama desa" --as verif.pasuruan --db "$db"
  check "$label: settle" 0 "$jaring" verval settle --regency 35.14 --period 2025-09 \
    --as verif.pasuruan --minutes "$work/ba.pdf" --db "$db"

  # The anchor, taken before the backup and kept outside the database.
  check "$label: audit anchor" 0 "$jaring" audit anchor --out "$work/$label-anchor.json" \
    --db "$db" --json
  local anchored
  anchored=$(json_field "$work/out" sequence)
  expect "$label: the anchor is the head ($anchored entries)" test "$anchored" -eq \
    "$(sql_on "$db" "SELECT sequence FROM audit_head")"
  expect "$label: the anchor file holds sequence and hash" python3 -c "import json,sys
a = json.load(open(sys.argv[1]))
assert a['format'] == 'jaring.audit-anchor.v1' and a['sequence'] == int(sys.argv[2]), a
assert len(a['hash']) == 64 and a['engine'] == sys.argv[3], a" "$work/$label-anchor.json" \
    "$anchored" "$label"

  # The backup.
  check "$label: backup" 0 "$jaring" backup --out "$bak" --db "$db" --json
  cp "$work/out" "$work/$label-backup.json"
  expect "$label: no progress bar in a pipe" test ! -s "$work/err"
  expect "$label: reports its engine" test "$(json_field "$work/$label-backup.json" engine)" = "$label"
  expect "$label: reports the file's size" test \
    "$(json_field "$work/$label-backup.json" bytes)" -eq "$(stat -c %s "$bak")"
  expect "$label: reports the audit head" test \
    "$(json_field "$work/$label-backup.json" audit.sequence)" -eq "$anchored"
  expect "$label: reports the workers" test "$(json_field "$work/$label-backup.json" workers)" \
    -eq "$(sql_on "$db" "SELECT COUNT(*) FROM workers")"
  expect "$label: reports the settled members" test \
    "$(json_field "$work/$label-backup.json" tables.settled_members)" \
    -eq "$(sql_on "$db" "SELECT COUNT(*) FROM settled_members")"
  if [[ $label == sqlite ]]; then
    expect "$label: the file is a SQLite database" test \
      "$(head -c 15 "$bak")" = "SQLite format 3"
    expect "$label: ... standing alone (rollback journal, not WAL)" test \
      "$(sqlite3 "$bak" 'PRAGMA journal_mode')" = delete
  else
    expect "$label: the file is a pg_dump archive" test "$(head -c 5 "$bak")" = PGDMP
    # workers is partitioned by regency on PostgreSQL (0019): its rows are the partitions' data.
    expect "$label: ... that pg_restore reads" bash -c "pg_restore --list '$bak' | grep -q 'TABLE DATA .* workers_35_14 '"
  fi
  expect "$label: the backup is private (0600)" test "$(stat -c %a "$bak")" = 600
  expect "$label: no temporary file left" bash -c "! ls '$work' | grep -q '\.tmp-'"
  check "$label: human summary" 0 "$jaring" backup --out "$bak" --db "$db"
  expect "$label: ... names engine, head and workers" bash -c "grep -q '^cadangan $label ditulis ke' '$work/out' && grep -q 'kepala #$anchored ' '$work/out' && grep -q ' pekerja; ' '$work/out'"

  # Restored into a fresh database: the same rows everywhere, the same head, a sound chain.
  check "$label: restore" 0 "$jaring" restore "$bak" --db "$fresh" --json
  cp "$work/out" "$work/$label-restore.json"
  expect "$label: every table and the audit head as backed up" \
    same_contents "$work/$label-backup.json" "$work/$label-restore.json"
  expect "$label: the restore verified the whole chain" test \
    "$(json_field "$work/$label-restore.json" audit_entries_verified)" -eq "$anchored"
  expect "$label: and migrated nothing (same program)" test \
    "$(json_field "$work/$label-restore.json" migrations_applied)" = "[]"
  expect "$label: the workers' rows themselves" test \
    "$(sql_on "$db" "SELECT COUNT(*), SUM(LENGTH(name)), MAX(nik) FROM workers")" = \
    "$(sql_on "$fresh" "SELECT COUNT(*), SUM(LENGTH(name)), MAX(nik) FROM workers")"
  check "$label: the copy's chain verifies" 0 "$jaring" audit verify --db "$fresh"
  check "$label: ... against the anchor" 0 "$jaring" audit verify --anchor \
    "$work/$label-anchor.json" --db "$fresh"
  expect "$label: ... and says so" grep -q "cocok dengan jangkar #$anchored" "$work/out"
  check "$label: the copy keeps working" 0 "$jaring" user add auditor.pasuruan --role auditor \
    --scope 35.14 --db "$fresh"
  check "$label: ... its history grows past the anchor" 0 "$jaring" audit verify --anchor \
    "$work/$label-anchor.json" --db "$fresh"
  expect "$label: ... by one entry" grep -q "rantai audit utuh: $((anchored + 1)) entri" "$work/out"

  # Refusals, each before anything is written.
  check "$label: into the database itself (not empty)" 5 "$jaring" restore "$bak" --db "$db"
  expect "$label: ... says the target is not empty" grep -q 'tidak kosong' "$work/err"
  check "$label: into a restored copy (not empty)" 5 "$jaring" restore "$bak" --db "$fresh"
  check "$label: a target with the schema only" 0 "$jaring" migrate --db "$migrated"
  check "$label: ... is refused too" 5 "$jaring" restore "$bak" --db "$migrated"
  check "$label: a missing file" 3 "$jaring" restore "$work/nothing.bak" --db "$fresh2"
  printf 'nama,nik\nBudi,3514\n' >"$work/not-a-backup.csv"
  check "$label: a file that is no backup" 2 "$jaring" restore "$work/not-a-backup.csv" \
    --db "$fresh2"
  check "$label: restore needs --db" 2 "$jaring" restore "$bak"
  check "$label: a backup into a missing folder" 3 "$jaring" backup --out "$work/no/such/b.bak" \
    --db "$db"
  expect "$label: ... writes nothing" test ! -e "$work/no"

  # An entry edited in place: the chain breaks there.
  check "$label: edit entry 2 behind jaring's back" 0 sql_on "$fresh" \
    "UPDATE audit_log SET actor_username = 'cli:penyusup' WHERE sequence = 2"
  check "$label: the plain check catches it" 5 "$jaring" audit verify --db "$fresh"
  expect "$label: ... as HASH_MISMATCH at #2" bash -c "grep -q 'HASH_MISMATCH' '$work/err' && grep -q '#2' '$work/err'"
  check "$label: a broken chain is not anchored" 5 "$jaring" audit anchor \
    --out "$work/broken-anchor.json" --db "$fresh"
  expect "$label: ... no anchor file" test ! -e "$work/broken-anchor.json"

  # The same edit with every later hash and the head row recomputed: only the anchor sees it.
  check "$label: restore into a second fresh database" 0 "$jaring" restore "$bak" --db "$fresh2"
  audit_rows "$fresh2" >"$work/rows.json"
  check "$label: rewrite entry 2 and recompute the chain" 0 bash -c \
    "python3 '$rewrite_tool' --sequence 2 --actor cli:penyusup <'$work/rows.json' >'$work/rewrite.sql'"
  check "$label: ... applied behind jaring's back" 0 sql_script "$fresh2" <"$work/rewrite.sql"
  expect "$label: ... entry 2 now names the intruder" test \
    "$(sql_on "$fresh2" "SELECT actor_username FROM audit_log WHERE sequence = 2")" = cli:penyusup
  check "$label: the plain check is fooled" 0 "$jaring" audit verify --db "$fresh2"
  check "$label: the anchor is not" 5 "$jaring" audit verify --anchor "$work/$label-anchor.json" \
    --db "$fresh2"
  expect "$label: ... ANCHOR_MISMATCH at the anchored entry" bash -c "grep -q 'ANCHOR_MISMATCH' '$work/err' && grep -q \"#$anchored \" '$work/err'"
  expect "$label: ... in words" grep -q 'catatan di luar basis data' "$work/err"
  check "$label: a missing anchor file" 3 "$jaring" audit verify --anchor "$work/none.json" \
    --db "$fresh2"
  check "$label: an anchor file that is no anchor" 2 "$jaring" audit verify --anchor \
    "$work/not-a-backup.csv" --db "$fresh2"

  # The log cut back to entry 3, the head row moved with it: consistent, but short of the anchor.
  check "$label: restore into a third fresh database" 0 "$jaring" restore "$bak" --db "$fresh3"
  check "$label: cut the log back to entry 3" 0 sql_on "$fresh3" \
    "DELETE FROM audit_log WHERE sequence > 3; UPDATE audit_head SET sequence = 3, hash = (SELECT hash FROM audit_log WHERE sequence = 3) WHERE id = 1"
  check "$label: the plain check is fooled" 0 "$jaring" audit verify --db "$fresh3"
  expect "$label: ... 3 entries" grep -q 'rantai audit utuh: 3 entri' "$work/out"
  check "$label: the anchor is not" 5 "$jaring" audit verify --anchor "$work/$label-anchor.json" \
    --db "$fresh3"
  expect "$label: ... the log ends before the anchor" bash -c "grep -q 'ANCHOR_MISMATCH' '$work/err' && grep -q 'log berakhir di #3' '$work/err'"
}

run_on sqlite "sqlite:$work/source.db" "sqlite:$work/restored.db" "sqlite:$work/restored2.db" \
  "sqlite:$work/restored3.db" "sqlite:$work/migrated.db"

if [[ -n "${JARING_TEST_PG:-}" ]]; then
  base=${JARING_TEST_PG%/*}
  schema="backup_cli_$$"
  dbs=(r1 r2 r3 r4 r5 r6 r7)
  pg_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qAtX -c "$1" >/dev/null; }
  url_of() { echo "$base/backup_cli_$$_$1?options=-csearch_path%3D$2"; }
  pg_admin "CREATE SCHEMA $schema"
  for d in "${dbs[@]}"; do pg_admin "CREATE DATABASE backup_cli_$$_$d"; done
  # r2's schema exists already (empty): the archive's CREATE SCHEMA is left out there.
  sql_on "$(url_of r2 "$schema")" "CREATE SCHEMA $schema"
  source_url="$JARING_TEST_PG?options=-csearch_path%3D$schema"
  # r4: the schema only (jaring migrate creates it in the first schema that exists: create it).
  sql_on "$(url_of r4 "$schema")" "CREATE SCHEMA $schema"
  run_on postgresql "$source_url" "$(url_of r1 "$schema")" "$(url_of r2 "$schema")" \
    "$(url_of r3 "$schema")" "$(url_of r4 "$schema")"

  # The other engine's backup, each way, refused before anything is written.
  check "the SQLite backup into PostgreSQL" 5 "$jaring" restore "$work/sqlite.bak" \
    --db "$(url_of r5 "$schema")"
  expect "... says which engines" grep -q 'dibuat dari basis data SQLite, sedangkan tujuannya PostgreSQL' "$work/err"
  check "the PostgreSQL backup into SQLite" 5 "$jaring" restore "$work/postgresql.bak" \
    --db "sqlite:$work/pg-into-sqlite.db"
  expect "... says which engines" grep -q 'dibuat dari basis data PostgreSQL, sedangkan tujuannya SQLite' "$work/err"
  expect "... and wrote nothing" test "$(sqlite3 "$work/pg-into-sqlite.db" "SELECT COUNT(*) FROM sqlite_master")" -eq 0
  # Another schema than the archive's: pg_restore cannot rename one, so it is refused.
  check "an archive into another schema" 5 "$jaring" restore "$work/postgresql.bak" \
    --db "$(url_of r5 lain)"
  expect "... names both schemas" bash -c "grep -q 'berisi skema \"$schema\"' '$work/err' && grep -q 'memakai skema \"lain\"' '$work/err'"
  # The default schema: a database used as it comes (public), restored into a new database.
  check "public: a database in its public schema" 0 "$jaring" user add admin.jatim \
    --role admin_provinsi --scope 35 --db "$base/backup_cli_$$_r6"
  check "public: backup" 0 "$jaring" backup --out "$work/public.bak" --db "$base/backup_cli_$$_r6" \
    --json
  cp "$work/out" "$work/public-backup.json"
  expect "public: ... of schema public" test "$(json_field "$work/public-backup.json" schema)" = public
  check "public: restore into a new database" 0 "$jaring" restore "$work/public.bak" \
    --db "$base/backup_cli_$$_r7" --json
  expect "public: ... the same tables and head" python3 -c "import json,sys
b, r = (json.loads(open(f).read().splitlines()[-1]) for f in sys.argv[1:])
assert b['tables'] == r['tables'] and b['audit'] == r['audit'] and b['audit']['sequence'] == 1, (b, r)
assert r['schema'] == 'public', r" "$work/public-backup.json" "$work/out"
  check "public: the copy's chain verifies" 0 "$jaring" audit verify --db "$base/backup_cli_$$_r7"

  # A pg_dump that fails half-way leaves no file under the name, nor a temporary one.
  mkdir -p "$work/fakebin"
  # It also records how it was called: the URL's password (the test server trusts loopback, so
  # jaring's own connection accepts one) must reach it through the environment only.
  cat >"$work/fakebin/pg_dump" <<'EOF'
#!/bin/sh
here=$(dirname "$0")
printf '%s\n' "$@" >"$here/args"
printf '%s' "$PGPASSWORD" >"$here/password"
for a in "$@"; do case $a in --file=*) printf 'PGDMP half' >"${a#--file=}" ;; esac; done
echo "pg_dump: error: connection lost" >&2
exit 1
EOF
  chmod +x "$work/fakebin/pg_dump"
  with_password=$(echo "$source_url" | sed 's|^postgresql://\([^@]*\)@|postgresql://\1:rahasia-sekali@|')
  check "a failing pg_dump" 7 env JARING_PG_BIN="$work/fakebin" "$jaring" backup \
    --out "$work/half.bak" --db "$with_password"
  expect "... leaves no file" test ! -e "$work/half.bak"
  expect "... nor a temporary one" bash -c "! ls '$work' | grep -q 'half.bak.tmp-'"
  expect "... and says what pg_dump said" grep -q 'connection lost' "$work/err"
  expect "... which was given the schema and a snapshot" bash -c \
    "grep -qx -- '--schema=\"$schema\"' '$work/fakebin/args' && grep -q -- '^--snapshot=' '$work/fakebin/args'"
  expect "... and the password in PGPASSWORD" test "$(cat "$work/fakebin/password")" = rahasia-sekali
  expect "... never on its command line" bash -c "! grep -q rahasia '$work/fakebin/args'"

  for d in "${dbs[@]}"; do pg_admin "DROP DATABASE IF EXISTS backup_cli_$$_$d"; done
  pg_admin "DROP SCHEMA $schema CASCADE"
fi
finish "backup CLI"
