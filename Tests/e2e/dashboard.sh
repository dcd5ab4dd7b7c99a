#!/usr/bin/env bash
# End-to-end test of the dashboard in a 120x40 tmux session, against a built binary:
# live panels, freeze, pause/resume, config switch and back, quit; and a restored terminal
# (echo and canonical mode back, a working shell) after q, SIGINT, SIGTERM and after quitting a
# run whose training failed (the screen stays up to show the failure) and after a crash (SIGSEGV).
#
# Usage: Tests/e2e/dashboard.sh [path/to/neurotop]   (default: the release build)
stem=e2e
source "$(dirname "$0")/lib/tmux.bash"

# The step counter in the header (second row): "step 123/938" -> 123.
step() { screen | sed -n 2p | grep -o 'step [0-9]*' | grep -o '[0-9]*' | head -1; }
# Steps since the start of the run, from the header's "total 1,963".
total_step() { screen | sed -n 2p | grep -o 'total [0-9,]*' | tr -d , | grep -o '[0-9]*'; }

# Starts a shell in a fresh 120x40 session and runs neurotop in it with the given arguments;
# the exit status and the terminal settings afterwards land in $work.
launch() {
  rm -f "$work/exit" "$work/stty"
  new_session 120 40 "env PS1='$ ' bash --norc --noprofile"
  tmux_ set-option -t "$session" default-terminal tmux-256color >/dev/null
  sleep 0.3
  tmux_ send-keys -t "$session" "clear; cd '$repo' && '$bin' --runs '$work/runs' $*; echo \$? > '$work/exit'; stty -a > '$work/stty'; echo after-exit" Enter
  started=$(now)
}

# After the program ended: its status, the terminal modes, and a shell that echoes what is typed.
expect_restored() {
  local label=$1 want=$2
  wait_for '[ -s "$work/stty" ]' 15 || { bad "$label: neurotop did not exit"; return; }
  check "$label: exit status $want" '[ "$(cat "$work/exit")" = "$want" ]'
  check "$label: echo and canonical mode restored" 'grep -qw echo "$work/stty" && grep -qw icanon "$work/stty" && ! grep -qw -- -echo "$work/stty"'
  tmux_ send-keys -t "$session" "echo shell-says-\$((6*7))" Enter
  check "$label: the shell works afterwards" 'wait_for "echo \"\$s\" | grep -q shell-says-42" 5'
  check "$label: the typed command is echoed" 'echo "$s" | grep -q "echo shell-says-"'
}

echo "== dashboard: live panels on the default config"
launch --epochs 50  # long enough that the MLP is still training when it is switched away
live='[ "$(echo "$s" | sed -n 2p | grep -o "step [0-9]*" | grep -o "[0-9]*")" -gt 0 ] 2>/dev/null \
  && echo "$s" | grep -q "loss [0-9]" && echo "$s" | grep -q "right" && echo "$s" | grep -q "[0-9]e-0"'
if wait_for "$live" 10; then
  elapsed=$(( $(now) - started ))
  echo "  every panel live after ${elapsed} ms"
  check "panels live within 2 s" '[ "$elapsed" -le 2000 ]'
else
  bad "panels never showed live numbers"
fi
check "header shows the config and running" 'screen | head -1 | grep -qF "(mlp-tanh-4)" && screen | head -1 | grep -q running'

echo "== freeze the first Dense layer"
tmux_ send-keys -t "$session" " "
check "row shows frozen" 'wait_for "echo \"\$s\" | grep \"dense \" | grep -q frozen" 3'
check "journal notes the freeze" 'echo "$s" | grep -q "dense frozen at step"'

