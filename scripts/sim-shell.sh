#!/bin/bash
# Runs a command against the simulation (tests/sim/README.md) by hand: a real registry on
# loopback, the simulated API server on SCENARIO, the simulated minikube first on PATH and a
# KUBECONFIG for the cluster, plus a mirror map "local" for the registry (what mirrors/cn.yaml
# is for Aliyun). Everything stops when the command ends. For README transcripts and trying
# devk8s without a cluster, e.g.:
#   scripts/sim-shell.sh seed-cn-v1.20 -- devk8s retag storage-provisioner --dry-run
# `devk8s start` needs Docker for its preflight: a daemon socket answering /info as the seed's
# host (tests/support/fake_docker_daemon.py) and a docker CLI double (tests/sim/docker-cli) are
# there too; DEVK8S_SIM_REGISTRY names the registry, for --registry-endpoint, e.g.:
#   scripts/sim-shell.sh fresh-host-cn -- sh -c 'devk8s start --mirror cn --cpus 1 --skip-upstream \
#     --registry-endpoint registry.cn-hangzhou.aliyuncs.com=$DEVK8S_SIM_REGISTRY --insecure-registry $DEVK8S_SIM_REGISTRY'
# Needs a debug build (scripts/test.sh builds one): build/debug/{devk8s,sim-bin/minikube}.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${DEVK8S_BUILD:-$root/build/debug}
[ $# -ge 3 ] && [ "$2" = "--" ] || { echo "usage: $0 SCENARIO -- COMMAND..." >&2; exit 2; }
scenario=$1
shift 2
[ -f "$root/tests/sim/scenarios/$scenario.json" ] || { echo "sim-shell: no scenario $scenario" >&2; exit 2; }
work=$(mktemp -d /tmp/devk8s-sim-XXXXXX)
pids=()
cleanup() {
  exec 3>&- 4>&- 5>&- || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The first line each server prints says it is ready (JSON); they keep logging, to files.
first_line() {
  for _ in $(seq 600); do
    if [ -s "$1" ]; then head -n 1 "$1"; return; fi
    sleep 0.1
  done
  echo "sim-shell: $1 stayed empty" >&2
  exit 1
}
# Both serve until their stdin closes: a FIFO whose writing end this script holds (fds 3 and 4)
# until it exits.
mkfifo "$work/registry.in" "$work/server.in" "$work/docker.in"
python3 "$root/tests/support/local_registry.py" --dir "$work/registry" --flavour plain \
  < "$work/registry.in" > "$work/registry.out" 2>&1 &
pids+=($!)
exec 3> "$work/registry.in"
host=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["host"])' "$(first_line "$work/registry.out")")

python3 "$root/tests/sim/apiserver/sim_apiserver.py" --state "$work/state" \
  --scenario "$root/tests/sim/scenarios/$scenario.json" --registry "$host" < "$work/server.in" > "$work/server.out" 2>&1 &
pids+=($!)
exec 4> "$work/server.in"
first_line "$work/server.out" > /dev/null

python3 "$root/tests/support/fake_docker_daemon.py" --socket "$work/docker.sock" \
  --info "$root/tests/fixtures/hosts/seed-host/docker-info.json" < "$work/docker.in" > "$work/docker.out" 2>&1 &
pids+=($!)
exec 5> "$work/docker.in"
first_line "$work/docker.out" > /dev/null

mkdir -p "$work/config/devk8s/mirrors" "$work/home"
cat > "$work/config/devk8s/mirrors/local.yaml" <<MAP
name: local
description: the simulation's registry standing for Aliyun's google_containers and DaoCloud's Docker Hub (mirrors/cn.yaml's rules)
minikube:
  image-repository: $host/google_containers
rules:
  - exact: docker.io/kubernetesui/dashboard
    to: $host/google_containers/dashboard
  - exact: docker.io/kubernetesui/metrics-scraper
    to: $host/google_containers/metrics-scraper
  - flatten: gcr.io/k8s-minikube
    to: $host/google_containers
  - flatten: k8s.gcr.io
    to: $host/google_containers
  - prefix: docker.io
    to: $host
MAP
export PATH="$build/sim-bin:$build:$root/tests/sim/docker-cli:$build/kubectl-1.20/usr/bin:$PATH" \
  DOCKER_HOST="unix://$work/docker.sock" HOME="$work/home" DEVK8S_SIM_STATE="$work/state" KUBECONFIG="$work/state/kubeconfig" \
  XDG_CONFIG_HOME="$work/config" NO_PROXY="127.0.0.1${NO_PROXY:+,$NO_PROXY}" DEVK8S_SIM_REGISTRY="$host"
"$@"
