#!/usr/bin/env bash
# End-to-end test of `neurotop recon` against a built binary: a short pre-training run prints
# the digits beside their reconstructions and the test MSE; bad arguments give one line and a
# non-zero exit.
#
# Usage: Tests/e2e/recon.sh [path/to/neurotop]   (default: the release build)
source "$(dirname "$0")/lib/checks.bash" "$@"

out=$("$bin" recon ae-pretrain --steps-per-epoch 40 --count 3 2>&1); status=$?
check "recon exits 0" '[ $status -eq 0 ]'
check "shows three samples" '[ $(grep -c "^#[0-9]  label" <<<"$out") -eq 3 ]'
check "captions input and reconstruction" 'grep -q "^input  *reconstruction$" <<<"$out"'
check "prints the test MSE" 'grep -qE "^Test reconstruction MSE after stage 1: 0\.[0-9]{4} \(10000 clean test images\)$" <<<"$out"'
check "draws digits" '[ $(grep -c "[#%@]" <<<"$out") -gt 20 ]'

out=$("$bin" recon ae-denoise --stage 2 --steps-per-epoch 5 --count 1 2>&1); status=$?
check "denoising recon at stage 2 exits 0" '[ $status -eq 0 ]'
check "runs two stages" 'grep -q "Stage 2/2: pre-train 2/4" <<<"$out"'
check "shows the corrupted input" 'grep -q "^clean  *corrupted  *reconstruction$" <<<"$out"'

out=$("$bin" recon ae-pretrain --stage 9 2>&1); status=$?
check "stage beyond the schedule fails" '[ $status -ne 0 ] && [ $(wc -l <<<"$out") -eq 1 ] && grep -q "use 1 to 4" <<<"$out"'
out=$("$bin" recon mlp-tanh-1 2>&1); status=$?
check "config without pretrain fails" '[ $status -ne 0 ] && grep -q "no pretrain section" <<<"$out"'

finish "recon e2e"