echo "== pause and resume"
tmux_ send-keys -t "$session" p
check "state paused" 'wait_for "echo \"\$s\" | head -1 | grep -q paused" 3'
first=$(total_step); sleep 1; second=$(total_step)
check "no steps while paused ($first -> $second)" '[ "$first" = "$second" ]'
tmux_ send-keys -t "$session" n
check "n trains exactly one batch" 'wait_for "[ \"\$(total_step)\" = \"$((first + 1))\" ]" 3'
tmux_ send-keys -t "$session" p
check "state running again" 'wait_for "echo \"\$s\" | head -1 | grep -q running" 3'
check "steps advance after resume" 'wait_for "[ \"\$(total_step)\" -gt $((first + 1)) ]" 5'

echo "== switch config (MLP -> CNN) and back"
tmux_ send-keys -t "$session" Tab
check "picker lists the configs" 'wait_for "echo \"\$s\" | grep -q \"configs (enter\" && echo \"\$s\" | grep -q MLP && echo \"\$s\" | grep -q CNN" 3'
# How many entries down from config $1 the picker lists config $2 (group headings skipped).
entries_between() {
  local list
  list=$(screen | grep -oE "│ [ ▶] (mlp|cnn|ae)-[a-z0-9-]*" | sed 's/^│ [ ▶] //')
  echo $(( $(echo "$list" | grep -nx "$2" | cut -d: -f1) - $(echo "$list" | grep -nx "$1" | cut -d: -f1) ))
}
# The picker opens on the current config; the first CNN is below it.
rows_down=$(entries_between mlp-tanh-4 cnn-flat)
for _ in $(seq "$rows_down"); do tmux_ send-keys -t "$session" Down; done
tmux_ send-keys -t "$session" Enter
check "the CNN is shown" 'wait_for "echo \"\$s\" | head -1 | grep -qF \"(cnn-flat)\" && echo \"\$s\" | head -1 | grep -q running" 10'
echo "  switched to: $(screen | head -1 | sed 's/  */ /g')"
check "the other config trains" 'wait_for "[ \"\$(step)\" -gt 0 ] 2>/dev/null" 10'
tmux_ send-keys -t "$session" Tab
# The picker row of the first config ("   mlp-tanh-4  Tanh ...   paused, epoch 2 step 715"), as
# steps since the start of the run (938 a full MNIST epoch at batch 64).
picked() {
  screen | grep ' mlp-tanh-4  ' | sed -n 's/.*epoch \([0-9]*\) step \([0-9]*\).*/\1 \2/p' \
    | awk '{ print ($1 - 1) * 938 + $2 }'
}
check "picker shows the first config paused" 'wait_for "echo \"\$s\" | grep \" mlp-tanh-4  \" | grep -q \"paused, epoch\"" 3'
paused_at=$(picked)
sleep 0.5
check "it stays paused while hidden (step $paused_at)" '[ "$(picked)" = "$paused_at" ]'
for _ in $(seq "$rows_down"); do tmux_ send-keys -t "$session" Up; done
tmux_ send-keys -t "$session" Enter
check "back on mlp-tanh-4, running" 'wait_for "echo \"\$s\" | head -1 | grep -qF \"(mlp-tanh-4)\" && echo \"\$s\" | head -1 | grep -q running" 5'
resumed=$(total_step)
# Where it went on from is read from the recording, not from the screen: the MLP trains some
# 2,000 steps a second here, so a screen read 0.2 s after the switch (a loaded machine) is
# already hundreds of steps on. The switch interventions carry the trainer's own step.
mlp_events=$(ls -d "$work"/runs/mlp-tanh-4-*/ | head -1)events.jsonl
switch_step() { grep "\"action\":\"$1\"" "$mlp_events" | tail -1 | grep -o '"global_step":[0-9]*' | cut -d: -f2; }
wait_for '[ -n "$(switch_step switch_back)" ]' 5
away=$(switch_step switch_away) back=$(switch_step switch_back)
check "resumed where it left off (paused at $paused_at; recorded away at $away, back at $back; now $resumed)" \
  '[ "$away" = "$paused_at" ] && [ "$back" = "$paused_at" ] && [ "$resumed" -ge "$paused_at" ]'
check "the freeze survived the switch" 'screen | grep "dense " | grep -q frozen'

