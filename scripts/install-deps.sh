#!/usr/bin/env bash
# Installs the system libraries neurotop links against (Debian/Ubuntu):
# BLIS (matrix products, linked), OpenBLAS (matrix products, opened at start when present: on some
# CPUs its kernels are faster; it also becomes the system's default libblas.so.3, which neurotop
# does not use), zlib (gzip'd IDX files), ncursesw (the dashboard), tmux (end-to-end test),
# rsvg-convert (renders `neurotop plot`'s SVG to PNG in its test).
set -euo pipefail
packages=(libblis-dev libopenblas0-pthread zlib1g-dev libncursesw5-dev tmux librsvg2-bin)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
