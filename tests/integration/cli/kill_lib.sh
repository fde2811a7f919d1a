# Killing a jaring command with SIGKILL in the middle of its transaction; sourced after lib.sh,
# never run. Shared by import_kill_test.sh and operations_kill_test.sh.
#   kill_probe ENGINE TARGET PID   what the stopped command's transaction holds at this moment
#   kill_at SECONDS ENGINE TARGET COMMAND...   runs COMMAND, stops and kills it after SECONDS
#   kill_scenario ENGINE LABEL BASE OPERATION  the whole check of one operation, see below
# A database is named by the caller and reached through four functions it defines for the
# engine at hand: db_url NAME (the --db URL), db_target NAME (what kill_probe looks at: the
# SQLite file, or the PostgreSQL application_name its URL sets), db_copy FROM TO (a new database
# TO holding FROM's state), db_drop NAME, and db_state NAME (one line that changes when the
# operation changed anything: counts, statuses, sums, the audit log's length).

# Microseconds since the epoch.
now_us() { echo $((${EPOCHREALTIME/./})); }

# kill_probe ENGINE TARGET PID: "while writing" when the transaction of the (stopped) command PID
# holds written rows: on PostgreSQL its own backend (connections named TARGET by
# application_name; other tests on the same server do not count) holds a transaction id, which
# PostgreSQL gives at the first write; on SQLite the write-ahead log of the file TARGET holds
# frames. A SQLite writer keeps its rows in its own 32 MiB page cache until the commit (or a
# spill), out of sight: on SQLite "inside its transaction" says the command held the database's
# write lock (byte 120 of TARGET-shm, taken by BEGIN IMMEDIATE: /proc/locks) with no frames yet,
# which tells where the kill landed but not that rows were written (a verval run reads in a
# write transaction of its own, too). Otherwise "outside a transaction".
kill_probe() {
  local engine=$1 target=$2 pid=$3
  if [[ $engine == sqlite ]]; then
    if [[ -s $target-wal ]]; then
      echo "while writing"
      return
    fi
    local inode
    inode=$(stat -c %i "$target-shm" 2>/dev/null) || { echo "outside a transaction"; return; }
    if awk -v pid="$pid" -v ino=":$inode" '$5 == pid && $4 == "WRITE" && $6 ~ ino "$" &&
         $7 <= 120 && ($8 == "EOF" || $8 >= 120) { found = 1 } END { exit !found }' /proc/locks
    then
      echo "inside its transaction"
    else
      echo "outside a transaction"
    fi
  else
    [[ $(PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qtAc \
      "SELECT count(*) FROM pg_stat_activity WHERE backend_xid IS NOT NULL
         AND application_name = '$target' AND pid <> pg_backend_pid()") -gt 0 ]] &&
      echo "while writing" || echo "outside a transaction"
  fi
}

# pg_quiet TARGET: waits (up to 60 s) until no backend of TARGET is left. A killed client's
# backend rolls back when it notices the closed socket, which can be after the statement it was
# running ends; the database's state is read after that, never before.
pg_quiet() {
  local i
  for ((i = 0; i < 600; i++)); do
    [[ $(PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qtAc \
      "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$1'
         AND pid <> pg_backend_pid()") -eq 0 ]] && return 0
    sleep 0.1
  done
  echo "     (a backend of $1 is still there after 60 s)"
}

# kill_at WHEN ENGINE TARGET COMMAND...: runs COMMAND and, unless it ends first, stops it
# (SIGSTOP, so that the probe sees what the kill interrupts), probes it and SIGKILLs it. WHEN is
# a number of seconds, or "writing": at the first moment kill_probe sees the transaction holding
# written rows (polled; a run in which that moment never shows ends by itself). Prints "killed
# while writing", "killed inside its transaction", "killed outside a transaction" or "finished"
# (a command that exited by itself, even right at the deadline).
kill_at() {
  local when=$1 engine=$2 target=$3 deadline=""
  shift 3
  [[ $when == writing ]] ||
    deadline=$(($(now_us) + $(awk -v d="$when" 'BEGIN { printf "%d", d * 1000000 }')))
  "$@" >"$work/out" 2>"$work/err" &
  local pid=$! state="" code
  # Whether the transaction holds written rows now: the test itself, without a process, on
  # SQLite (a commit's frames can be written and checkpointed within milliseconds).
  writes() {
    if [[ $engine == sqlite ]]; then [[ -s $target-wal ]]
    else [[ $(kill_probe "$engine" "$target" "$pid") == "while writing" ]]; fi
  }
  while kill -0 "$pid" 2>/dev/null; do
    if { [[ -n $deadline ]] && (($(now_us) >= deadline)); } || { [[ -z $deadline ]] && writes; }
    then
      if kill -STOP "$pid" 2>/dev/null; then
        state=$(kill_probe "$engine" "$target" "$pid")
        kill -KILL "$pid" 2>/dev/null
      fi
      break
    fi
    [[ -z $deadline ]] || sleep 0.01
  done
  wait "$pid" 2>/dev/null
  code=$?
  [[ $engine == sqlite ]] || pg_quiet "$target"
  if [[ $code -eq 137 && -n $state ]]; then echo "killed $state"; else echo finished; fi
}

# kill_scenario ENGINE LABEL BASE OPERATION [FRACTION...]: OPERATION URL (a function of the
# caller's) sets the array op_cmd to the command that runs the operation on the database at URL
# (exit 0 when it completes); that command, not a shell around it, is what gets killed. One
# uninterrupted run on a copy of BASE (LABEL_full, left for the caller to go on from) measures
# its duration D and its final state; then on fresh copies of BASE it is killed at each FRACTION
# of D (default 0.2 0.5 0.8 0.9 0.95 1.05, then up to four tries at the first sign of written
# rows: "writing", kill_at, until one was caught there and three runs were killed). After each
# kill the state must be BASE's or the uninterrupted run's, exactly, and the audit chain must
# verify. At least three runs must have been killed, and at least one while its transaction held written rows ("while writing", kill_probe), the
# database left as before. On SQLite that is a kill inside the commit or a spill, the only
# moments a writer's rows are in sight: hence the tries. Re-running the operation on a copy a
# kill left as before completes it: the uninterrupted run's state, nothing twice. Sets
# kill_seconds to D and kill_rerun to the name of that re-run database (the other copies are
# dropped).
kill_scenario() {
  local engine=$1 label=$2 base=$3 operation=$4
  shift 4
  local fractions=("$@")
  ((${#fractions[@]})) || fractions=(0.2 0.5 0.8 0.9 0.95 1.05 writing writing writing writing)
  local before done_state start
  before=$(db_state "$base")
  db_copy "$base" "${label}_full"
  start=$(now_us)
  "$operation" "$(db_url "${label}_full")"
  check "$engine: $label, uninterrupted" 0 "${op_cmd[@]}"
  kill_seconds=$(awk -v us=$(($(now_us) - start)) 'BEGIN { printf "%.2f", us / 1000000 }')
  done_state=$(db_state "${label}_full")
  echo "     $engine: $label takes $kill_seconds s; before [$before]"
  echo "     $engine: $label done [$done_state]"
  expect "$engine: $label changes the database" test "$before" != "$done_state"

  local killed=0 caught=0 i=0 fraction name outcome state rerun="" when at left
  for fraction in "${fractions[@]}"; do
    # The kills at the first written row are tries: they stop once one was caught and three
    # runs were killed (on a quiet machine a warm run can end before 0.8 x D of the first, cold
    # one: the tries make up for those).
    [[ $fraction == writing && $caught -ge 1 && $killed -ge 3 ]] && continue
    i=$((i + 1))
    name="${label}_kill$i"
    db_copy "$base" "$name"
    "$operation" "$(db_url "$name")"
    when=writing
    at="at its first written row"
    if [[ $fraction != writing ]]; then
      when=$(awk -v d="$kill_seconds" -v f="$fraction" 'BEGIN { print d * f }')
      at="at $fraction x D"
    fi
    outcome=$(kill_at "$when" "$engine" "$(db_target "$name")" "${op_cmd[@]}")
    [[ $outcome == killed* ]] && killed=$((killed + 1))
    state=$(db_state "$name")
    left="neither before nor done: [$state]"
    [[ $state == "$before" ]] && left="as before"
    [[ $state == "$done_state" ]] && left="fully done"
    expect "$engine: $label $outcome $at: $left" \
      test "$state" = "$before" -o "$state" = "$done_state"
    expect "$engine: $label audit chain verifies after the run killed $at" \
      "$jaring" audit verify --db "$(db_url "$name")"
    if [[ $state == "$before" ]]; then
      [[ $outcome == "killed while writing" ]] && caught=$((caught + 1))
      [[ -n $rerun ]] && db_drop "$rerun"
      rerun=$name
    else
      db_drop "$name"
    fi
  done
  expect "$engine: $label: at least three runs were killed before they ended" test "$killed" -ge 3
  expect "$engine: $label: a kill while it held written rows left it as before" \
    test "$caught" -ge 1
  if [[ -z $rerun ]]; then
    expect "$engine: $label: a kill left the database as before, to re-run" false
    return
  fi
  "$operation" "$(db_url "$rerun")"
  check "$engine: $label, re-run after the kill completes" 0 "${op_cmd[@]}"
  state=$(db_state "$rerun")
  expect "$engine: $label, after the re-run [$state] = done" test "$state" = "$done_state"
  kill_rerun=$rerun
}
