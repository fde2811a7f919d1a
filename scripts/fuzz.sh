#!/usr/bin/env bash
# Fuzzes every parser of outside input for SECONDS each (default 20): the CSV and XLSX
# readers, card tokens, JSON request bodies, request targets, uploaded claim documents, GeoJSON
# boundaries and the import pipeline (docs/fuzzing.md); fails if any input crashes or hangs.
#   scripts/fuzz.sh [SECONDS]
#   JARING_FUZZ_TARGETS="json_body geojson" scripts/fuzz.sh 600    # some targets only
# Engine (JARING_FUZZ_ENGINE=auto|libfuzzer|afl): libFuzzer when clang can compile the project,
# else AFL++. Clang 14 cannot (libstdc++ 12's <expected> needs C++20 conditionally trivial
# special members, which clang implements from 16 and advertises from 19), so on Debian 12
# this runs AFL++ with its GCC instrumentation. Both use the same LLVMFuzzerTestOneInput
# targets in tests/fuzz/, built with ASan + UBSan in build-fuzz/. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
build=${JARING_FUZZ_BUILD:-build-fuzz}
engine=${JARING_FUZZ_ENGINE:-auto}
# Seeds: the readers' in tests/data/formats/fuzz-corpus/<target>, others' in tests/fuzz/corpus/.
corpus_of() {
  if [[ -d tests/fuzz/corpus/$1 ]]; then echo "tests/fuzz/corpus/$1"
  else echo "tests/data/formats/fuzz-corpus/$1"; fi
}
out=$build/fuzz-out
read -r -a targets <<<"${JARING_FUZZ_TARGETS:-csv xlsx card_token json_body request_target document geojson intake}"

if [[ $engine == auto ]]; then
  if command -v clang++ >/dev/null &&
     clang++ -std=c++2b -fsyntax-only -Isrc src/formats/csv_reader.cpp 2>/dev/null; then
    engine=libfuzzer
  else
    engine=afl
  fi
fi
echo "fuzz: engine $engine, ${seconds}s per target"

crashes=0
if [[ $engine == libfuzzer ]]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DJARING_FUZZ=ON -DJARING_SANITIZE=ON -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
  cmake --build "$build" -j 2 --target "${targets[@]/%/_fuzz}"
  for t in "${targets[@]}"; do
    mkdir -p "$out/$t/corpus" "$out/$t/crashes"
    if ! "$build/tests/fuzz/${t}_fuzz" -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=5 \
        -artifact_prefix="$out/$t/crashes/" -print_final_stats=1 \
        "$out/$t/corpus" "$(corpus_of "$t")"; then
      crashes=$((crashes + 1))
    fi
  done
else
  command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz missing (scripts/setup.sh installs afl++)"; exit 1; }
  export AFL_CC_COMPILER=GCC AFL_QUIET=1
  CC=afl-cc CXX=afl-c++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DJARING_FUZZ=ON -DJARING_SANITIZE=ON >/dev/null
  cmake --build "$build" -j 2 --target "${targets[@]/%/_fuzz_replay}"
  export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
  export AFL_SKIP_CRASHES=1
  # AFL++ wants these two ASan settings; RSS capped as libFuzzer's -rss_limit_mb=1024 would.
  export ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:hard_rss_limit_mb=1024:allocator_may_return_null=1
  export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:symbolize=0
  for t in "${targets[@]}"; do
    rm -rf "$out/$t"
    mkdir -p "$out/$t"
    # -m none: ASan reserves terabytes of address space; the RSS cap above limits memory.
    afl-fuzz -V "$seconds" -i "$(corpus_of "$t")" -o "$out/$t" -m none -t 5000 \
      -- "$build/tests/fuzz/${t}_fuzz_replay" @@ >"$out/$t.log" 2>&1 || {
      echo "fuzz: afl-fuzz failed for $t:"; tail -20 "$out/$t.log"; exit 1; }
    grep -E "Statistics|new corpus" "$out/$t.log" | tail -1 | sed "s/\x1b\[[0-9;]*m//g; s/^/fuzz: $t: /"
    found=$(find "$out/$t/default/crashes" "$out/$t/default/hangs" -type f ! -name README.txt 2>/dev/null | wc -l)
    if ((found > 0)); then
      echo "fuzz: $t: $found crashing or hanging inputs in $out/$t/default/{crashes,hangs}"
      echo "      reproduce: $build/tests/fuzz/${t}_fuzz_replay FILE"
      crashes=$((crashes + 1))
    fi
  done
fi
if ((crashes > 0)); then
  echo "fuzz: FAILED ($crashes targets found crashes)"
  exit 1
fi
echo "fuzz: ${#targets[@]} passed, 0 failed"
