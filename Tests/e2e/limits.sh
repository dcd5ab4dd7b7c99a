#!/usr/bin/env bash
# End-to-end test of the limits a run meets before it starts: memory (ulimit -v), a config pipe
# that nothing writes to, and a config far larger than any config. Each must end with one clear
# line and a non-zero exit, never a backtrace or a hang.
#
# Usage: Tests/e2e/limits.sh [path/to/neurotop]   (default: the release build)
source "$(dirname "$0")/lib/checks.bash" "$@"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# one_clean_line "$out": exactly one line, and nothing of a crash.
one_clean_line() {
  [ "$(grep -c . <<<"$1")" -eq 1 ] && ! grep -qE 'Fatal error|Backtrac|crashed|Registers' <<<"$1"
}

# About 5 GiB of activations under a 1 GB address space: refused by the plan's estimate.
out=$(ulimit -v 1000000; "$bin" train cnn-mp-conv --batch-size 20000 2>&1); status=$?
echo "$out" | sed 's/^/  | /'
check "a batch too large for ulimit -v is refused (exit $status)" '[ $status -ne 0 ]'
check "in one line that names the limit" \
  'one_clean_line "$out" && grep -q "this process can spare under the .* address-space limit (ulimit -v)" <<<"$out"'

# Weights that pass the size limits but not ulimit -v: allocated while the config is read.
cat >"$scratch/wide.yaml" <<'YAML'
name: Wide
model:
  input: [784]
  layers:
    - Dense: {units: 16384, activation: relu}
    - Dense: {units: 16384, activation: relu}
    - Dense: {units: 10, activation: softmax}
compile: {loss: categorical_crossentropy, optimizer: adam}
YAML
out=$(ulimit -v 1500000; "$bin" train "$scratch/wide.yaml" 2>&1); status=$?
echo "$out" | sed 's/^/  | /'
check "weights beyond ulimit -v end the run (exit $status)" '[ $status -ne 0 ]'
check "in one line that says out of memory" 'one_clean_line "$out" && grep -q "^neurotop: out of memory" <<<"$out"'

# A named pipe with no writer: the wait for data ends after 10 s.
mkfifo "$scratch/silent.yaml"
start=$SECONDS
out=$(timeout 60 "$bin" train "$scratch/silent.yaml" 2>&1); status=$?
elapsed=$((SECONDS - start))
echo "$out" | sed 's/^/  | /'
check "a pipe nobody writes to is given up on (exit $status after ${elapsed}s)" \
  '[ $status -ne 0 ] && [ $status -ne 124 ] && [ $elapsed -le 30 ]'
check "in one line that says so" 'one_clean_line "$out" && grep -q "nothing arrived for 10 s" <<<"$out"'

# A 900 KB list: refused while still text, at once.
{ printf 'name: big\nmodel:\n  input: [784]\n  layers:\n'; yes '    - 0' | head -n 110000; } >"$scratch/big.yaml"
start=$(date +%s%N)
out=$("$bin" train "$scratch/big.yaml" 2>&1); status=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
echo "$out" | sed 's/^/  | /'
check "a huge list is refused (exit $status) in ${elapsed_ms} ms" '[ $status -ne 0 ] && [ $elapsed_ms -lt 3000 ]'
check "in one line that counts the values" 'one_clean_line "$out" && grep -q "more than 10000 YAML values" <<<"$out"'

finish "limits e2e"