echo "== resize below 80x24 and back"
tmux_ resize-window -t "$session" -x 70 -y 20
check "a small window shows the resize message" 'wait_for "echo \"\$s\" | grep -q \"needs at least 80x24\"" 3'
tmux_ resize-window -t "$session" -x 120 -y 40
check "back at 120x40 the panels return" 'wait_for "echo \"\$s\" | grep -q \"journal\" && echo \"\$s\" | head -1 | grep -q running" 3'

echo "== help overlay and quit"
tmux_ send-keys -t "$session" '?'
check "help lists the keys" 'wait_for "echo \"\$s\" | grep -q \"freeze / unfreeze\"" 3'
tmux_ send-keys -t "$session" '?'
tmux_ send-keys -t "$session" q
expect_restored "q" 0

echo "== SIGINT (ctrl-c)"
launch
wait_for "$live" 10 || bad "SIGINT run never went live"
tmux_ send-keys -t "$session" C-c
expect_restored "SIGINT" 130

echo "== SIGTERM"
launch
wait_for "$live" 10 || bad "SIGTERM run never went live"
# The neurotop process is the child of the pane's shell.
shell_pid=$(tmux_ list-panes -t "$session" -F '#{pane_pid}')
kill -TERM "$(pgrep -P "$shell_pid" -x neurotop)"
expect_restored "SIGTERM" 143

echo "== a crash (SIGSEGV): the terminal is put back before the backtrace, and neurotop ends"
launch
wait_for "$live" 10 || bad "crash run never went live"
shell_pid=$(tmux_ list-panes -t "$session" -F '#{pane_pid}')
kill -SEGV "$(pgrep -P "$shell_pid" -x neurotop)"
# Swift's backtracer, when on, asks for a key on a terminal: any but space and D ends it.
if wait_for 'echo "$s" | grep -q "Press space to interact"' 5; then
  check "crash: the backtrace is on the shell's screen, not over the panels" '! echo "$s" | grep -q "journal"'
  key x
fi
expect_restored "crash" 139

echo "== training error (the loss diverges to NaN)"
sed -e 's/learning_rate: [0-9.e+-]*/learning_rate: 1.0e+30/' -e 's/activation: tanh/activation: relu/g' \
  configs/mlp-tanh-2.yaml > "$work/diverge.yaml"
launch "'$work/diverge.yaml'"
check "the screen stays up and shows the failure" \
  'wait_for "echo \"\$s\" | sed -n 1p | grep -q failed && echo \"\$s\" | grep -q \"training failed\"" 20'
tmux_ send-keys -t "$session" q
wait_for '[ -s "$work/stty" ]' 10
check "the error is printed after the screen is restored" \
  'wait_for "echo \"\$s\" | grep -q \"neurotop: training .* failed: .*loss became NaN\"" 5'
expect_restored "training error" 1

# Runs neurotop with the shell command prefix $1 (environment settings) and the arguments
# after it, its standard error into $work/err; waits for it to end.
run_in_pane() {
  local prefix=$1
  shift
  launch_plain
  tmux_ send-keys -t "$session" "clear; cd '$repo' && $prefix '$bin' $* 2> '$work/err'; echo \$? > '$work/exit'; stty -a > '$work/stty'" Enter
  wait_for '[ -s "$work/stty" ]' 15
}
launch_plain() {
  rm -f "$work/exit" "$work/stty" "$work/err"
  new_session 120 40 "env PS1='$ ' bash --norc --noprofile"
  sleep 0.3
}

for term in dumb no-such-terminal; do
  echo "== TERM=$term is refused, with the headless suggestion"
  run_in_pane "TERM=$term"
  check "TERM=$term: exit status 1" '[ "$(cat "$work/exit" 2>/dev/null)" = 1 ]'
  check "TERM=$term: says why and suggests neurotop train" \
    'grep -q "terminal type .$term." "$work/err" && grep -q "neurotop train" "$work/err"'
  check "TERM=$term: the terminal is left as it was" 'grep -qw echo "$work/stty" && grep -qw icanon "$work/stty"'
