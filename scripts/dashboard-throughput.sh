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

rounds=${ROUNDS:-3}

run_headless() { "$bin" train "$config" --epochs "$epochs" | grep 'Training throughput' | grep -o '[0-9]*'; }

run_dashboard() {
  tmux_ new-session -d -s "$session" -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=tmux-256color \
    "'$bin' '$config' --epochs $epochs"
  local rate=""
  for _ in $(seq 1 600); do
    line=$(tmux_ capture-pane -p -t "$session" | grep -o 'trained at [0-9,]* samples/s' || true)
    if [ -n "$line" ]; then rate=$(echo "$line" | grep -o '[0-9,]*' | head -1 | tr -d ,); break; fi
    sleep 0.5
  done
  tmux_ send-keys -t "$session" q
  sleep 0.5
  tmux_ kill-server 2>/dev/null || true
  [ -n "$rate" ] || { echo "the dashboard run did not finish" >&2; exit 1; }
  echo "$rate"
}

# Interleaved rounds, so that a change in the machine's load hits both sides alike.
echo "config $config, $epochs epochs, $rounds rounds (samples/s, training only)"
ratios=()
for round in $(seq 1 "$rounds"); do
  headless=$(run_headless)
  dashboard=$(run_dashboard)
  ratio=$(( dashboard * 1000 / headless ))
  ratios+=("$ratio")
  printf 'round %d: headless %d, dashboard %d (%d.%d%% of headless)\n' "$round" "$headless" "$dashboard" $((ratio / 10)) $((ratio % 10))
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | sed -n "$(( (rounds + 1) / 2 ))p")
printf 'median: dashboard at %d.%d%% of headless\n' $((median / 10)) $((median % 10))
