#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/FuzzConfig: the YAML config reader; fuzz/FuzzIDX: the
# IDX/gzip reader; fuzz/FuzzCheckpoint: the safetensors checkpoint and run-snapshot reader;
# fuzz/FuzzEvents: the events.jsonl and run.json readers; fuzz/FuzzTFEvents: `neurotop watch`'s
# TensorBoard event file reader; fuzz/FuzzEventStream: its events.jsonl reader) with
# AddressSanitizer and runs each for SECONDS (default 60, as CI does).
#
# Usage: scripts/fuzz.sh [SECONDS] [HARNESS...]     e.g. scripts/fuzz.sh 600 FuzzConfig
#
# Seeds come from the repository (bundled configs, the test configs, fuzz/corpus/); what the
# fuzzer adds goes to a scratch directory removed afterwards. A crash leaves its input in
# .build-fuzz/crashes/ and fails the script: turn it into a regression test in the normal suite.
# libFuzzer's last lines (executions, coverage) are printed for each harness.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(FuzzConfig FuzzIDX FuzzCheckpoint FuzzEvents FuzzTFEvents FuzzEventStream)

# libFuzzer's runtime ships with the Swift toolchain (lib/clang/*/lib/linux/); a toolchain
# trimmed of it cannot link the harnesses.
toolchain=$(dirname "$(readlink -f "$(command -v swift)")")/..
if ! compgen -G "$toolchain/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a" >/dev/null; then
  echo "no libFuzzer runtime under $toolchain/lib/clang: install the full Swift toolchain from swift.org"
  exit 1
fi

scratch=.build-fuzz
mkdir -p "$scratch"
export NEUROTOP_FUZZ=1
for harness in "${harnesses[@]}"; do
  echo "== building $harness"
  # The linker warns once per sanitizer symbol ("Cannot export local symbol"): kept out of sight.
  if ! swift build --scratch-path "$scratch" -c release -Xswiftc -sanitize=fuzzer,address --product "$harness" \
      >"$scratch/build.log" 2>&1; then
    grep -v 'Cannot export local symbol' "$scratch/build.log" | tail -30
    exit 1
  fi
  grep -E 'Build of product' "$scratch/build.log" || true
done
bin=$(swift build --scratch-path "$scratch" -c release --show-bin-path)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$scratch/crashes"
status=0
for harness in "${harnesses[@]}"; do
  case $harness in
    FuzzConfig) seeds=(configs Tests/ExperimentsTests/valid_configs Tests/ExperimentsTests/invalid_configs fuzz/corpus/config)
      options=(-max_len=4096 -dict=fuzz/yaml.dict) ;;
    FuzzIDX) seeds=(fuzz/corpus/idx)
      options=(-max_len=1024) ;;
    FuzzCheckpoint) seeds=(fuzz/corpus/checkpoint)
      options=(-max_len=4096 -dict=fuzz/safetensors.dict) ;;
    FuzzEvents) seeds=(fuzz/corpus/events)
      options=(-max_len=16384 -dict=fuzz/events.dict) ;;
    FuzzTFEvents) seeds=(fuzz/corpus/tfevents)
      options=(-max_len=8192 -dict=fuzz/tfevents.dict) ;;
    FuzzEventStream) seeds=(fuzz/corpus/event-stream fuzz/corpus/events)
      options=(-max_len=16384 -dict=fuzz/events.dict) ;;
    *) echo "unknown harness $harness (FuzzConfig, FuzzIDX, FuzzCheckpoint, FuzzEvents, FuzzTFEvents, FuzzEventStream)"
      exit 2 ;;
  esac
  mkdir -p "$work/$harness"
  echo "== fuzzing $harness for ${seconds}s"
  log="$work/$harness.log"
  start=$(date +%s)
  # -rss_limit_mb: a config may legitimately build a model of a few hundred MB.
  if TMPDIR="$work" "$bin/$harness" "$work/$harness" "${seeds[@]}" "${options[@]}" \
      -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix="$scratch/crashes/$harness-" >"$log" 2>&1; then
    result=passed
  else
    result=FAILED
    status=1
    grep -E -A 30 'ERROR|Fatal|crash|deadly|timeout|out-of-memory' "$log" | head -60 || true
  fi
  grep -E '^#[0-9]+.*(DONE|INITED)' "$log" | tail -2 || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
  echo "$harness: $result after $(($(date +%s) - start))s"
done
exit $status
