# Shared helpers of the CLI integration scripts; sourced, never run.
#   source "$(dirname "$0")/lib.sh"; cli_test_setup NAME PATH/TO/jaring
# Sets $jaring (absolute), $work (a temporary folder, removed at exit, also the working
# directory), and the counters behind check/expect/finish.

cli_test_setup() {  # cli_test_setup NAME JARING
  jaring=$(realpath "$2")
  work=$(mktemp -d "/tmp/jaring-$1.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  cd "$work" || exit 1
  passed=0
  failed=0
}

check() {  # check NAME EXPECTED_EXIT COMMAND...: runs COMMAND, compares its exit code
  local name=$1 expected=$2
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local code=$?
  if [[ $code -eq $expected ]]; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name: exit $code, expected $expected"
    sed 's/^/     /' "$work/err" | head -5
  fi
}

expect() {  # expect NAME CONDITION...: counts CONDITION's success
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"
  else failed=$((failed + 1)); echo "FAIL $name"; fi
}

finish() {  # finish LABEL: prints the closing line CTest's log readers know, sets the exit code
  echo "$1: $passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
