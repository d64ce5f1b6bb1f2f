#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/, docs/FUZZING.md) with clang in build/fuzz and runs
# them. A crash, a sanitizer report, a broken invariant, a timeout or running out of memory fails
# the run, naming the input libFuzzer saved.
#   scripts/fuzz.sh                     every target, 60 s each
#   scripts/fuzz.sh TARGET [SECONDS]    one target (image_ref, host_text, ...; `all` for every one)
#   scripts/fuzz.sh --ci                every target, 3 s each (what .ci/run does)
#   scripts/fuzz.sh --build-only        build every target, run none
# The repository's corpus is copied to a scratch directory first, so a run never grows it; set
# DEVK8S_FUZZ_KEEP=DIR to keep the scratch corpora and crash files under DIR instead.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(image_ref mirror_map manifest_rewrite kubeconfig registry_text host_text downloads kube_objects
  minikube_output)
# The longest input worth trying, per target: a line for references, a file for the rest.
declare -A max_len=([image_ref]=512 [mirror_map]=4096 [manifest_rewrite]=8192 [kubeconfig]=8192
  [registry_text]=2048 [host_text]=2048 [downloads]=4096 [kube_objects]=8192 [minikube_output]=4096)

usage() { echo "usage: scripts/fuzz.sh [--ci | TARGET|all [SECONDS]]; targets: ${targets[*]}" >&2; exit 2; }

chosen=all
seconds=60
build_only=0
case "${1:-}" in
  --ci) seconds=3; [ $# -eq 1 ] || usage ;;
  --build-only) build_only=1; [ $# -eq 1 ] || usage ;;
  -h|--help) usage ;;
  "") ;;
  *) chosen=$1; seconds=${2:-60}; [ $# -le 2 ] || usage ;;
esac
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: SECONDS must be a positive whole number, not \"$seconds\"" >&2; exit 2; }
if [ "$chosen" = all ]; then
  run=("${targets[@]}")
elif [ -n "${max_len[$chosen]:-}" ]; then
  run=("$chosen")
else
  echo "fuzz.sh: unknown target \"$chosen\"; targets: ${targets[*]}" >&2
  exit 2
fi

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found: install clang and libclang-rt-14-dev (scripts/setup.sh --deps-only)" >&2; exit 1; }
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DDEVK8S_FUZZ=ON -DDEVK8S_BUILD_TESTS=OFF -DDEVK8S_SANITIZE=OFF "${launcher[@]}" >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target "${run[@]/#/fuzz_}"
[ $build_only -eq 0 ] || exit 0

scratch=${DEVK8S_FUZZ_KEEP:-}
if [ -z "$scratch" ]; then
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/devk8s-fuzz.XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for target in "${run[@]}"; do
  work=$scratch/$target
  mkdir -p "$work/corpus" "$work/artifacts"
  for dir in tests/fuzz/corpus/$target tests/fuzz/regressions/$target; do
    if [ -d "$dir" ]; then
      cp -r "$dir"/. "$work/corpus/"
    fi
  done
  args=(-max_total_time="$seconds" -max_len="${max_len[$target]}" -rss_limit_mb=2048 -timeout=10
    -print_final_stats=1 -artifact_prefix="$work/artifacts/")
  if [ -f "tests/fuzz/$target.dict" ]; then
    args+=(-dict="tests/fuzz/$target.dict")
  fi
  echo "fuzz.sh: $target for ${seconds}s" >&2
  if ! "build/fuzz/fuzz_$target" "${args[@]}" "$work/corpus" >"$work/log" 2>&1; then
    grep -E "^(==[0-9]+==ERROR|SUMMARY|fuzz invariant broken|.*runtime error)" "$work/log" | head -5 >&2 || true
    tail -n 5 "$work/log" >&2
    # A temporary scratch directory goes away on exit: keep the log and the inputs in the build tree.
    findings=$work/artifacts
    log=$work/log
    if [ -z "${DEVK8S_FUZZ_KEEP:-}" ]; then
      findings=build/fuzz/findings/$target
      rm -rf "$findings"
      mkdir -p "$findings"
      cp "$work"/artifacts/. "$findings/" -r
      cp "$work/log" build/fuzz/findings/$target.log
      log=build/fuzz/findings/$target.log
    fi
    for crash in "$findings"/*; do
      if [ -f "$crash" ]; then
        echo "fuzz.sh: $target: finding saved as $crash" >&2
      fi
    done
    echo "fuzz.sh: $target: libFuzzer's log is $log" >&2
    failed+=("$target")
  else
    grep -E "^(#[0-9]+.*DONE|Done [0-9]+ runs)" "$work/log" | tail -n 2 >&2 || true
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: findings in: ${failed[*]}; replay one with build/fuzz/fuzz_TARGET FILE" >&2
  exit 1
fi
echo "fuzz.sh: no finding in ${#run[@]} target(s), ${seconds}s each" >&2
