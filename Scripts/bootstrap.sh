#!/usr/bin/env bash
# Installs the Debian packages blotter builds against, if any is missing (needs root or sudo).
set -euo pipefail
need=()
for p in libxml2-dev libstemmer-dev zlib1g-dev liblz4-dev pkg-config; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing: ${need[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
