#!/usr/bin/env bash
# End-to-end test of the GEMM kernel choice against a built binary: a bad BLIS_ARCH_TYPE or
# NEUROTOP_GEMM stops every command with one line (BLIS itself would abort with a backtrace at
# its first call), each kernel can be forced and trains to the same accuracy, and `bench`
# prints the choice with the runner-up, measured once and then cached.
# With a debug test build present, also runs the engine's gradient checks under each kernel.
#
# Usage: Tests/e2e/gemm.sh [path/to/neurotop]   (default: the release build)
source "$(dirname "$0")/lib/checks.bash" "$@"
export XDG_CACHE_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT
quick=(--epochs 1 --steps-per-epoch 5)
commands=("list" "summary mlp-tanh-1" "train mlp-tanh-1 ${quick[*]}" "grads mlp-tanh-1 --samples 100"
  "bench mlp-tanh-1 --steps 5 --repeats 1" "mlp-tanh-1")

for value in 99 13 bogus ""; do
  for command in "${commands[@]}"; do
    # shellcheck disable=SC2086
    err=$(BLIS_ARCH_TYPE=$value TERM=xterm timeout 60 "$bin" $command 2>&1 </dev/null); status=$?
    check "BLIS_ARCH_TYPE='$value' neurotop $command: exit 1, one line (exit $status)" \
      '[ $status -eq 1 ] && [ $(wc -l <<<"$err") -eq 1 ] && grep -q "^neurotop: BLIS_ARCH_TYPE=$value \(is not\|selects\).*unset it" <<<"$err"'
  done
done
echo "  | $err"
err=$(NEUROTOP_GEMM=own "$bin" list 2>&1); status=$?
check "NEUROTOP_GEMM=own: exit 1, one line naming the choices" \
  '[ $status -eq 1 ] && [ $(wc -l <<<"$err") -eq 1 ] && grep -q "^neurotop: NEUROTOP_GEMM=own is not a GEMM kernel: set it to one of blis-skx, blis-haswell,.* openblas" <<<"$err"'
err=$(NEUROTOP_GEMM=blis-skx BLIS_ARCH_TYPE=3 "$bin" list 2>&1); status=$?
check "NEUROTOP_GEMM and BLIS_ARCH_TYPE that disagree: exit 1" '[ $status -eq 1 ] && grep -q "contradicts" <<<"$err"'

out=$(BLIS_ARCH_TYPE=3 "$bin" bench mlp-tanh-1 --steps 5 --repeats 1 2>&1); status=$?
check "a valid BLIS_ARCH_TYPE is used, also by bench's kernel line (exit $status)" \
  '[ $status -eq 0 ] && grep -q "^GEMM: .*blis-haswell (BLIS haswell)" <<<"$out"'

accuracies=()
for kernel in blis-skx blis-haswell openblas; do
  out=$(NEUROTOP_GEMM=$kernel "$bin" train mlp-tanh-1 --epochs 1 --steps-per-epoch 300 --json 2>&1); status=$?
  accuracy=$(grep '"event":"result"' <<<"$out" | grep -oE '"test_accuracy":[0-9.]+' | cut -d: -f2)
  if grep -q "cannot run\|cannot be loaded\|not a GEMM kernel" <<<"$out"; then
    echo "  skipped: $kernel is not available on this machine"
    continue
  fi
  check "NEUROTOP_GEMM=$kernel trains (test accuracy $accuracy)" '[ $status -eq 0 ] && [ -n "$accuracy" ]'
  accuracies+=("$accuracy")
  bench=$(NEUROTOP_GEMM=$kernel "$bin" bench mlp-tanh-1 --steps 5 --repeats 1 | head -1)
  check "bench says $kernel is forced: $bench" 'grep -q "^GEMM: $kernel (.*), set by NEUROTOP_GEMM$" <<<"$bench"'
done
spread=$(printf "%s\n" "${accuracies[@]}" | sort -n | awk 'NR == 1 { low = $1 } { high = $1 } END { print high - low }')
check "the kernels train to the same accuracy within summation-order noise (spread $spread)" \
  'awk -v s="$spread" "BEGIN { exit !(s < 0.01) }"'

# The engine's gradient checks under each kernel, one process per BLIS sub-configuration (BLIS
# takes one per process), when a debug test build is present.
if ls .build/debug/*.xctest >/dev/null 2>&1 && command -v swift >/dev/null; then
  for kernel in blis-skx blis-haswell openblas; do
    NEUROTOP_GEMM=$kernel "$bin" list >/dev/null 2>&1 || { echo "  skipped: $kernel tests"; continue; }
    out=$(NEUROTOP_GEMM=$kernel swift test --skip-build --filter "gradientChecksPassOnEveryKernel|everyKernelAgrees" 2>&1)
    status=$?
    check "gradient checks and products within float32 rounding under NEUROTOP_GEMM=$kernel" \
      '[ $status -eq 0 ] && grep -q "gradientChecksPassOnEveryKernel.* passed" <<<"$out"'
  done
fi

# Earlier runs above (a valid BLIS_ARCH_TYPE) may have cached figures already: start afresh.
rm -rf "$XDG_CACHE_HOME/neurotop"
first=$("$bin" bench mlp-tanh-1 --steps 5 --repeats 1 | head -1)
again=$("$bin" bench mlp-tanh-1 --steps 5 --repeats 1 | head -1)
echo "  | $first"
echo "  | $again"
if grep -q "only kernel" <<<"$first"; then
  check "without OpenBLAS, BLIS is the only kernel" 'grep -q "^GEMM: blis-" <<<"$first"'
else
  check "bench prints the chosen kernel and the runner-up with both speeds" \
    'grep -qE "^GEMM: [a-z-]+ \(.*\) [0-9.]+ GFLOP/s, runner-up [a-z-]+ \(.*\) [0-9.]+ GFLOP/s \(start-up probe\)$" <<<"$first"'
  check "the next start reads the cached figures" 'grep -q "(start-up probe, cached)$" <<<"$again"'
  check "cached in \$XDG_CACHE_HOME/neurotop/gemm-probe" '[ -s "$XDG_CACHE_HOME/neurotop/gemm-probe" ]'
fi
finish "gemm"
