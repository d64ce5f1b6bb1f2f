#!/usr/bin/env bash
# One Kubernetes list page parsed four ways (bench/json_page.cpp): nlohmann's DOM, its SAX-driven
# callback parser, simdjson's DOM, and simdjson then each item built as nlohmann (what doctor does).
#   bench/json_page.sh PAGE.json [RUNS]     (default 20 runs)
# PAGE.json: any list page; docs/BENCHMARKS.md used the first 500-pod page of the `large` scenario:
#   scripts/sim-shell.sh large -- kubectl get --raw '/api/v1/pods?limit=500' > page.json
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] && [ -s "$1" ] || { echo "usage: bench/json_page.sh PAGE.json [RUNS]" >&2; exit 2; }
out=$(mktemp -d /tmp/devk8s-bench-json-XXXXXX)
trap 'rm -rf "$out"' EXIT
g++ -O2 -std=c++20 bench/json_page.cpp -o "$out/json_page" -lsimdjson
"$out/json_page" "$1" "${2:-20}"
