#!/usr/bin/env bash
# Runs every test: the sanitizer build's tests, then the normal build's tests (including the
# browser tests), each against SQLite and a throw-away PostgreSQL, with a short fuzzing run in
# between. Ends with CTest's summary.
#   scripts/run-tests.sh BUILD_DIR ASAN_BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
asan=${2:-build-asan}
mkdir -p test-output
export JARING_REQUIRE_PG=1
export JARING_TEST_OUTPUT=$PWD/test-output
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Every process of the sanitizer pass that writes a PDF (services, HTTP and CLI tests too)
# inherits these suppressions; not exported, since afl-fuzz refuses a custom LSAN_OPTIONS.
lsan_options=suppressions=$PWD/tests/lsan.supp

# Each phase says how long it took (issue 17: make test within 25 minutes once built).
scripts/with-postgres.sh bash -c "
  set -e
  started=\$SECONDS
  took() { echo \"== \$1 took \$((SECONDS - phase)) s (\$((SECONDS - started)) s so far)\"; }
  echo '== sanitizer build (address, undefined): unit and integration tests'
  phase=\$SECONDS
  LSAN_OPTIONS='$lsan_options' ctest --test-dir '$asan' --output-on-failure -j 2 -LE 'e2e|slow'
  took 'the sanitizer pass'
  echo '== fuzzing smoke run of every parser, 8 s each (longer runs: docs/fuzzing.md)'
  phase=\$SECONDS
  scripts/fuzz.sh \${JARING_FUZZ_SECONDS:-8}
  took 'the fuzzing smoke run'
  echo '== release build: every test'
  phase=\$SECONDS
  ctest --test-dir '$build' --output-on-failure -j 2
  took 'the release pass'
"
