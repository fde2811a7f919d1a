#!/usr/bin/env bash
# `jaring user ...` and `jaring audit verify` as an operator runs them (issue 3): accounts
# created before the server ever starts, tokens printed once, and an edit of the audit table
# behind jaring's back named by `audit verify`. SQLite always; PostgreSQL when JARING_TEST_PG
# is set. Prints one line per check and "N passed, N failed".
#   accounts_cli_test.sh PATH/TO/jaring
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cli_test_setup accounts-cli "$1"

# The account commands against one database URL; $2 runs SQL on it behind jaring's back.
accounts_checks() {
  local db=$1 sql=$2 label=$3
  check "$label: help of user and audit" 0 bash -c "for c in add list disable reset-password token tokens revoke-token; do $jaring user \$c --help >/dev/null || exit 1; done; $jaring audit verify --help >/dev/null"
  check "$label: empty chain verifies" 0 "$jaring" audit verify --db "$db"
  expect "$label: empty chain has 0 entries" grep -q 'rantai audit utuh: 0 entri' "$work/out"
  check "$label: first administrator with a generated password" 0 \
    "$jaring" user add admin.jatim --role admin_provinsi --scope 35 --db "$db"
  expect "$label: generated password printed once" grep -q 'kata sandi awal' "$work/out"
  check "$label: operator with a password from stdin" 0 bash -c \
    "echo 'kopi-tubruk-pagi' | '$jaring' user add op.pasuruan --role operator --scope 35.14 --display-name 'Operator Pasuruan' --password-stdin --db '$db'"
  expect "$label: no password echoed for stdin" bash -c "! grep -q 'kopi-tubruk-pagi' '$work/out'"
  check "$label: weak password refused" 2 bash -c \
    "echo '1234567890' | '$jaring' user add op.dua --role operator --scope 35.14 --password-stdin --db '$db'"
  check "$label: unknown role refused" 2 "$jaring" user add x.y --role raja --scope 35.14 --db "$db"
  check "$label: district scope refused" 2 "$jaring" user add x.y --role operator --scope 35.14.01 --db "$db"
  check "$label: admin_provinsi on a regency refused" 2 "$jaring" user add x.z --role admin_provinsi --scope 35.14 --db "$db"
  check "$label: duplicate username" 4 "$jaring" user add op.pasuruan --role operator --scope 35.14 --db "$db"
  check "$label: user list" 0 "$jaring" user list --db "$db"
  expect "$label: list shows both users" bash -c "grep -q 'admin.jatim .*admin_provinsi@35' '$work/out' && grep -q 'op.pasuruan .*operator@35.14' '$work/out' && grep -q '^2 pengguna' '$work/out'"
  # A temporary password (every account the CLI makes) gets no token until the user chose one.
  check "$label: no token for a temporary password" 5 "$jaring" user token op.pasuruan --label 'uji' --db "$db"
  expect "$label: says why" grep -q 'kata sandi sementara' "$work/err"
  check "$label: the user chose a password (behind jaring's back)" 0 $sql "UPDATE users SET must_change_password = 0 WHERE username = 'op.pasuruan'"
  check "$label: token issued" 0 "$jaring" user token op.pasuruan --label 'uji' --db "$db"
  expect "$label: token printed once on stdout" grep -Eq '^jrg_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$' "$work/out"
  local token_id
  token_id=$(sed -n 's/^token API \([0-9a-f]*\) untuk.*/\1/p' "$work/err")
  check "$label: tokens listed" 0 "$jaring" user tokens op.pasuruan --db "$db"
  expect "$label: list shows the token, not revoked" grep -Eq "^$token_id .* - +uji$" "$work/out"
  check "$label: revoke-token" 0 "$jaring" user revoke-token "$token_id" --db "$db"
  check "$label: revoke an unknown token" 3 "$jaring" user revoke-token 000000000000000000000000 --db "$db"
  check "$label: tokens after revoking" 0 "$jaring" user tokens op.pasuruan --db "$db"
  expect "$label: list shows the revocation date" grep -Eq "^$token_id .*[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{5} +uji$" "$work/out"
  check "$label: reset-password" 0 "$jaring" user reset-password op.pasuruan --db "$db"
  expect "$label: new password printed" grep -q 'kata sandi baru' "$work/out"
  check "$label: disable" 0 "$jaring" user disable op.pasuruan --db "$db"
  check "$label: disable unknown user" 3 "$jaring" user disable nobody --db "$db"
  check "$label: list shows disabled" 0 "$jaring" user list --db "$db"
  expect "$label: op.pasuruan nonaktif" grep -q 'op.pasuruan .*nonaktif' "$work/out"
  check "$label: audit verify after the changes" 0 "$jaring" audit verify --db "$db"
  # create admin, create operator, token, revoke, reset, disable = 6 entries
  expect "$label: six entries" grep -q 'rantai audit utuh: 6 entri' "$work/out"
  check "$label: entries are by cli:<os user>" 0 $sql "SELECT count(*) FROM audit_log WHERE actor_username LIKE 'cli:%'"
  expect "$label: all six by the CLI" grep -qx ' *6' "$work/out"
  check "$label: no secret in the audit log" 0 $sql "SELECT count(*) FROM audit_log WHERE after_json LIKE '%kopi%' OR after_json LIKE '%argon%' OR after_json LIKE '%jrg_%'"
  expect "$label: none found" grep -qx ' *0' "$work/out"
  check "$label: tamper with entry 2" 0 $sql "UPDATE audit_log SET after_json='x' WHERE sequence=2"
  check "$label: audit verify fails" 5 "$jaring" audit verify --db "$db"
  expect "$label: names entry 2" grep -q '#2' "$work/err"
  expect "$label: detail names sequence and reason" grep -q 'sequence=2 reason=HASH_MISMATCH' "$work/err"
}

db_file="$work/var/accounts.db"
accounts_checks "sqlite:$db_file" "sqlite3 $db_file" sqlite

if [[ -n ${JARING_TEST_PG:-} ]]; then
  schema="acc_$$_$RANDOM"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  export PGOPTIONS="-c search_path=$schema -c client_min_messages=warning"
  accounts_checks "$JARING_TEST_PG?options=-csearch_path%3D$schema" "psql $JARING_TEST_PG -tAqc" postgresql
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
elif [[ ${JARING_REQUIRE_PG:-} == 1 ]]; then
  failed=$((failed + 1)); echo "FAIL PostgreSQL required but JARING_TEST_PG is unset"
fi

finish "accounts cli"
