#!/usr/bin/env bash
# Puts Debian's kubectl 1.20.2 (package kubernetes-client, the seed case's Kubernetes version)
# at DEST/usr/bin/kubectl without installing it: the system's `kubectl` package owns
# /usr/bin/kubectl too, so the two cannot be installed side by side (issue #5).
# Idempotent: does nothing when DEST/usr/bin/kubectl is already there.
# Usage: tests/sim/fetch_kubectl.sh DEST
set -euo pipefail
dest=${1:?usage: fetch_kubectl.sh DEST}
if [[ -x "$dest/usr/bin/kubectl" ]]; then
  exit 0
fi
mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt-get download needs the package lists; a fresh machine may not have them yet.
if ! (cd "$work" && apt-get download kubernetes-client >/dev/null 2>&1); then
  apt-get update >/dev/null
  (cd "$work" && apt-get download kubernetes-client >/dev/null)
fi
dpkg-deb -x "$work"/kubernetes-client_*.deb "$dest"
"$dest/usr/bin/kubectl" version --client --short >/dev/null
