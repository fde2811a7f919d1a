#!/usr/bin/env bash
# PostgreSQL fails over under a running jaring (issue 17, item 2), with pg_auto_failover.
#   ha_failover_test.sh PATH/TO/jaring
# On loopback, in a folder of its own: a pg_auto_failover monitor, a primary and a synchronous
# standby (the formation's default: synchronous_standby_names = 'ANY 1 (standby)'). jaring serve
# runs against the multi-host URL (both nodes, target_session_attrs=read-write). While an HTTP
# driver edits and reads workers (ha_driver.py) and `jaring import` loads one regency after
# another, `pg_autoctl perform failover` makes the standby the primary. Then:
#   - every edit and import acknowledged (2xx / exit 0) is in the new primary's database, and no
#     import is there in part;
#   - every answer was 2xx or 503 problem+json with Retry-After (no 500, no hang-up), and every
#     read found the address last acknowledged (or one of an unacknowledged edit after it);
#   - the same jaring process served again after the switch, without a restart;
#   - the audit chain verifies.
# Needs pg_autoctl (Debian: pg-auto-failover-cli, postgresql-15-auto-failover); without it the
# test is skipped (exit 77), unless JARING_REQUIRE_PG is set (make test), where it fails.
# About 90 s. As root the cluster runs as the 'postgres' user (PostgreSQL refuses root).
set -uo pipefail
here=$(realpath "$(dirname "$0")")
source "$here/lib.sh"
cli_test_setup ha-failover "$1"

PG_BIN=/usr/lib/postgresql/15/bin
if ! command -v pg_autoctl >/dev/null || [[ ! -x $PG_BIN/pg_ctl ]]; then
  if [[ -n ${JARING_REQUIRE_PG:-} ]]; then
    echo "FAIL pg_autoctl or PostgreSQL 15 is not installed (scripts/setup.sh installs them)"
    exit 1
  fi
  echo "SKIP pg_autoctl is not installed (apt-get install pg-auto-failover-cli postgresql-15-auto-failover)"
  exit 77
fi

as_pg=()
chmod 755 "$work"
if [[ $(id -u) -eq 0 ]]; then
  chown postgres:postgres "$work"
  as_pg=(runuser -u postgres --)
fi
# pg_autoctl keeps its configuration and state under XDG folders: ours, in $work.
pg_env=(env "XDG_CONFIG_HOME=$work/xdg/config" "XDG_DATA_HOME=$work/xdg/data"
        "XDG_RUNTIME_DIR=$work/xdg/run" "PG_REGRESS_SOCK_DIR=$work" PGHOST=127.0.0.1)
