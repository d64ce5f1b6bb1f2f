#!/usr/bin/env bash
# Doctor speed (issue #12, "Speed"): on the simulation's `large` scenario (10,000 pods, 2,000
# PVCs and PVs, 20,000 events in 200 namespaces), in one run:
#   (a) the raw transfer of the lists doctor reads (pods, PVCs, PVs, storage classes, nodes,
#       events), fetched in parallel as compact JSON with a proper User-Agent, twice: each list
#       whole in one GET (the issue's "raw transfer", the target's yardstick) and paged with
#       limit=500 (the very requests devk8s and kubectl send);
#   (b) `devk8s doctor -o json`, end to end;
#   (c) `kubectl get pods,pvc,events,nodes -A -o json`, for each kubectl in $KUBECTL;
# first against the simulated API server, then against a replay front that answers each URL
# from memory after its first time (the simulation's answers, byte for byte, at almost no server
# cost: what is left is each client's own work). Each is run RUNS times (default 3; against the
# replay after one warm-up run each); the tables give medians of wall time, the client's CPU
# (user + sys) and peak RSS (/usr/bin/time), and the server's CPU time during the runs.
#   bench/doctor.sh [path/to/devk8s] [RUNS]          (default: build/release/devk8s, 3)
# Environment:
#   KUBECTL     kubectl binaries to compare, space-separated (default: `kubectl` on PATH, and
#               build/debug/kubectl-1.20/usr/bin/kubectl when tests/sim/fetch_kubectl.sh put it there)
#   WALL_CLOCK=1  run the simulation on wall time (see below) instead of a fixed clock
# Prints Markdown tables for docs/BENCHMARKS.md. A benchmark, not a test; about 15 minutes.
#
# Fairness, as decided here:
# - The simulated API server runs its controllers inline before answering, once per second of its
#   clock (tests/sim/README.md); on this state that costs about 1 s of CPU under the GIL, which no
#   real apiserver charges a list. With --clock fixed they run once, at the warm-up request, and
#   every tool is measured against the same settled server. WALL_CLOCK=1 shows the other case.
#   (Concurrent requests can still set them off again: see docs/BENCHMARKS.md.)
# - No `minikube` on PATH: doctor's profile probe is then one failed PATH lookup. The simulation's
#   minikube double parses the whole 55 MB state file per call (26 s each in the debug build), which
#   real minikube (a small profile config.json) does not, so putting it on PATH would measure the
#   double. The scenario is healthy, so doctor asks no registry either way. Doctor also runs
#   `kubectl version --client` (the first kubectl on PATH) for its skew check: that is in its time.
# - kubectl gets its own --cache-dir, warmed by one `kubectl get nodes`: discovery is cached, as
#   on a user's machine.
set -euo pipefail
cd "$(dirname "$0")/.."
devk8s=${1:-build/release/devk8s}
runs=${2:-3}
[ -x "$devk8s" ] || { echo "doctor.sh: no $devk8s; build it first (cmake --build build/release --target devk8s), or pass its path" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "doctor.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
if [ -z "${KUBECTL:-}" ]; then
  KUBECTL=$(command -v kubectl || true)
  if [ -x build/debug/kubectl-1.20/usr/bin/kubectl ]; then
    KUBECTL="$KUBECTL build/debug/kubectl-1.20/usr/bin/kubectl"
  fi
fi
[ -n "${KUBECTL// /}" ] || { echo "doctor.sh: no kubectl on PATH (or set KUBECTL)" >&2; exit 2; }
if command -v minikube >/dev/null; then
  echo "doctor.sh: note: $(command -v minikube) is on PATH; doctor's minikube probe is part of its time" >&2
fi

work=$(mktemp -d /tmp/devk8s-bench-doctor-XXXXXX)
pids=()
cleanup() {
  exec 3>&- 4>&- 5>&- || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The simulation, started as scripts/sim-shell.sh starts it (both servers serve until their stdin
# closes: FIFOs whose writing ends this script holds on fds 3 and 4), plus a fixed clock.
first_line() {
  for _ in $(seq 1200); do
    if [ -s "$1" ]; then head -n 1 "$1"; return; fi
    sleep 0.1
  done
  echo "doctor.sh: $1 stayed empty" >&2
  exit 1
}
mkfifo "$work/registry.in" "$work/server.in"
python3 tests/support/local_registry.py --dir "$work/registry" --flavour plain \
  < "$work/registry.in" > "$work/registry.out" 2>&1 &
pids+=($!)
exec 3> "$work/registry.in"
host=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["host"])' "$(first_line "$work/registry.out")")
clock=()
[ "${WALL_CLOCK:-}" = 1 ] || clock=(--clock "$(date -u +%Y-%m-%dT%H:%M:%SZ)")
echo "doctor.sh: loading the large scenario (10,000 pods; about 15 s)" >&2
python3 tests/sim/apiserver/sim_apiserver.py --state "$work/state" --scenario tests/sim/scenarios/large.json \
  --registry "$host" "${clock[@]}" < "$work/server.in" > "$work/server.out" 2>&1 &
pids+=($!)
exec 4> "$work/server.in"
server_pid=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["pid"])' "$(first_line "$work/server.out")")
export KUBECONFIG=$work/state/kubeconfig NO_PROXY="127.0.0.1${NO_PROXY:+,$NO_PROXY}"
unset DEVK8S_SIM_STATE

lists=(/api/v1/pods /api/v1/persistentvolumeclaims /api/v1/persistentvolumes /apis/storage.k8s.io/v1/storageclasses
       /api/v1/nodes /api/v1/events)

# The raw transfer: one thread and one kept-alive TLS connection per list, the kubeconfig's client
# certificate and CA, Accept: application/json and a non-curl User-Agent. `whole` streams each
# body and counts its bytes; `paged` follows continue tokens at limit=500, as client-go does.
cat > "$work/fetch.py" <<'PY'
import http.client, json, re, ssl, sys, threading, time, urllib.parse
kubeconfig, mode, out, paths = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
text = open(kubeconfig).read()
field = lambda name: re.search(r"\b%s: (\S+)" % name, text).group(1)
server = urllib.parse.urlparse(field("server"))
context = ssl.create_default_context(cafile=field("certificate-authority"))
context.load_cert_chain(field("client-certificate"), field("client-key"))
headers = {"Accept": "application/json", "User-Agent": "devk8s-bench/1 (raw transfer)"}
results, start = {}, time.monotonic()
def fetch(path):
    conn = http.client.HTTPSConnection(server.hostname, server.port, context=context)
    size = pages = items = 0
    token = ""
    while True:
        query = path
        if mode == "paged":
            query += "?limit=500" + ("&continue=" + urllib.parse.quote(token) if token else "")
        conn.request("GET", query, headers=headers)
        answer = conn.getresponse()
        if answer.status != 200:
            raise SystemExit("%s: HTTP %d" % (query, answer.status))
        pages += 1
        if mode == "whole":
            while True:
                chunk = answer.read(1 << 20)
                if not chunk:
                    break
                size += len(chunk)
            break
        body = answer.read()
        size += len(body)
        page = json.loads(body)
        items += len(page["items"])
        token = page["metadata"].get("continue", "")
        if not token:
            break
    results[path] = {"seconds": time.monotonic() - start, "bytes": size, "pages": pages, "items": items}
threads = [threading.Thread(target=fetch, args=(p,)) for p in paths]
for t in threads:
    t.start()
for t in threads:
    t.join()
if len(results) != len(paths):
    raise SystemExit("fetch.py: a list failed")
with open(out, "a") as f:  # one line per run
    f.write(json.dumps(results) + "\n")
PY

# The replay front: the first GET of a URL goes to the simulation and its answer is kept; every
# later GET of that URL is answered from memory (same CA, server certificate and client
# certificate check). The simulation's continue tokens are the same run after run on a fixed
# clock, so after one warm-up run per tool the server costs almost nothing: what is left is the
# client's own work and the network.
cat > "$work/replay.py" <<'PY'
import http.client, http.server, json, os, re, ssl, sys, threading, urllib.parse
state, out_dir = sys.argv[1], sys.argv[2]
text = open(os.path.join(state, "kubeconfig")).read()
field = lambda name: re.search(r"\b%s: (\S+)" % name, text).group(1)
upstream = urllib.parse.urlparse(field("server"))
client = ssl.create_default_context(cafile=field("certificate-authority"))
client.load_cert_chain(field("client-certificate"), field("client-key"))
cache, lock = {}, threading.Lock()
class Front(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def do_GET(self):
        with lock:
            hit = cache.get(self.path)
        if hit is None:
            conn = http.client.HTTPSConnection(upstream.hostname, upstream.port, context=client)
            conn.request("GET", self.path, headers={k: v for k, v in self.headers.items() if k.lower() in ("accept", "user-agent")})
            answer = conn.getresponse()
            hit = (answer.status, answer.getheader("Content-Type", "application/json"), answer.read())
            conn.close()
            with lock:
                cache[self.path] = hit
        status, kind, body = hit
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Front)
server.daemon_threads = True
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
profile = os.path.join(state, "profiles", "minikube")
context.load_cert_chain(os.path.join(profile, "apiserver.crt"), os.path.join(profile, "apiserver.key"))
context.load_verify_locations(os.path.join(state, "ca.crt"))
context.verify_mode = ssl.CERT_REQUIRED
server.socket = context.wrap_socket(server.socket, server_side=True)
url = "https://127.0.0.1:%d" % server.server_address[1]
os.makedirs(out_dir, exist_ok=True)
kubeconfig = os.path.join(out_dir, "kubeconfig")
open(kubeconfig, "w").write(text.replace(field("server"), url))
threading.Thread(target=server.serve_forever, daemon=True).start()
print(json.dumps({"server": url, "kubeconfig": kubeconfig, "pid": os.getpid()}), flush=True)
sys.stdin.buffer.read()
PY

ticks=$(getconf CLK_TCK)
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
median() { sort -n | awk '{v[NR]=$1} END{print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

# measure NAME CMD...: one warm-up run when $warm is set, then RUNS runs against $KUBECONFIG.
# Appends "NAME wall rss_kib tool_cpu_s server_cpu_s" (medians) to rows.txt; run i's output goes
# to NAME.out.i. Exit codes 0 and 1 are accepted (doctor exits 1 when it has findings).
measure() {
  local name=$1; shift
  [ -z "${warm:-}" ] || "$@" > /dev/null 2>&1 || true
  : > "$work/$name.walls"; : > "$work/$name.rss"; : > "$work/$name.cpu"; : > "$work/$name.tool"
  for i in $(seq "$runs"); do
    local c0 c1 code=0
    c0=$(cpu_of "$watched_pid")
    /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" > "$work/$name.out.$i" 2> "$work/$name.err" || code=$?
    c1=$(cpu_of "$watched_pid")
    if [ "$code" -gt 1 ]; then
      echo "doctor.sh: $name exited $code:" >&2; tail -n 5 "$work/$name.err" >&2; exit 1
    fi
    read -r secs kib user sys < <(tail -n 1 "$work/time.txt")
    echo "$secs" >> "$work/$name.walls"; echo "$kib" >> "$work/$name.rss"
    awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f\n", u + s}' >> "$work/$name.tool"
    awk -v a="$c0" -v b="$c1" -v t="$ticks" 'BEGIN{printf "%.2f\n", (b-a)/t}' >> "$work/$name.cpu"
  done
  echo "$name $(median < "$work/$name.walls") $(median < "$work/$name.rss") $(median < "$work/$name.tool") $(median < "$work/$name.cpu")" >> "$work/rows.txt"
}
: > "$work/rows.txt"

# check_doctor PREFIX: a list doctor could not read (its deadline is 30 s) is reported, not hidden.
check_doctor() {
  python3 - "$work" "$runs" "$1" <<'PY' >&2
import json, os, sys
work, runs, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
missing = set()
for i in range(1, runs + 1):
    doc = json.load(open(os.path.join(work, "%s-devk8s.out.%d" % (prefix, i))))
    if doc["unavailable"]:
        print("doctor.sh: WARNING: %s run %d could not read %s" % (prefix, i, "; ".join(doc["unavailable"])))
        missing |= {u.split(":")[0] for u in doc["unavailable"]}
    else:
        print("checked: %s run %d: devk8s doctor read every list; healthy=%s, %d finding(s)" % (prefix, i, doc["healthy"], len(doc["findings"])))
open(os.path.join(work, "%s-devk8s.note" % prefix), "w").write(", ".join(sorted(missing)))
PY
}

kubectl_names=()
for kubectl in $KUBECTL; do
  kubectl_names+=("$("$kubectl" version --client -o json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientVersion"]["gitVersion"])')")
done

# run_all PREFIX: the four kinds of client against $KUBECONFIG, the server being $watched_pid.
run_all() {
  local prefix=$1 k=0
  for mode in whole paged; do
    measure "$prefix-raw-$mode" python3 "$work/fetch.py" "$KUBECONFIG" "$mode" "$work/$prefix-raw-$mode.jsonl" "${lists[@]}"
  done
  measure "$prefix-devk8s" "$devk8s" doctor -o json
  check_doctor "$prefix"
  for kubectl in $KUBECTL; do
    k=$((k + 1))
    "$kubectl" --cache-dir "$work/kube-cache-$k" get nodes > /dev/null
    measure "$prefix-kubectl-$k" "$kubectl" --cache-dir "$work/kube-cache-$k" get pods,pvc,events,nodes -A -o json
    python3 - "$work/$prefix-kubectl-$k.out.1" "$prefix: kubectl ${kubectl_names[$((k - 1))]}" <<'PY' >&2
import json, sys
kinds = {}
for item in json.load(open(sys.argv[1]))["items"]:
    kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
print("checked: %s listed %s" % (sys.argv[2], ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items()))))
PY
    rm -f "$work/$prefix-kubectl-$k".out.[2-9]
  done
}

