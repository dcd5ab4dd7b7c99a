#!/usr/bin/env bash
# End-to-end test of `neurotop tour` against a built binary: the Thai tour in tmux at 120x40 and
# 80x24, each screen read back and measured (every row as wide as the terminal, every Thai vowel
# and tone mark on a Thai letter, never alone on a blank or a frame); every step reached with the
# arrow keys, back with the left one; x leaves the tour and the run goes on training; and the
# plain tour fills every step's "article / you" pair from a real (shortened) run.
#
# Usage: Tests/e2e/tour.sh [path/to/neurotop]   (default: the release build)
stem=tour
screen_flags=-N  # trailing blanks kept: every row is measured
source "$(dirname "$0")/lib/tmux.bash"
command -v python3 >/dev/null || { echo "python3 is needed to measure the screen"; exit 1; }

# Measures the screen on stdin for a terminal $1 columns wide with Python's Unicode tables
# (not neurotop's): every row at most that wide, and exactly that wide from the third row to
# the one above the status line (the tour's side panel ends each of them with its frame; tmux
# leaves blanks that were never written out of the header and status rows); every
# nonspacing mark right after a Thai letter or another mark. Prints the problems; fails on any.
measure() {
  python3 -c '
import sys, unicodedata
width = int(sys.argv[1])
rows = sys.stdin.read().split("\n")
if rows and rows[-1] == "":
    rows.pop()
def columns(ch):
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
problems = 0
for number, row in enumerate(rows, 1):
    used = sum(columns(ch) for ch in row)
    inner = 3 <= number < len(rows)
    if used > width or (inner and used != width):
        problems += 1
        print(f"    row {number} is {used} columns wide: {row!r}")
    base = None
    for ch in row:
        if unicodedata.category(ch) == "Mn":
            if base is None or not ("\u0e01" <= base <= "\u0e4f"):
                problems += 1
                print(f"    row {number}: mark U+{ord(ch):04X} on {base!r}")
        else:
            base = ch
thai = sum(1 for row in rows if any("\u0e01" <= ch <= "\u0e4f" for ch in row))
if thai == 0:
    problems += 1
    print("    no Thai on screen")
sys.exit(1 if problems else 0)
' "$1"
}

# A fresh session of $1 x $2 running "$3", its exit status kept in $work/exit.
tour_session() { new_session "$1" "$2" "$3; echo \$? > '$work/exit'; sleep 30"; }

