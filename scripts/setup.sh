#!/usr/bin/env bash
# Installs what devk8s needs on Debian 12 (apt-get, as root or through sudo) and builds it.
# Idempotent: installed packages are skipped, and the build is incremental.
#   scripts/setup.sh              install packages, build build/release/devk8s
#   scripts/setup.sh --deps-only  install packages only
set -euo pipefail
cd "$(dirname "$0")/.."

deps_only=0
[ "${1:-}" = "--deps-only" ] && deps_only=1

mapfile -t packages < <(grep -vE '^\s*(#|$)' scripts/apt-packages.txt)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
[ $deps_only -eq 1 ] && exit 0

cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DDEVK8S_BUILD_TESTS=OFF >/dev/null
# Everything the install needs: the binary, its man page and completion scripts.
cmake --build build/release -j"$(nproc)"
echo "setup: built build/release/devk8s" >&2
