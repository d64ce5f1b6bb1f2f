#!/usr/bin/env bash
# Builds and runs every test (ctest). Installs missing packages first (scripts/setup.sh).
#   scripts/test.sh             debug build in build/debug
#   scripts/test.sh --sanitize  AddressSanitizer + UndefinedBehaviorSanitizer build in build/asan
#   scripts/test.sh --werror    warnings are errors (CI)
#   scripts/test.sh --unity     the test files built eight to a translation unit (CI: less than half
#                               the CPU; an edited test then recompiles its batch)
#   scripts/test.sh --build-only / --run-only   one half of it (CI builds the fuzzers while the tests run)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --deps-only

dir=build/debug
flags=(-DCMAKE_BUILD_TYPE=Debug)
build=1
run=1
for arg in "$@"; do
  case "$arg" in
    --sanitize) dir=build/asan; flags+=(-DDEVK8S_SANITIZE=ON) ;;
    --werror) flags+=(-DDEVK8S_WERROR=ON) ;;
    --unity) flags+=(-DDEVK8S_UNITY_TESTS=ON) ;;
    --build-only) run=0 ;;
    --run-only) build=0 ;;
    *) echo "test.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

if [ $build -eq 1 ]; then
  cmake -S . -B "$dir" "${flags[@]}" >/dev/null
  cmake --build "$dir" -j"$(nproc)"
fi
if [ $run -eq 1 ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  ctest --test-dir "$dir" --output-on-failure -j"$(nproc)"
fi
