#!/usr/bin/env bash
# End-to-end test of training on both cores (CorePair): every bundled kind of model trains to the
# same figures, to the last digit, on two cores as on one (NEUROTOP_ONE_CORE=1, and a process held
# to one CPU by taskset); `bench` says what the products reach on both cores only where there are two.
#
# Usage: Tests/e2e/cores.sh [path/to/neurotop]   (default: the release build)
source "$(dirname "$0")/lib/checks.bash" "$@"

# figures CONFIG STEPS [env...]: the loss and accuracy figures of one short epoch, timings left out.
figures() {
  local config=$1 steps=$2
  shift 2
  env "$@" "$bin" train "$config" --epochs 1 --steps-per-epoch "$steps" --no-record --json \
    | grep -E '"event":"(epoch_end|result)"' | grep -oE '"(loss|accuracy|validation_loss|validation_accuracy|test_loss|test_accuracy)":[^,}]*' \
    | tr '\n' ' '
}

if [ "$(nproc)" -lt 2 ]; then
  echo "  (one CPU here: nothing runs on two cores)"
fi
# A Dense MLP (split products, Adam), BatchNorm over features, a BatchNorm CNN (convolution
# workers, BatchNorm over planes, max pooling), tied-weight pre-training.
for case in "mlp-tanh-1 300" "mlp-linear-bn-1 100" "cnn-mp-conv 300" "ae-pretrain 60"; do
  read -r config steps <<<"$case"
  both=$(figures "$config" "$steps")
  one=$(figures "$config" "$steps" NEUROTOP_ONE_CORE=1)
  echo "  | $config both cores: ${both: -170}"
  check "$config: the same figures on one core" '[ -n "$both" ] && [ "$both" = "$one" ]' || echo "  | one core:   $one"
done
pinned=$(taskset -c 0 bash -c "$(declare -f figures); bin=$bin; figures cnn-mp-conv 300")
check "cnn-mp-conv held to one CPU by taskset: the same figures" '[ "$pinned" = "$(figures cnn-mp-conv 300)" ]'
out=$(taskset -c 0 "$bin" bench mlp-tanh-1 --steps 50 --repeats 1)
check "held to one CPU, bench does not split products" '! grep -q "both cores" <<<"$out" && grep -q "^mlp-tanh-1 " <<<"$out"'

out=$("$bin" bench mlp-tanh-1 --steps 50 --repeats 1)
echo "$out" | sed 's/^/  | /'
if [ "$(nproc)" -ge 2 ]; then
  check "bench shows the sgemm speed on both cores" 'grep -qE "^    sgemm on both cores [0-9.]+ GFLOP/s: training at [0-9]+% of it" <<<"$out"'
fi
if grep -qw avx512f /proc/cpuinfo; then
  check "bench names the own AVX-512 kernel" \
    'grep -q "^      products of 1-16 or 97-112 columns, or of depth 1-16: neurotop.s own AVX-512 kernels$" <<<"$out"'
  forced=$(NEUROTOP_GEMM=blis-haswell "$bin" bench mlp-tanh-1 --steps 50 --repeats 1)
  check "not when NEUROTOP_GEMM names a library kernel" '! grep -q "own AVX-512" <<<"$forced"'
  # The JSON names the kernel of the peak's shape: the own ones for 1-16 or 97-112 columns or a depth (k) of 1-16, else the library's.
  peak_kernel='import json, sys
r = json.loads(sys.stdin.read().splitlines()[-1])
m, n, k = map(int, r["sgemm_peak_shape"].split("x"))
print(r["sgemm_peak_kernel"] == ("neurotop AVX-512" if (1 <= n <= 16 or 97 <= n <= 112 or 1 <= k <= 16) and sys.argv[1] == "own" else r["gemm_kernel"]))'
  json=$("$bin" bench mlp-tanh-1 --steps 20 --repeats 1 --json)
  check "bench --json names the peak's kernel" '[ "$(python3 -c "$peak_kernel" own <<<"$json")" = True ]' || echo "  | $json"
  json=$(NEUROTOP_GEMM=blis-haswell "$bin" bench mlp-tanh-1 --steps 20 --repeats 1 --json)
  check "the library's when NEUROTOP_GEMM names one" '[ "$(python3 -c "$peak_kernel" library <<<"$json")" = True ]' || echo "  | $json"
  library=$(figures mlp-tanh-1 300 NEUROTOP_GEMM=openblas 2>/dev/null)
  if [ -n "$library" ]; then
    # Each element one chain of fused multiply-adds in the order of k, as OpenBLAS's SkylakeX kernels
    # sum (the first layer's forward pass in two halves of its depth, added, on both).
    check "whose products train to OpenBLAS's figures, to the last digit" '[ "$(figures mlp-tanh-1 300)" = "$library" ]'
    # The direct convolution sums the forward pass and the input gradient as OpenBLAS sums the
    # lowered products, the kernel gradient in an order of its own: the same training within float32
    # rounding. 300 steps of a BatchNorm CNN carry the last bits into the second or third digit
    # (validation loss 0.5169 against 0.5099 on the Xeon).
    library=$(figures cnn-mp-conv 300 NEUROTOP_GEMM=openblas 2>/dev/null)
    own=$(figures cnn-mp-conv 300)
    close='import re, sys
a, b = (dict(re.findall(r"\"(\w+)\":([-0-9.e]+)", s)) for s in sys.argv[1:3])
close = lambda k, share: abs(float(a[k]) - float(b[k])) <= share * abs(float(b[k]))
# The epoch means within 1%; the end-of-epoch figures, which the last steps move most, within 5%.
print(a.keys() == b.keys() and len(a) == 6 and all(close(k, 0.01 if k in ("loss", "accuracy") else 0.05) for k in a))'
    check "the direct convolution trains to OpenBLAS's figures (epoch means within 1%, the rest 5%)" \
      '[ "$(python3 -c "$close" "$own" "$library")" = True ]' || echo "  | own: $own | openblas: $library"
    check "but not to the same last digits (the kernel gradient sums in its own order)" '[ "$own" != "$library" ]'
  fi
fi
out=$(NEUROTOP_ONE_CORE=1 "$bin" bench mlp-tanh-1 --steps 50 --repeats 1)
check "with NEUROTOP_ONE_CORE=1 it does not" '! grep -q "both cores" <<<"$out" && grep -q "^mlp-tanh-1 " <<<"$out"'
finish "cores.sh"
