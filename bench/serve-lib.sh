# Shell functions the benchmark and load scripts share to run `jaring serve` on loopback.
# Source it: `. "$root/bench/serve-lib.sh"`.
#   free_port                     a free TCP port on 127.0.0.1 (printed)
#   wait_for_serving LOG PID [S]  waits up to S seconds (default 120) for the server writing to
#                                 LOG to print its "serving" line; returns 1, with the log's last
#                                 lines on stderr, when it does not or the process PID ended

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_for_serving() {
  local log=$1 pid=$2 seconds=${3:-120} _
  for _ in $(seq $((seconds * 2))); do
    grep -q serving "$log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  grep -q serving "$log" 2>/dev/null && return 0
  echo "the server did not start:" >&2
  tail -5 "$log" >&2
  return 1
}
