#!/usr/bin/env bash
# End-to-end test, in a 120x40 tmux session, of the digits learned and forgotten (g) and of
# drawing a digit (d): cnn-mp-conv in short epochs shows flipped digits and the counts per
# epoch; a trained mlp-relu-1 reads a vertical stroke drawn with the keys as a 1.
#
# Usage: Tests/e2e/counterfactuals.sh [path/to/neurotop]   (default: the release build)
stem=cf
source "$(dirname "$0")/lib/tmux.bash"

start() { new_session 120 40 "cd '$repo' && '$bin' $* --runs '$work/runs'; echo \$? > '$work/exit'; sleep 60"; }

echo "== g: the digits learned and forgotten at the last validation"
# A CNN's epochs of 400 steps take seconds, so `g` lands before the first validation (an MLP's
# short epochs can all end before the dashboard reads the key).
start cnn-mp-conv --epochs 3 --steps-per-epoch 400
key g
check "g shows the panel before the first validation" 'wait_for "echo \"\$s\" | grep -q \"waiting for the first validation\"" 20'
check "after two validations: the flips of the last one in the title" \
  'wait_for "echo \"\$s\" | grep -qE \"epoch [2-9]: [0-9,]+ learned, [0-9,]+ forgotten\"" 60'
# Each looked for on a fresh capture: the title can be on screen a moment before the rest of the panel.
check "learned digits marked +" 'wait_for "echo \"\$s\" | grep -qE \"\\+ [0-9] \"" 10'
check "forgotten digits marked - with what they were taken for" 'wait_for "echo \"\$s\" | grep -qE \"\\- [0-9] as [0-9]\"" 10'
check "the counts per epoch" \
  'wait_for "echo \"\$s\" | grep -q \"epoch learned forgotten  never\" && echo \"\$s\" | grep -qE \"│ +2 +\\+[0-9]+ +-[0-9]+ +[0-9]+\"" 10'
key g
check "g again: the test digits" 'wait_for "echo \"\$s\" | grep -qE \"[0-9]+/16 right\"" 10'
key q
wait_for '[ -s "$work/exit" ]' 15
check "q quits with status 0" '[ "$(cat "$work/exit")" = 0 ]'

echo "== d: a vertical stroke drawn with the keys on a trained mlp-relu-1"
rm -f "$work/exit"
start mlp-relu-1 --epochs 1
check "mlp-relu-1 trains one epoch to the end" 'wait_for "echo \"\$s\" | head -1 | grep -q finished" 180'
key d
check "d opens the canvas" 'wait_for "echo \"\$s\" | grep -q \"draw a digit\"" 5'
for _ in $(seq 10); do key Up; done
for _ in $(seq 20); do key Space; key Down; done
# The class bars: "1 ███████░░ 93%"; the most probable class.
best() {
  screen | grep -oE "[0-9] [█░]{14} [0-9]+%" | awk '{ gsub("%", "", $3); if ($3 > max) { max = $3; best = $1 } } END { print best }'
}
check "the stroke reads as a 1 (bars: $(screen | grep -oE '[0-9] [█░]{14} [0-9]+%' | awk '{print $1 ":" $3}' | tr '\n' ' '))" \
  'wait_for "[ \"\$(best)\" = 1 ]" 10'
key x
check "x clears the drawing" 'wait_for "echo \"\$s\" | grep -q \"draw with space\"" 5'
key Escape
check "Escape closes the canvas" 'wait_for "! echo \"\$s\" | grep -q \"draw a digit\"" 5'
key q
wait_for '[ -s "$work/exit" ]' 15
check "q quits with status 0" '[ "$(cat "$work/exit")" = 0 ]'

finish counterfactuals
