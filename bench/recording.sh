#!/usr/bin/env bash
# What recording a run costs: trains each config with and without recording (--no-record),
# interleaved, ROUNDS times, and prints the median training throughput both ways and their
# ratio (the recorder must cost at most 2%). Usage:
#   bench/recording.sh [path/to/neurotop]      (default: the release build)
# Environment: ROUNDS (default 7).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/release/neurotop}")
rounds="${ROUNDS:-7}"
runs=$(mktemp -d)
trap 'rm -rf "$runs"' EXIT

rate() { "$bin" train "$@" --json | sed -n '$p' | python3 -c "import json,sys; print(json.load(sys.stdin)['train_samples_per_second'])"; }
median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }

echo "# recording cost, $(date -u +%Y-%m-%d), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores"
printf '%-14s %6s %14s %14s %7s\n' config rounds "recorded/s" "unrecorded/s" ratio
for spec in "mlp-tanh-1 --epochs 1" "cnn-mp-conv --epochs 1 --steps-per-epoch 150"; do
  read -r -a args <<<"$spec"
  on=()
  off=()
  for round in $(seq "$rounds"); do
    # Alternate which goes first, so drift in the machine's load falls on both.
    if [ $((round % 2)) -eq 1 ]; then
      on+=("$(rate "${args[@]}" --runs "$runs")")
      off+=("$(rate "${args[@]}" --no-record)")
    else
      off+=("$(rate "${args[@]}" --no-record)")
      on+=("$(rate "${args[@]}" --runs "$runs")")
    fi
  done
  m_on=$(median "${on[@]}")
  m_off=$(median "${off[@]}")
  printf '%-14s %6d %14.0f %14.0f %7.4f\n' "${args[0]}" "$rounds" "$m_on" "$m_off" \
    "$(python3 -c "print($m_on / $m_off)")"
  echo "#   recorded:   ${on[*]}"
  echo "#   unrecorded: ${off[*]}"
done
