#!/usr/bin/env bash
# Rewrite throughput: devk8s mirror rewrite, kubectl kustomize's images: transformer, and sed,
# in one run on the same machine. Results are printed as a Markdown table for docs/BENCHMARKS.md.
#   bench/rewrite.sh [DOCUMENTS] [KUSTOMIZE_DOCUMENTS]
# kustomize runs once, on a slice (default 5,000 documents, the size the issue measured): it is
# superlinear (here 2,000 documents take 8 s, 5,000 take 95 s), so the whole 50 MB stream is out
# of reach. devk8s runs on the same slice too, and both ratios are reported.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-75000}
kdocs=${2:-5000}
out=bench/out
mkdir -p "$out"
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
[ -x build/release/devk8s ] || scripts/setup.sh

python3 bench/gen_manifests.py "$docs" > "$out/stream.yaml"
python3 bench/gen_manifests.py "$kdocs" > "$out/slice.yaml"
bytes=$(stat -c %s "$out/stream.yaml")
kbytes=$(stat -c %s "$out/slice.yaml")

# measure RUNS NAME BYTES CMD...: wall seconds and peak RSS (KiB), best of RUNS.
measure() {
  local runs=$1 name=$2 size=$3; shift 3
  local best="" rss=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > "$out/$name.out"
    read -r secs kib < "$out/time.txt"
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; rss=$kib; fi
  done
  local mbs
  mbs=$(awk "BEGIN{printf \"%.3f\", ($size/1e6)/($best>0?$best:0.001)}")
  echo "$name $size $best $rss $mbs"
}

devk8s_row=$(measure 3 devk8s "$bytes" build/release/devk8s mirror rewrite --mirror cn "$out/stream.yaml")
sed_row=$(measure 3 sed "$bytes" sed -e 's#image: "busybox:#image: "docker.m.daocloud.io/library/busybox:#' \
  -e 's#image: k8s.gcr.io/metrics-server/metrics-server:#image: registry.cn-hangzhou.aliyuncs.com/google_containers/metrics-server:#' \
  -e "s#image: 'quay.io/#image: 'quay.m.daocloud.io/#" "$out/stream.yaml")

mkdir -p "$out/kustomize"
cp "$out/slice.yaml" "$out/kustomize/slice.yaml"
cat > "$out/kustomize/kustomization.yaml" <<'KEOF'
resources: [slice.yaml]
images:
- name: busybox
  newName: docker.m.daocloud.io/library/busybox
- name: k8s.gcr.io/metrics-server/metrics-server
  newName: registry.cn-hangzhou.aliyuncs.com/google_containers/metrics-server
- name: quay.io/prometheus/node-exporter
  newName: quay.m.daocloud.io/prometheus/node-exporter
KEOF
kustomize_row=$(measure 1 kustomize "$kbytes" kubectl kustomize "$out/kustomize")

# The same slice through devk8s, to compare like with like.
devk8s_slice_row=$(measure 3 devk8s-slice "$kbytes" build/release/devk8s mirror rewrite --mirror cn "$out/slice.yaml")

# Every image changed the same way in devk8s's and sed's output (sed is the ceiling, not a peer in correctness).
changed=$(grep -c 'image: .*\(daocloud\|aliyuncs\)' "$out/devk8s.out" || true)
echo "checked: devk8s rewrote $changed image lines of $((docs * 3))" >&2

echo "| tool | input | wall (s) | MB/s | peak RSS (MiB) | RSS / input |"
echo "|---|---|---|---|---|---|"
for row in "$devk8s_row" "$sed_row" "$kustomize_row" "$devk8s_slice_row"; do
  read -r name size secs kib mbs <<< "$row"
  awk -v n="$name" -v s="$size" -v t="$secs" -v k="$kib" -v m="$mbs" 'BEGIN{
    printf "| %s | %.1f MB | %s | %s | %.1f | %.2f |\n", n, s/1e6, t, (m<1?sprintf("%.3f",m):sprintf("%.1f",m)), k/1024, (k*1024)/s }'
done
read -r _ _ _ _ devk8s_mbs <<< "$devk8s_row"
read -r _ _ _ _ sed_mbs <<< "$sed_row"
read -r _ _ kust_secs _ kust_mbs <<< "$kustomize_row"
read -r _ _ slice_secs _ _ <<< "$devk8s_slice_row"
awk -v d="$devk8s_mbs" -v s="$sed_mbs" -v k="$kust_mbs" -v ks="$kust_secs" -v ds="$slice_secs" 'BEGIN{
  printf "\ndevk8s / kustomize (MB/s, full stream vs slice): %.0f×\n", d/k
  printf "devk8s / kustomize (same slice, wall time): %.0f×\n", ks/(ds>0?ds:0.01)
  printf "devk8s / sed (MB/s): %.2f×\n", d/s }'
