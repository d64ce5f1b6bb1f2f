#!/usr/bin/env bash
# Wall time of `devk8s preflight`, with stub minikube/kubectl/docker on PATH that print the seed
# host's real-shaped output (tests/fixtures/hosts/seed-host/tools) and a Docker API stand-in on a
# unix socket serving the seed host's GET /info (tests/fixtures/hosts/seed-host/docker-info.json).
# Peer: the same four questions asked in sequence from a shell, the way a setup script does it
# (minikube version, kubectl version, docker version, curl --unix-socket .../info).
#   bench/preflight.sh [path/to/devk8s] [runs]
# Scenarios: tools answer at once; each tool takes 300 ms; minikube hangs (cut off by the 3 s timeout).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/release/devk8s}
runs=${2:-20}
[ -x "$bin" ] || { echo "preflight.sh: no $bin; build it first (scripts/setup.sh, or pass the path)" >&2; exit 2; }
fixture=tests/fixtures/hosts/seed-host
work=$(mktemp -d /tmp/dk8s-bench-XXXXXX)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

sock=$work/docker.sock
python3 - "$sock" "$fixture/docker-info.json" <<'PY' &
import http.server, socketserver, sys
sock, body = sys.argv[1], open(sys.argv[2], 'rb').read()
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        ok = self.path == '/info'
        self.send_response(200 if ok else 404)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body) if ok else 2))
        self.end_headers()
        self.wfile.write(body if ok else b'{}')
    def log_message(self, *a): pass
    def address_string(self): return 'unix'
class S(socketserver.ThreadingMixIn, socketserver.UnixStreamServer): daemon_threads = True
S(sock, H).serve_forever()
PY
server_pid=$!
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.05; done

# make_stubs DELAY HANG: stub tools printing the fixture's captured output after DELAY seconds.
make_stubs() {
  local dir=$work/bin-$1-$2
  mkdir -p "$dir"
  local minikube_body="sleep $1; cat '$PWD/$fixture/tools/minikube-version.json'"
  [ "$2" = hang ] && minikube_body="sleep 60"
  printf '#!/bin/sh\n%s\n' "$minikube_body" > "$dir/minikube"
  printf '#!/bin/sh\nsleep %s; cat %s\n' "$1" "'$PWD/$fixture/tools/kubectl-version.json'" > "$dir/kubectl"
  printf '#!/bin/sh\nsleep %s; cat %s\n' "$1" "'$PWD/$fixture/tools/docker-version.txt'" > "$dir/docker"
  chmod +x "$dir"/*
  echo "$dir"
}

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
stats() { sort -n | awk '{a[NR]=$1} END {printf "median %d ms, p90 %d ms, min %d ms (n=%d)", a[int((NR+1)/2)], a[int(NR*0.9+0.5)], a[1], NR}'; }

run_devk8s() {
  local path=$1 n=$2 t
  for _ in $(seq "$n"); do
    t=$(date +%s%N)
    PATH="$path:/usr/bin:/bin" DOCKER_HOST="unix://$sock" HOME="$work" "$bin" preflight --cpus 1 --memory 1024mb \
      --mirror cn --driver docker >/dev/null 2>&1 || true
    ms "$t"
  done | stats
}

run_peer() {
  local path=$1 n=$2 t
  for _ in $(seq "$n"); do
    t=$(date +%s%N)
    (
      export PATH="$path:/usr/bin:/bin"
      minikube version -o json >/dev/null 2>&1 || true
      kubectl version --client -o json >/dev/null 2>&1 || true
      docker version --format '{{.Client.Version}}' >/dev/null 2>&1 || true
      curl -s --unix-socket "$sock" http://localhost/info >/dev/null || true
    )
    ms "$t"
  done | stats
}

echo "devk8s: $bin ($("$bin" version | head -1)); host: $(nproc) CPUs, $(uname -r)"
fast=$(make_stubs 0 no)
echo "tools answer at once:"
echo "  devk8s preflight             $(run_devk8s "$fast" "$runs")"
echo "  sequential shell (peer)      $(run_peer "$fast" "$runs")"
slow=$(make_stubs 0.3 no)
echo "each tool takes 300 ms:"
echo "  devk8s preflight             $(run_devk8s "$slow" 5)"
echo "  sequential shell (peer)      $(run_peer "$slow" 5)"
hang=$(make_stubs 0 hang)
echo "minikube hangs:"
echo "  devk8s preflight             $(run_devk8s "$hang" 2)  (tool timeout 3000 ms)"
