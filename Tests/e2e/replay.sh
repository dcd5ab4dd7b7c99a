#!/usr/bin/env bash
# End-to-end test of `neurotop replay` in a 120x40 tmux session, against a built binary: a run
# directory is made from a real `train --json` (every line with "v":1, as the recorder writes
# events.jsonl, plus a freeze intervention and run.json); the replay reaches the end and shows
# the recorded test accuracy, plays again from the start with r, jumps to the end with e, and
# quits with status 0; a damaged events.jsonl is one line and status 1 before any screen.
#
# Usage: Tests/e2e/replay.sh [path/to/neurotop]   (default: the release build)
stem=replay
source "$(dirname "$0")/lib/tmux.bash"

echo "== a run directory from a real training run"
runs="$work/runs"
id="mlp-tanh-1-20261130-213000"
mkdir -p "$runs/$id"
(cd "$work" && "$bin" train mlp-tanh-1 --json --epochs 2 --steps-per-epoch 60 --seed 3) > "$work/train.jsonl"
result=$(tail -1 "$work/train.jsonl")
accuracy=$(grep -o '"test_accuracy":[0-9.]*' <<<"$result" | cut -d: -f2)
check "training printed a test accuracy ($accuracy)" '[ -n "$accuracy" ]'
# The recording's pace is set here, not left to the machine: 60 steps train in some 0.02 s, so
# at 1x the whole replay would be over within one 40 ms frame and "r at 1x" could never be seen
# before the end. Each batch is put at a quarter second into its epoch and each epoch at 15 s:
# 30 s in all, 3 s at the default 10x.
paced() {
  awk '/"event":"batch_end"/ {
         match($0, /"step":[0-9]+/); step = substr($0, RSTART + 7, RLENGTH - 7)
         sub(/"epoch_elapsed":[-0-9.e]+/, "\"epoch_elapsed\":" step * 0.25) }
       /"event":"epoch_end"/ { sub(/"seconds":[-0-9.e]+/, "\"seconds\":15") }
       { print }'
}
{
  head -n 20 "$work/train.jsonl"
  echo '{"action":"freeze","event":"intervention","global_step":20,"layer":"dense","stage":0}'
  tail -n +21 "$work/train.jsonl"
} | paced | sed 's/^{/{"v":1,/' > "$runs/$id/events.jsonl"
check "the recording is paced (two epochs of 15 s, the first batch at 0.25 s)" \
  '[ "$(grep -c "\"seconds\":15," "$runs/$id/events.jsonl")" = 2 ] && grep -q "\"epoch_elapsed\":0.25," "$runs/$id/events.jsonl"'

cat > "$runs/$id/run.json" <<JSON
{"config":"mlp-tanh-1","ended":"2026-11-30T21:30:09Z","epochs_done":2,"id":"$id","name":"Tanh 100-10",
 "parent":null,"seed":3,"started":"2026-11-30T21:30:00Z","status":"finished","steps_per_epoch":60,
 "test_accuracy":$accuracy,"test_loss":0.5,"version":"0.1.0"}
JSON
expected=$(awk -v a="$accuracy" 'BEGIN { printf "%.2f%%", a * 100 }')

echo "== replay reaches the end and shows the recorded accuracy ($expected)"
new_session 120 40 "env PS1='$ ' bash --norc --noprofile"
sleep 0.3
tmux_ send-keys -t "$session" "clear; cd '$repo' && '$bin' replay $id --runs '$runs'; echo \$? > '$work/exit'; echo after-exit" Enter
check "the charts fill and the header names the run" \
  'wait_for "echo \"\$s\" | head -1 | grep -qF \"(mlp-tanh-1)\" && echo \"\$s\" | grep -q \"loss [0-9]\"" 10'
check "the end: test accuracy $expected in the charts" 'wait_for "echo \"\$s\" | grep -q \"test $expected\"" 20'
check "the journal has both epochs and the result" \
  'echo "$s" | grep -q "epoch 2/2" && echo "$s" | grep -q "finished: test loss"'
check "the status line says it was replayed" 'echo "$s" | tail -1 | grep -q "replayed"'
check "the freeze is marked on the charts" 'echo "$s" | grep -q "▼"'

echo "== r plays again from the start, e jumps to the end"
tmux_ send-keys -t "$session" 1 r
check "at 1x the result is not there yet" 'wait_for "! echo \"\$s\" | grep -q \"test $expected\" && echo \"\$s\" | tail -1 | grep -q \"at 1x\"" 5'
tmux_ send-keys -t "$session" e
check "e shows the end" 'wait_for "echo \"\$s\" | grep -q \"test $expected\"" 5'
tmux_ send-keys -t "$session" "?"
check "the help lists the playback keys" 'wait_for "echo \"\$s\" | grep -q \"1x, 10x or 100x\" && echo \"\$s\" | grep -q \"jump to the end\"" 5'
tmux_ send-keys -t "$session" "?" q
check "q quits with status 0" 'wait_for "[ -s \"$work/exit\" ]" 10 && [ "$(cat "$work/exit")" = 0 ]'

echo "== a damaged events.jsonl"
sed -i '5s/.*/garbage/' "$runs/$id/events.jsonl"
out=$("$bin" replay "$id" --runs "$runs" 2>&1 </dev/null); status=$?
echo "$out" | sed 's/^/  | /'
check "exit status 1" '[ $status -eq 1 ]'
check "one line naming the file and line" '[ $(wc -l <<<"$out") -eq 1 ] && grep -q "events.jsonl line 5 is not JSON" <<<"$out"'

finish "replay e2e"
