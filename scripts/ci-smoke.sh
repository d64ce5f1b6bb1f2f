#!/usr/bin/env bash
# The whole recipe for a CI job that needs a throwaway Kubernetes cluster (docs/ci.md):
#   1. minikube and kubectl installed if missing (devk8s install, verified downloads),
#   2. devk8s start: preflight, every image checked on the mirror, minikube start, repairs, a
#      verified healthy cluster. Its size comes from the runner's cgroup limits (a job's CPU quota
#      and memory limit, which devk8s start turns into --cpus and --memory where they are below
#      the host's), unless DEVK8S_CPUS / DEVK8S_MEMORY say,
#   3. devk8s smoke -o junit: storage, services and DNS, jobs; the JUnit report and, on a failure,
#      the doctor's chains, the objects' events and minikube's logs in the report directory,
#   4. minikube delete at the end, whatever happened (a trap).
# Its exit code is the job's verdict: 0 smoke passed; otherwise the failing step's.
#
# Environment (all optional):
#   DEVK8S              the devk8s binary (default: devk8s on PATH)
#   DEVK8S_MIRROR       mirror map for images and downloads, e.g. cn (devk8s mirror list)
#   DEVK8S_PROFILE      minikube profile (default: devk8s-ci)
#   DEVK8S_CPUS, DEVK8S_MEMORY   the cluster's size, when the runner's limits are not what to use
#   DEVK8S_REPORT_DIR   where the reports go (default: ./devk8s-report); publish it as an artifact
#   DEVK8S_TIMEOUT      smoke's --timeout (default: 10m)
#   DEVK8S_START_FLAGS, DEVK8S_SMOKE_FLAGS   more flags for start and smoke (split on spaces)
#   DEVK8S_KEEP_CLUSTER=1   skip the final minikube delete (to look at a failure by hand)
set -uo pipefail
shopt -s nullglob

devk8s=${DEVK8S:-devk8s}
profile=${DEVK8S_PROFILE:-devk8s-ci}
report=${DEVK8S_REPORT_DIR:-devk8s-report}
timeout=${DEVK8S_TIMEOUT:-10m}
read -r -a start_extra <<< "${DEVK8S_START_FLAGS:-}"
read -r -a smoke_extra <<< "${DEVK8S_SMOKE_FLAGS:-}"
mirror=()
[ -n "${DEVK8S_MIRROR:-}" ] && mirror=(--mirror "$DEVK8S_MIRROR")
size=()
[ -n "${DEVK8S_CPUS:-}" ] && size+=(--cpus "$DEVK8S_CPUS")
[ -n "${DEVK8S_MEMORY:-}" ] && size+=(--memory "$DEVK8S_MEMORY")

say() { echo "ci-smoke: $*" >&2; }

# Where devk8s install puts minikube and kubectl: the rest of the job must find them there.
export PATH="$HOME/.local/bin:$PATH"

if ! command -v "$devk8s" >/dev/null 2>&1; then
  say "devk8s not found (\"$devk8s\"): install it (README: Install), or set DEVK8S to its path"
  exit 127
fi
mkdir -p "$report" || exit 1
# A report left by an earlier run in the same workspace must not pass for this one's.
rm -f "$report"/{junit.xml,smoke.json,doctor.json,doctor.txt,objects.txt,minikube-logs.txt,start.log}

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  local rc=$?
  if [ "${DEVK8S_KEEP_CLUSTER:-}" = 1 ]; then
    say "keeping profile $profile (DEVK8S_KEEP_CLUSTER=1)"
  elif command -v minikube >/dev/null 2>&1; then
    say "deleting profile $profile"
    minikube delete -p "$profile" >&2 || say "minikube delete -p $profile failed"
  else
    say "minikube is not on PATH: profile $profile was NOT deleted"
  fi
  local files=("$report"/*)
  say "reports in $report/: ${files[*]##*/}"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. The tools. devk8s start would offer them too; installing first keeps each step's log apart.
for tool in minikube kubectl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    say "installing $tool"
    "$devk8s" install "$tool" "${mirror[@]}" || exit
  fi
done

# 2. The cluster.
say "starting profile $profile"
# Its report and progress in the job's log and in start.log (pipefail: the exit code is start's).
"$devk8s" start -p "$profile" --yes "${mirror[@]}" "${size[@]}" "${start_extra[@]}" 2>&1 | tee "$report/start.log"
rc=$?
if [ $rc -ne 0 ]; then
  say "devk8s start failed (exit $rc); collecting minikube's logs"
  minikube logs -p "$profile" --length 200 > "$report/minikube-logs.txt" 2>&1 || true
  exit $rc
fi

# 3. The smoke test: the JUnit report on stdout (and in $report with the rest). It goes to a
# temporary file first, so a run that ends before reporting leaves no empty junit.xml for the
# CI system to choke on.
say "smoke-testing profile $profile"
"$devk8s" smoke -p "$profile" -o junit --timeout "$timeout" --report-dir "$report" "${mirror[@]}" \
  "${smoke_extra[@]}" > "$report/.junit.xml.part"
rc=$?
if [ -s "$report/.junit.xml.part" ]; then
  mv "$report/.junit.xml.part" "$report/junit.xml"
else
  rm -f "$report/.junit.xml.part"
fi
if [ $rc -eq 0 ]; then
  say "smoke passed"
else
  say "smoke failed (exit $rc): $report/doctor.txt says why"
  [ -f "$report/doctor.txt" ] && cat "$report/doctor.txt" >&2
fi
exit $rc
