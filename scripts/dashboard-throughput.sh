#!/usr/bin/env bash
# Compares training throughput with the dashboard drawing (120x40 tmux) against headless
# `neurotop train` on the same config, as the trainer reports it at the end of the run.
#
# Usage: scripts/dashboard-throughput.sh [path/to/neurotop] [config] [epochs]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/release/neurotop}")
config=${2:-mlp-tanh-4}
epochs=${3:-3}
session="neurotop-bench-$$"
tmux_() { tmux -L "$session" -f /dev/null "$@"; }
trap 'tmux_ kill-server 2>/dev/null || true' EXIT

headless=$("$bin" train "$config" --epochs "$epochs" | grep 'Training throughput' | grep -o '[0-9]*')

tmux_ new-session -d -s "$session" -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=tmux-256color \
  "'$bin' '$config' --epochs $epochs"
dashboard=""
for _ in $(seq 1 600); do
  line=$(tmux_ capture-pane -p -t "$session" | grep -o 'trained at [0-9,]* samples/s' || true)
  if [ -n "$line" ]; then dashboard=$(echo "$line" | grep -o '[0-9,]*' | head -1 | tr -d ,); break; fi
  sleep 0.5
done
tmux_ send-keys -t "$session" q
[ -n "$dashboard" ] || { echo "the dashboard run did not finish"; exit 1; }
echo "config $config, $epochs epochs"
echo "headless:  $headless samples/s"
echo "dashboard: $dashboard samples/s ($(( dashboard * 100 / headless ))% of headless)"