# The configs of the steps, in order, from the English text.
mapfile -t configs < <(sed -n 's/^    config: //p' configs/tour/en.yaml)
steps=${#configs[@]}
# Steps since the start of the run, from the header's "total 1,963" (second row).
step_counter() { screen | sed -n 2p | grep -o 'total [0-9,]*' | tr -d , | grep -o '[0-9]*'; }

echo "== Thai tour at 120x40: every step, measured"
rm -f "$work/exit"
tour_session 120 40 "cd '$work' && '$bin' tour --lang th --runs '$work/runs'"
check "step 1 of $steps in Thai beside the live panels" \
  'wait_for "echo \"\$s\" | grep -q \"ขั้นที่ 1/$steps\" && echo \"\$s\" | grep -q \"loss [0-9]\"" 20'
check "step 1 trains its config, ${configs[0]}" 'screen | head -1 | grep -qF "(${configs[0]})" && screen | grep -qF "ขั้นที่ 1/$steps: ${configs[0]}"'
check "120x40, step 1: measured" 'screen | measure 120'
# The first step's run is short (5 epochs of 784-100-10): once it ends, its test accuracy
# stands beside the article's, with no epoch count after it.
check "step 1: the article's 97.2% beside the finished run's test accuracy" \
  'wait_for "echo \"\$s\" | grep -q \"บทความ: 97.2% / คุณ: [0-9][0-9.]*% *│\"" 90'
screen | grep -o "บทความ: 97.2% / คุณ: [0-9.]*%" | sed 's/^/    /'
for ((i = 2; i <= steps; i++)); do
  tmux_ send-keys -t "$session" Right
  config=${configs[$((i - 1))]}
  # The panel's title names the config; the header, the run's name (its start: it is cut when long).
  name=$(sed -n 's/^name: *//p' "configs/$config.yaml" | tr -d '"' | cut -c1-24)
  if wait_for "echo \"\$s\" | grep -qF \"ขั้นที่ $i/$steps: $config \" && echo \"\$s\" | head -1 | grep -qF \"$name\"" 30; then
    sleep 0.5  # a few frames of the new run
    check "120x40, step $i ($config): measured" 'screen | measure 120'
  else
    bad "step $i ($config) never showed"
  fi
  if [ "$config" = mlp-tanh-4 ] && [ "$i" -gt 3 ]; then
    check "step $i: the fresh model's first-kernel gradient beside the article's 0.0052" \
      'wait_for "echo \"\$s\" | grep -q \"บทความ: 0.0052 / คุณ: 0\\.0[0-9]*\"" 10'
  fi
done
tmux_ send-keys -t "$session" Right
sleep 0.3
check "no step after the last" 'screen | grep -q "ขั้นที่ $steps/$steps"'
tmux_ send-keys -t "$session" Left
check "left goes back a step" 'wait_for "echo \"\$s\" | grep -q \"ขั้นที่ $((steps - 1))/$steps\"" 20'

echo "== leaving the tour keeps the run"
tmux_ send-keys -t "$session" x
check "the side panel is gone" 'wait_for "! echo \"\$s\" | grep -q \"ขั้นที่\"" 5'
check "the status line says the run goes on" 'screen | tail -1 | grep -q "left the tour"'
# The count starts again with each pre-training stage, so a new stage counts as going on too.
stage() { screen | head -1 | grep -o 'stage [0-9]*/[0-9]*'; }
first=$(step_counter) first_stage=$(stage)
sleep 2
second=$(step_counter) second_stage=$(stage)
check "training goes on after leaving ($first_stage step $first -> $second_stage step $second)" \
  '[ -n "$first" ] && [ -n "$second" ] && { [ "$second" -gt "$first" ] || [ "$second_stage" != "$first_stage" ]; }'
tmux_ send-keys -t "$session" q
check "q quits with status 0" 'wait_for "[ -s \"$work/exit\" ]" 20 && [ "$(cat "$work/exit")" = 0 ]'

echo "== Thai tour at 80x24: every step, measured"
rm -f "$work/exit"
tour_session 80 24 "cd '$work' && '$bin' tour --lang th --runs '$work/runs'"
check "step 1 shows" 'wait_for "echo \"\$s\" | grep -q \"ขั้นที่ 1/$steps\"" 20'
check "80x24, step 1: measured" 'screen | measure 80'
for ((i = 2; i <= steps; i++)); do
  tmux_ send-keys -t "$session" Right
  if wait_for "echo \"\$s\" | grep -q \"ขั้นที่ $i/$steps\"" 30; then
    sleep 0.5
    check "80x24, step $i: measured" 'screen | measure 80'
  else
    bad "step $i never showed at 80x24"
  fi
done
tmux_ send-keys -t "$session" q
check "q quits with status 0" 'wait_for "[ -s \"$work/exit\" ]" 20 && [ "$(cat "$work/exit")" = 0 ]'
tmux_ kill-server 2>/dev/null

echo "== LANG=th_TH.UTF-8 that is not installed: Thai by default, drawn in UTF-8"
rm -f "$work/exit"
tour_session 120 40 "cd '$work' && LANG=th_TH.UTF-8 LC_ALL= LC_CTYPE= '$bin' tour --runs '$work/runs'"
check "the tour speaks Thai (from LANG) and draws its borders and letters, not '?'" \
  'wait_for "echo \"\$s\" | grep -q \"ขั้นที่ 1/$steps\"" 20 && screen | grep -q "┌─" && ! screen | grep -qF "??"'
tmux_ send-keys -t "$session" q
check "q quits with status 0" 'wait_for "[ -s \"$work/exit\" ]" 20 && [ "$(cat "$work/exit")" = 0 ]'
tmux_ kill-server 2>/dev/null

echo "== LANG=C: the Thai tour is refused with what to do, not drawn as '?'"
rm -f "$work/exit"
tour_session 120 40 "cd '$work' && LANG=C LC_ALL=C '$bin' tour --lang th --runs '$work/runs'"
check "it exits 1" 'wait_for "[ -s \"$work/exit\" ]" 20 && [ "$(cat "$work/exit")" = 1 ]'
check "it says why and what to do" \
  'screen | grep -q "Thai tour needs a locale whose characters include Thai letters" && screen | grep -q "LANG=C.UTF-8"'
tmux_ kill-server 2>/dev/null

echo "== plain tour: every step's figures from a run"
(cd "$work" && "$bin" tour --plain --lang th --steps-per-epoch 2 --epochs 1 --no-record) > "$work/plain.txt" 2> "$work/plain.err"
check "plain tour exits 0" '[ $? -eq 0 ]'
pairs=$(grep -c '^บทความ: .* / คุณ: [0-9]' "$work/plain.txt")
check "$steps article/you pairs, every one measured (got $pairs)" '[ "$pairs" = "$steps" ]'
check "no zero-width space reaches the output" '! grep -q $'"'"'\u200b'"'"' "$work/plain.txt"'
grep '^บทความ: ' "$work/plain.txt" | sed 's/^/    /'

finish tour
