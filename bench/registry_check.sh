#!/usr/bin/env bash
# Registry check speed (issue #3): 200 references, half present and half absent, against a
# local docker-registry (tests/support/local_registry.py, plain HTTP), checked three ways in one
# run: one `devk8s mirror check`, a sequential loop of `skopeo inspect`, and a sequential loop
# of `curl -I` (one process and one connection per reference).
#   bench/registry_check.sh [path/to/devk8s]     (default: build/release/devk8s)
# Prints a Markdown table for docs/BENCHMARKS.md. A benchmark, not a test. The loops use what a
# user would type: `skopeo inspect` (manifest, then the config blob) and `curl -I` with the same
# four Accept types devk8s sends.
set -euo pipefail
cd "$(dirname "$0")/.."
devk8s=${1:-build/release/devk8s}
[ -x "$devk8s" ] || { echo "registry_check: build devk8s first (scripts/setup.sh), or pass its path" >&2; exit 2; }
n=100
work=$(mktemp -d)
coproc REGISTRY { exec /usr/bin/python3 tests/support/local_registry.py --dir "$work/registry" --flavour plain --bench $n; }
registry_pid=$REGISTRY_PID
cleanup() { kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
read -r -t 30 info <&"${REGISTRY[0]}"
host=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["host"])' "$info")

refs=()
for i in $(seq -f %03g 0 $((n - 1))); do
  refs+=("$host/bench/image-$i:v1" "$host/bench/absent-$i:v1")
done
accept="application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json"

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

# Warm up the registry's file cache so no method pays for a cold disk.
"$devk8s" mirror check "${refs[@]}" --insecure-registry "$host" >/dev/null 2>&1 || true

# devk8s takes a fraction of a second, so one run is at the mercy of whatever else the machine
# is doing: take the median of five. The loops run once; they last seconds and average that out.
runs=()
for _ in 1 2 3 4 5; do
  t0=$(now)
  "$devk8s" mirror check "${refs[@]}" --insecure-registry "$host" -o json >"$work/devk8s.json" 2>/dev/null || true
  t1=$(now)
  runs+=("$(elapsed "$t0" "$t1")")
done
d=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p)
found=$(python3 -c 'import json,sys; print(sum(1 for x in json.load(open(sys.argv[1])) if x["outcome"] == "found"))' "$work/devk8s.json")
[ "$found" = "$n" ] || { echo "registry_check: devk8s found $found of $n present images" >&2; exit 1; }

skopeo_found=0
t2=$(now)
for ref in "${refs[@]}"; do
  if skopeo inspect --tls-verify=false "docker://$ref" >/dev/null 2>&1; then skopeo_found=$((skopeo_found + 1)); fi
done
t3=$(now)

curl_found=0
t4=$(now)
for ref in "${refs[@]}"; do
  path=${ref#"$host"/}
  code=$(curl -s -o /dev/null -I -w '%{http_code}' -H "Accept: $accept" "http://$host/v2/${path%:*}/manifests/${path##*:}")
  [ "$code" = 200 ] && curl_found=$((curl_found + 1))
done
t5=$(now)

s=$(elapsed "$t2" "$t3"); c=$(elapsed "$t4" "$t5")
ratio() { python3 -c "print(f'{$1 / $2:.1f}')"; }
echo "| method (200 references, 100 present) | found | wall time (s) | devk8s is faster by |"
echo "|---|---|---|---|"
echo "| \`devk8s mirror check\` (one process; median of 5 runs: ${runs[*]}) | $found | $d | 1× |"
echo "| \`skopeo inspect\` loop | $skopeo_found | $s | $(ratio "$s" "$d")× |"
echo "| \`curl -I\` loop | $curl_found | $c | $(ratio "$c" "$d")× |"
