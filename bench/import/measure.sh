# Sourced by run.sh and pg.sh (functions do not cross the `bash -c` of with-postgres.sh, so
# each script sources this file itself).
#   measure LABEL ENGINE INPUT GOAL_S -- COMMAND...
# runs COMMAND under /usr/bin/time -v and appends one tab-separated line to $RESULTS:
#   engine, input, run, wall s, CPU s (user + sys), peak RSS MB, goal s, load average before,
#   server CPU s
# COMMAND's stdout (the --json summary) goes to $WORK/LABEL.json, time's report to LABEL.time.
# With SERVER_PID set (PostgreSQL's postmaster), the server's CPU seconds during the run are
# measured too: /usr/bin/time sees only the client.
measure() {
  local label=$1 engine=$2 input=$3 goal=$4
  shift 5
  local load server_before server_cpu=""
  load=$(cut -d' ' -f1 /proc/loadavg)
  [[ -z ${SERVER_PID:-} ]] || server_before=$(server_ticks "$SERVER_PID")
  echo "== $label ($engine, $input; load $load)" >&2
  if ! JARING_PROGRESS=0 /usr/bin/time -v "$@" >"$WORK/$label.json" 2>"$WORK/$label.time"; then
    tail -5 "$WORK/$label.time" >&2
    echo "measure: $label failed" >&2
    return 1
  fi
  cat "$WORK/$label.json" >&2
  if [[ -n ${SERVER_PID:-} ]]; then
    # The client's backend exits after the client: give the postmaster time to reap it (its
    # CPU counts in the postmaster's cutime/cstime only then).
    sleep 2
    server_cpu=$(awk -v a="$server_before" -v b="$(server_ticks "$SERVER_PID")" -v hz="$(getconf CLK_TCK)" \
      'BEGIN { printf "%.1f", (b - a) / hz }')
  fi
  awk -v label="$label" -v engine="$engine" -v input="$input" -v goal="$goal" -v load="$load" \
      -v server="$server_cpu" '
    /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + t[i] }
    /User time \(seconds\)/ { user = $NF }
    /System time \(seconds\)/ { sys = $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    END { printf "%s\t%s\t%s\t%.1f\t%.1f\t%.0f\t%s\t%s\t%s\n", engine, input, label, wall, user + sys, rss, goal, load, server }
  ' "$WORK/$label.time" >>"$RESULTS"
}

# json_field FILE KEY: a top-level number of the import's --json summary.
json_field() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

# server_ticks PID: CPU clock ticks of a server process and all its children so far: its own
# and its reaped children's (utime, stime, cutime, cstime of /proc/PID/stat) plus those of the
# children still running (PostgreSQL's background processes).
server_ticks() {
  local pid=$1 total child
  total=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$pid/stat")
  for child in $(ps --ppid "$pid" -o pid=); do
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
