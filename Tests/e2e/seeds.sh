#!/usr/bin/env bash
# End-to-end test of `neurotop seeds` against a built binary: one line per seed, the spread,
# the same seed giving the same figure, JSON lines, and one-line errors for bad seed lists.
#
# Usage: Tests/e2e/seeds.sh [path/to/neurotop]   (default: the release build)
source "$(dirname "$0")/lib/checks.bash" "$@"
quick=(--epochs 1 --steps-per-epoch 100)

out=$("$bin" seeds mlp-tanh-1 --seeds 1-3 "${quick[@]}" 2>&1); status=$?
echo "$out" | sed 's/^/  | /'
check "exits 0" '[ $status -eq 0 ]'
check "names the config, the epochs and the seeds" 'grep -q "^Tanh 100-10 (mlp-tanh-1) on mnist, 1 epoch, seeds 1-3$" <<<"$out"'
check "one line per seed" '[ $(grep -cE "^seed [123]  test accuracy [0-9.]+%  test score [0-9.]+  [0-9.]+s$" <<<"$out") -eq 3 ]'
check "the spread over three seeds" 'grep -qE "^over 3 seeds: mean [0-9.]+%  sd [0-9.]+  min [0-9.]+% \(seed [123]\)  max [0-9.]+% \(seed [123]\)$" <<<"$out"'
check "no article comparison for a shortened run" '! grep -q article <<<"$out"'

first=$("$bin" seeds mlp-tanh-1 --seeds 2 "${quick[@]}" --json | head -1 | grep -o '"test_accuracy":[0-9.]*')
again=$("$bin" seeds mlp-tanh-1 --seeds 2 "${quick[@]}" --json | head -1 | grep -o '"test_accuracy":[0-9.]*')
check "the same seed gives the same figure ($first, $again)" '[ -n "$first" ] && [ "$first" = "$again" ]'
seed2=$(grep "^seed 2 " <<<"$out" | grep -oE "accuracy [0-9.]+" | grep -oE "[0-9.]+")
check "and the same as in the sweep ($seed2%)" \
  'awk -v a="${first#*:}" -v b="$seed2" "BEGIN { exit !(sprintf(\"%.2f\", a * 100) == b) }"'

json=$("$bin" seeds mlp-tanh-1 --seeds 4,9 "${quick[@]}" --json)
check "JSON: a result per seed, then the spread" \
  '[ $(grep -c "\"event\":\"seed_result\"" <<<"$json") -eq 2 ] && tail -1 <<<"$json" | grep -q "\"event\":\"seed_spread\".*\"seeds\":\[4,9\]"'

err=$("$bin" seeds mlp-tanh-1 --seeds 5-1 2>&1); status=$?
check "a backwards range is refused (exit $status)" '[ $status -ne 0 ] && grep -q "runs backwards; write the smaller seed first" <<<"$err"'
err=$("$bin" seeds mlp-tanh-1 --seeds 1,x 2>&1); status=$?
check "a word is refused (exit $status)" '[ $status -ne 0 ] && grep -q "is not a seed or a range of seeds" <<<"$err"'

finish "seeds e2e"