done

echo "== TERM unset is named as such, with the headless suggestion"
run_in_pane "env -u TERM"
check "TERM unset: exit status 1" '[ "$(cat "$work/exit" 2>/dev/null)" = 1 ]'
check "TERM unset: says TERM is not set (no empty terminal type)" \
  'grep -q "TERM is not set" "$work/err" && ! grep -q "terminal type" "$work/err" && grep -q "neurotop train" "$work/err"'
check "TERM unset: the terminal is left as it was" 'grep -qw echo "$work/stty" && grep -qw icanon "$work/stty"'

echo "== a terminal without an alternate screen (TERM=vt100): quitting leaves no frame behind"
# Such a terminal keeps the last frame after the program ends; the shell would write over it.
launch_plain
tmux_ send-keys -t "$session" "clear; cd '$repo' && TERM=vt100 '$bin' --runs '$work/runs' --epochs 50; echo \$? > '$work/exit'; stty -a > '$work/stty'; echo after-exit" Enter
if wait_for "$live" 10; then
  key q
  wait_for '[ -s "$work/stty" ]' 15
  check "TERM=vt100: exit status 0" '[ "$(cat "$work/exit" 2>/dev/null)" = 0 ]'
  check "TERM=vt100: the screen is clear but for the shell" \
    'wait_for "echo \"\$s\" | grep -q after-exit" 5 && ! echo "$s" | grep -qE "freeze|journal|loss"'
  check "TERM=vt100: echo and canonical mode restored" 'grep -qw echo "$work/stty" && grep -qw icanon "$work/stty"'
else
  bad "TERM=vt100: the dashboard never went live"
fi

echo "== the terminal goes away and no SIGHUP reaches neurotop (a parent that traps HUP, a closed SSH session)"
# In a session of its own, the pane's terminal is not neurotop's controlling terminal: closing
# the pane hangs the terminal up without a SIGHUP, and every read returns end of input at once.
# (A job started with & reads /dev/null unless given the terminal explicitly, here as fd 3.)
cat > "$work/detached.sh" <<SCRIPT
exec 3<&0
'$bin' --epochs 50 <&3 3<&- 2> '$work/err' &
echo \$! > '$work/pid'
wait \$!
echo \$? > '$work/exit'
SCRIPT
rm -f "$work/exit" "$work/pid" "$work/err"
new_session 120 40 "setsid -w sh '$work/detached.sh'"
if wait_for "$live" 15; then
  pid=$(cat "$work/pid")
  tmux_ kill-session -t "$session"
  hung_up=$(now)
  while kill -0 "$pid" 2>/dev/null && [ $(( $(now) - hung_up )) -lt 5000 ]; do sleep 0.1; done
  check "neurotop ends within 5 s of the hang-up" '! kill -0 "$pid" 2>/dev/null'
  if kill -0 "$pid" 2>/dev/null; then
    echo "  still running 5 s after the hang-up, at $(ps -o %cpu= -p "$pid" | tr -d ' ')% CPU; stopping it"
    kill -KILL "$pid"
  fi
  wait_for_file() { local end=$(( $(now) + 3000 )); until [ -s "$1" ] || [ "$(now)" -gt "$end" ]; do sleep 0.1; done; }
  wait_for_file "$work/exit"
  check "exit status 0 ($(cat "$work/exit" 2>/dev/null))" '[ "$(cat "$work/exit" 2>/dev/null)" = 0 ]'
  check "says the terminal went away" 'grep -q "terminal went away" "$work/err"'
else
  bad "the detached dashboard never went live"
fi

echo "== stdout not a terminal"
out=$("$bin" > "$work/out" 2> "$work/err"; echo $?)
check "exits non-zero" '[ "$out" != 0 ]'
check "says so and suggests neurotop train" 'grep -q "needs a terminal" "$work/err" && grep -q "neurotop train" "$work/err"'

finish e2e