autoctl() { "${as_pg[@]}" "${pg_env[@]}" pg_autoctl "$@"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
monitor_port=$(free_port); node1_port=$(free_port); node2_port=$(free_port); http_port=$(free_port)
monitor_url="postgres://autoctl_node@127.0.0.1:$monitor_port/pg_auto_failover?sslmode=disable"
url="postgresql://jaring@127.0.0.1:$node1_port,127.0.0.1:$node2_port/jaring?target_session_attrs=read-write&sslmode=disable"

serve_pid=
cleanup() {
  [[ -n $serve_pid ]] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  [[ -n ${import_pid:-} ]] && kill "$import_pid" 2>/dev/null
  [[ -n ${driver_pid:-} ]] && kill "$driver_pid" 2>/dev/null
  # Each pg_autoctl service stops its PostgreSQL; what still runs after that is stopped hard.
  for d in node2 node1 monitor; do
    [[ -d $work/$d ]] && autoctl stop --pgdata "$work/$d" --immediate >/dev/null 2>&1
  done
  sleep 1
  for d in node2 node1 monitor; do
    [[ -f $work/$d/postmaster.pid ]] && "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$work/$d" -m immediate stop >/dev/null 2>&1
  done
  rm -rf "$work"
}
trap cleanup EXIT

# run_autoctl NAME: `pg_autoctl run` of $work/NAME in the background, logging to $work/NAME.log
run_autoctl() {
  "${as_pg[@]}" "${pg_env[@]}" setsid pg_autoctl run --pgdata "$work/$1" >"$work/$1.log" 2>&1 &
}
# wait_states SECONDS STATE...: until the monitor has the nodes in exactly these states, each
# reported as assigned (its own table, pgautofailover.node)
wait_states() {
  local limit=$1; shift
  local want have=
  want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  for ((i = 0; i < limit * 2; i++)); do
    have=$(psql "$monitor_url" -Atqc "SELECT reportedstate FROM pgautofailover.node
      WHERE reportedstate = goalstate ORDER BY 1" 2>/dev/null | tr '\n' ' ')
    [[ $have == "$want" ]] && return 0
    sleep 0.5
  done
  echo "     states now: $have (wanted $want)"
  return 1
}
psql_at() { psql "$url" -v ON_ERROR_STOP=1 -Atqc "$1"; }

pgdata_opts=(--pgctl "$PG_BIN/pg_ctl" --hostname 127.0.0.1 --auth trust --no-ssl)
check "monitor created" 0 autoctl create monitor --pgdata "$work/monitor" --pgport "$monitor_port" "${pgdata_opts[@]}"
check "monitor listens on loopback only" 0 autoctl config set --pgdata "$work/monitor" postgresql.listen_addresses 127.0.0.1
run_autoctl monitor
node_opts=(--listen 127.0.0.1 --username jaring --dbname jaring --monitor "$monitor_url"
           --replication-quorum true --candidate-priority 50 "${pgdata_opts[@]}")
check "node1 created" 0 autoctl create postgres --pgdata "$work/node1" --pgport "$node1_port" --name node1 "${node_opts[@]}"
run_autoctl node1
expect "node1 is a single primary" wait_states 60 single
check "node2 created" 0 autoctl create postgres --pgdata "$work/node2" --pgport "$node2_port" --name node2 "${node_opts[@]}"
run_autoctl node2
expect "primary and secondary" wait_states 120 primary secondary
primary_before=$(psql_at "SELECT inet_server_port()")
expect "jaring reaches node1 as the primary" test "$primary_before" = "$node1_port"
expect "commits wait for the standby (synchronous replication)" bash -c \
  "[[ \$(psql '$url' -Atqc 'SHOW synchronous_standby_names') == 'ANY 1 ('*')' && \$(psql '$url' -Atqc 'SHOW synchronous_commit') == on ]]"
if [[ $failed -gt 0 ]]; then
  for f in monitor node1 node2; do echo "--- $f.log"; tail -15 "$work/$f.log" 2>/dev/null; done
  finish "ha failover"; exit 1
fi

# The data: a regency of 600 workers, an operator and an API token; small rosters to import.
check "migrate through the multi-host URL" 0 "$jaring" migrate --db "$url"
check "demo roster" 0 "$jaring" demo --regency 35.14 --workers 600 --seed 3 --out "$work/demo"
check "import the roster" 0 "$jaring" import "$work/demo/roster.csv" --regency 35.14 --source "Dinas Sosial" --db "$url"
check "operator" 0 bash -c "echo 'failover-uji-kata-sandi' | '$jaring' user add op.pasuruan --role operator --scope 35.14 --password-stdin --db '$url'"
check "the operator chose a password" 0 psql_at "UPDATE users SET must_change_password = 0 WHERE username = 'op.pasuruan'"
check "token" 0 "$jaring" user token op.pasuruan --label failover --db "$url"
token=$(tail -1 "$work/out")
psql_at "SELECT id FROM workers WHERE regency_code = '35.14' ORDER BY id LIMIT 120" >"$work/ids"
# Every other regency of Jawa Timur, one import each: enough to go on through the switch.
regencies=(35.0{1..9} 35.1{0..3} 35.1{5..9} 35.2{0..9} 35.7{1..9})
# Each roster's rows as a first import takes them, from a dry run on SQLite: what a whole import
# of it stores.
"$jaring" migrate --db "sqlite:$work/dry.db" >/dev/null
for r in "${regencies[@]}"; do
  "$jaring" demo --regency "$r" --workers 1000 --seed 7 --out "$work/roster-$r" >/dev/null 2>&1 &&
    "$jaring" import "$work/roster-$r/roster.csv" --regency "$r" --source "Dinas Sosial" --db "sqlite:$work/dry.db" \
      --dry-run --json >"$work/expect-$r.json" || echo "FAIL roster $r"
done

"$jaring" serve --db "$url" --port "$http_port" --web "$work/no-web" --threads 4 --db-pool-size 4 \
  --db-acquire-timeout 5 --db-lock-timeout 2 --db-statement-timeout 20 \
  --db-idle-in-transaction-timeout 60 --log-level warn >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$http_port/api/v1/health" >/dev/null && break
  sleep 0.2
done
check "jaring serves" 0 curl -fs "http://127.0.0.1:$http_port/api/v1/health"

# A lock held elsewhere for longer than --db-lock-timeout: the read gives up after about 2 s
# with 503 and Retry-After, instead of holding its connection and its client.
psql "$url" -qc "BEGIN; LOCK TABLE workers IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(6); COMMIT;" \
  >/dev/null 2>&1 &
locker=$!
sleep 1
first_id=$(head -1 "$work/ids")
curl -s -o "$work/locked.json" -D "$work/locked.headers" -w '%{http_code} %{time_total}\n' \
  -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$http_port/api/v1/regencies/35.14/workers/$first_id" >"$work/locked.status"
wait "$locker"
expect "a lock wait past lock_timeout is 503 within seconds" \
  awk '$1 == 503 && $2 < 4.5 { ok = 1 } END { exit !ok }' "$work/locked.status"
expect "... with Retry-After and code UNAVAILABLE" bash -c \
  "grep -qi '^Retry-After: 5' '$work/locked.headers' && grep -q '\"code\":\"UNAVAILABLE\"' '$work/locked.json'"

# The traffic: HTTP edits and reads, and one import after another, each written down.
python3 "$here/ha_driver.py" "http://127.0.0.1:$http_port" "$token" 35.14 "$work/ids" \
  "$work/stop" "$work/requests.jsonl" --threads 3 &
driver_pid=$!
(
  for r in "${regencies[@]}"; do
    [[ -f $work/stop ]] && break
    "$jaring" import "$work/roster-$r/roster.csv" --regency "$r" --source "Dinas Sosial" --db "$url" --json \
      >"$work/import-$r.json" 2>"$work/import-$r.err"
    code=$?
    echo "$r $code $(date +%s.%N)" >>"$work/imports"
    [[ $code -eq 0 ]] || sleep 2  # the switch is under way: give it a moment
  done
) &
import_pid=$!

sleep 8
echo "     failover at $(date +%T)"
# The monitor may refuse with a deadlock between its own health checks and the request (seen
# with pg_auto_failover 2.0): ask again, up to three times.
perform_failover() {
  local attempt
  for attempt in 1 2 3; do
    autoctl perform failover --pgdata "$work/monitor" && return 0
    sleep 2
  done
  return 1
}
check "pg_autoctl perform failover" 0 perform_failover
expect "node2 primary, node1 secondary" wait_states 60 primary secondary
primary_after=$(psql_at "SELECT inet_server_port()")
expect "the URL now reaches node2" test "$primary_after" = "$node2_port"
echo "     switched at $(date +%T)"
sleep 10
touch "$work/stop"
wait "$driver_pid"; driver_pid=
wait "$import_pid"; import_pid=

expect "the same jaring process still runs" kill -0 "$serve_pid"
if ! kill -0 "$serve_pid" 2>/dev/null; then
  wait "$serve_pid"; echo "     jaring serve ended with status $?; its log ends:"
  serve_pid=
  tail -5 "$work/serve.log" | cut -c1-300 | sed 's/^/     /'
fi
# What the driver saw: only 2xx and 503 with Retry-After and a problem+json, no wrong read,
# and edits acknowledged after the switch.
check "answers were 2xx or 503 with Retry-After, reads never wrong, served after the switch" 0 \
  python3 - "$work/requests.jsonl" <<'PY'
import json, sys
entries = [json.loads(line) for line in open(sys.argv[1])]
bad = []
by_status = {}
for e in entries:
    by_status[e["status"]] = by_status.get(e["status"], 0) + 1
    if 200 <= e["status"] < 300:
        if e["kind"] == "edit" and e.get("got") != e["value"]:
            bad.append(("edit answered another address", e))
        if e["kind"] == "read" and e.get("got") not in e["value"]:
            bad.append(("wrong read", e))
    elif e["status"] == 503:
        if not (e["retry_after"] or "").isdigit() or e["content_type"] != "application/problem+json" \
                or e["code"] != "UNAVAILABLE":
            bad.append(("503 without Retry-After or problem", e))
    else:
        bad.append(("status", e))
edits = [e for e in entries if e["kind"] == "edit"]
unavailable = [e for e in entries if e["status"] == 503]
last_503 = max((e["t"] for e in unavailable), default=0)
served_after = [e for e in edits if 200 <= e["status"] < 300 and e["t"] > last_503]
print(f"     {len(entries)} answers: {dict(sorted(by_status.items()))}; "
      f"503s from {min((e['t'] for e in unavailable), default=0):.1f} s to {last_503:.1f} s; "
      f"{len(served_after)} edits acknowledged after the last 503")
for why, e in bad[:10]:
    print("     ", why, e)
sys.exit(1 if bad or len(served_after) < 10 or not edits else 0)
PY
sed 's/^/     /' "$work/out"

# The database on the new primary holds every acknowledged change.
psql_at "SELECT id, address FROM workers WHERE regency_code = '35.14'" >"$work/addresses"
check "every acknowledged edit is on the new primary" 0 \
  python3 - "$work/requests.jsonl.final" "$work/addresses" <<'PY'
import sys, json
possible = json.load(open(sys.argv[1]))
stored = dict(line.split("|", 1) for line in open(sys.argv[2]).read().splitlines())
lost = [(w, stored.get(w), v) for w, v in possible.items()
        if stored.get(w) not in v and not (None in v and not stored.get(w, "").startswith("Jl. Failover"))]
acked = sum(1 for v in possible.values() if None not in v and len(v) == 1)
print(f"     {len(possible)} workers edited, {acked} with their last edit acknowledged; {len(lost)} lost")
for w in lost[:10]:
    print("     lost:", w)
sys.exit(1 if lost or acked == 0 else 0)
PY
sed 's/^/     /' "$work/out"
check "every import is whole or absent, every acknowledged one whole" 0 \
  python3 - "$work" "$url" <<'PY'
import json, os, subprocess, sys
work, url = sys.argv[1], sys.argv[2]
counts = dict(line.split("|") for line in subprocess.run(
    ["psql", url, "-Atqc", "SELECT regency_code, COUNT(*) FROM workers GROUP BY regency_code"],
    check=True, capture_output=True, text=True).stdout.split())
ok = failed = 0
problems = []
for line in open(os.path.join(work, "imports")):
    regency, code, _ = line.split()
    stored = int(counts.get(regency, 0))
    whole = json.load(open(os.path.join(work, f"expect-{regency}.json")))["accepted"]
    if code == "0":
        accepted = json.load(open(os.path.join(work, f"import-{regency}.json")))["accepted"]
        ok += 1
        if stored != accepted or accepted != whole:
            problems.append(f"{regency}: acknowledged {accepted} of {whole}, stored {stored}")
    else:
        # Refused: absent, or whole when the connection broke during its COMMIT.
        failed += 1
        err = open(os.path.join(work, f"import-{regency}.err")).read().strip().splitlines()
        print(f"     import {regency} exit {code}: {err[-1] if err else ''}; stored {stored} of {whole}")
        if stored not in (0, whole):
            problems.append(f"{regency}: a refused import left {stored} of {whole} rows")
print(f"     {ok} imports acknowledged, {failed} refused during the switch")
for p in problems:
    print("     ", p)
sys.exit(1 if problems or ok == 0 else 0)
PY
sed 's/^/     /' "$work/out"
check "the audit chain verifies on the new primary" 0 "$jaring" audit verify --db "$url"
grep -q '"level":"error"' "$work/serve.log" && grep '"level":"error"' "$work/serve.log" | head -3 | sed 's/^/     log: /'
finish "ha failover"