# Warm-up, not measured: the controllers' one run on the fixed clock, the server's cached state.
python3 "$work/fetch.py" "$KUBECONFIG" whole "$work/warm.jsonl" "${lists[@]}"
watched_pid=$server_pid
warm=
run_all sim

mkfifo "$work/replay.in"
python3 "$work/replay.py" "$work/state" "$work/replay" < "$work/replay.in" > "$work/replay.out" 2>&1 &
pids+=($!)
exec 5> "$work/replay.in"
watched_pid=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["pid"])' "$(first_line "$work/replay.out")")
KUBECONFIG=$work/replay/kubeconfig
warm=1
run_all replay

python3 - "$work" "$runs" "${kubectl_names[@]}" <<'PY'
import json, os, sys
work, runs, kubectls = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rows = {}
for line in open(os.path.join(work, "rows.txt")):
    name, wall, kib, tool, cpu = line.split()
    rows[name] = (float(wall), int(kib), float(tool), float(cpu))
def median_run(prefix, mode):
    # the per-list figures of the run whose wall time is the median's
    rs = [json.loads(line) for line in open(os.path.join(work, "%s-raw-%s.jsonl" % (prefix, mode)))][-runs:]
    walls = [max(v["seconds"] for v in r.values()) for r in rs]
    return rs[walls.index(sorted(walls)[len(walls) // 2])]
names = {"/api/v1/pods": "pods", "/api/v1/persistentvolumeclaims": "persistentvolumeclaims",
         "/api/v1/persistentvolumes": "persistentvolumes", "/apis/storage.k8s.io/v1/storageclasses": "storageclasses",
         "/api/v1/nodes": "nodes", "/api/v1/events": "events"}
sw, sp, rw, rp = median_run("sim", "whole"), median_run("sim", "paged"), median_run("replay", "whole"), median_run("replay", "paged")
print("Raw transfer per list, in parallel (the median run's time at which each list was complete):\n")
print("| list | items | bytes | pages by 500 | simulation: whole (s) | simulation: paged (s) | replay: whole (s) | replay: paged (s) |")
print("|---|---|---|---|---|---|---|---|")
for path, name in names.items():
    print("| %s | %d | %.2f MB | %d | %.2f | %.2f | %.2f | %.2f |" % (name, sp[path]["items"], sw[path]["bytes"] / 1e6, sp[path]["pages"],
          sw[path]["seconds"], sp[path]["seconds"], rw[path]["seconds"], rp[path]["seconds"]))
last = lambda r: max(v["seconds"] for v in r.values())
total_whole = sum(v["bytes"] for v in sw.values())
total_paged = sum(v["bytes"] for v in sp.values())
print("| all six | %d | %.2f MB | %d | %.2f | %.2f | %.2f | %.2f |" % (sum(v["items"] for v in sp.values()), total_whole / 1e6,
      sum(v["pages"] for v in sp.values()), last(sw), last(sp), last(rw), last(rp)))
kubectl_bytes = sum(sp[x]["bytes"] for x in ("/api/v1/pods", "/api/v1/persistentvolumeclaims", "/api/v1/events", "/api/v1/nodes"))
def walls(name):
    return " ".join(l.strip() for l in open(os.path.join(work, name + ".walls")))
for prefix, title in (("sim", "Against the simulated API server"), ("replay", "Against the replay front (the simulation's answers from memory)")):
    print("\n%s (median of %d runs):\n" % (title, runs))
    print("| what | lists | bytes received | wall (s) | runs (s) | its CPU (s) | peak RSS (MiB) | RSS / bytes | server's CPU (s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    table = [("raw-whole", "raw transfer, each list whole (Python, 6 threads)", 6, total_whole),
             ("raw-paged", "raw transfer, paged by 500 (Python, 6 threads)", 6, total_paged),
             ("devk8s", "`devk8s doctor -o json`", 6, total_paged)]
    note = open(os.path.join(work, "%s-devk8s.note" % prefix)).read()
    if note:
        table[-1] = ("devk8s", "`devk8s doctor -o json` (**incomplete**: %s not read in some runs)" % note, 6, total_paged)
    table += [("kubectl-%d" % (i + 1), "`kubectl get pods,pvc,events,nodes -A -o json` (%s)" % v, 4, kubectl_bytes)
              for i, v in enumerate(kubectls)]
    for key, label, n, size in table:
        wall, kib, tool, cpu = rows["%s-%s" % (prefix, key)]
        print("| %s | %d | %.1f MB | %.2f | %s | %.2f | %.0f | %.2f | %.2f |" % (label, n, size / 1e6, wall, walls("%s-%s" % (prefix, key)),
                                                                         tool, kib / 1024, kib * 1024 / size, cpu))
    d = rows[prefix + "-devk8s"]
    print()
    print("- devk8s / raw transfer of whole lists: %.2f× (target ≤ 1.5×)" % (d[0] / rows[prefix + "-raw-whole"][0]))
    print("- devk8s / raw transfer paged by 500 (the same requests): %.2f×" % (d[0] / rows[prefix + "-raw-paged"][0]))
    for i, v in enumerate(kubectls):
        print("- kubectl %s / devk8s: %.1f× (target ≥ 8×)" % (v, rows["%s-kubectl-%d" % (prefix, i + 1)][0] / d[0]))
    print("- devk8s peak RSS / bytes received: %.2f× (target ≤ 2×)" % (d[1] * 1024 / total_paged))
PY
