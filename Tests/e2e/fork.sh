#!/usr/bin/env bash
# End-to-end test of a fork in the dashboard (120x40 tmux): mlp-tanh-4 paused early in epoch 1,
# forked with f, its first layer frozen in branch B alone (space), a checkpoint of both (w),
# then both branches train 2 epochs in lockstep. Checks the screen (both curves, the split layer
# table, the fork panel), and in the recorded runs: B's first-layer weights unchanged byte for
# byte, A's changed, both identical at the fork, the fork linked to its parent, and the first
# validation accuracies after the fork different.
#
# Usage: Tests/e2e/fork.sh [path/to/neurotop]   (default: the release build)
stem=fork
source "$(dirname "$0")/lib/tmux.bash"

# Starts mlp-tanh-4 and pauses it with p once it trains. Its two epochs train in about 1.3 s
# here, so a p held up by a loaded machine lands in epoch 2 or after the end; then the session
# starts again, afresh (up to 5 tries): the checks below need the pause in epoch 1.
start_and_pause() {
  local try
  for try in 1 2 3 4 5; do
    tmux_ kill-server 2>/dev/null
    rm -rf "$work/runs" "$work/exit"
    new_session 120 40 "cd '$repo' && '$bin' mlp-tanh-4 --epochs 2 --runs '$work/runs'; echo \$? > '$work/exit'; sleep 60"
    wait_for "echo \"\$s\" | grep -q \"step [1-9][0-9]*/938\"" 60 || { trained=no; return 1; }
    trained=yes
    key p
    wait_for "echo \"\$s\" | head -1 | grep -qE \"paused|finished\"" 10 || return 1
    echo "$s" | head -1 | grep -q paused && echo "$s" | sed -n 2p | grep -q "epoch 1/2" && return 0
    echo "  try $try: p landed late ($(echo "$s" | head -1 | grep -oE "paused|finished"), $(echo "$s" | sed -n 2p | grep -oE "epoch [0-9]+/2|step [0-9]+/938" | paste -sd " " -)); starting again"
  done
  return 1
}
start_and_pause; paused=$?
check "the dashboard trains" '[ "$trained" = yes ]'
check "paused in epoch 1" '[ "$paused" = 0 ]'
key f
check "f forks and asks what to change in branch B" 'wait_for "echo \"\$s\" | grep -q \"forked: change branch B\"" 10'
key Space
check "space freezes the selected layer in B alone" 'wait_for "echo \"\$s\" | grep -q \"B dense frozen\"" 10'
key w
check "w writes a checkpoint of both branches" 'wait_for "echo \"\$s\" | grep -q \"checkpoint of A and B written\"" 10'
sleep 2
runs=$(ls "$work/runs")
[ "$(echo "$runs" | wc -l)" = 2 ] || echo "  runs: $runs"
for run in $runs; do cp "$work/runs/$run/checkpoint.safetensors" "$work/$run.at-fork.safetensors"; done
key p
check "both curves in the legend" 'wait_for "echo \"\$s\" | grep -q \"━ A original  ━ B dense frozen\"" 10'
check "the layer table is split into A and B, dense frozen in B only" \
  'wait_for "echo \"\$s\" | grep -q \"dense  *│ train .*│ frozen\"" 10'
check "the fork panel compares the epochs" 'wait_for "echo \"\$s\" | grep -q \"ep A val_acc\"" 90'
check "both branches finish their 2 epochs" \
  'wait_for "[ \$(grep -l \"\\\"status\\\" : \\\"finished\\\"\" \"$work\"/runs/*/run.json 2>/dev/null | wc -l) = 2 ]" 180'
wait_for "echo \"\$s\" | grep -qE '^│ +2 +[0-9.]+% +[0-9.]+%'" 10
screen > "$work/final-screen.txt"
check "the fork panel shows epoch 2 in both branches" "grep -qE '│ +2 +[0-9.]+% +[0-9.]+%' '$work/final-screen.txt'"
key q
check "q quits with status 0" 'wait_for "[ -s \"$work/exit\" ]" 15 && [ "$(cat "$work/exit")" = 0 ]'

# The recorded runs, read with Python's standard library alone.
python3 - "$work" <<'PY'
import json, os, struct, sys
work = sys.argv[1]
root = os.path.join(work, "runs")
runs = {name: json.load(open(os.path.join(root, name, "run.json"))) for name in os.listdir(root)}
fork = next(name for name, run in runs.items() if run.get("parent"))
parent = runs[fork]["parent"]
results = []
def check(label, ok):
    results.append(ok)
    print(("  ok: " if ok else "  FAILED: ") + label)

def tensors(path):
    data = open(path, "rb").read()
    size = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + size])
    body = data[8 + size:]
    return {k: body[v["data_offsets"][0]:v["data_offsets"][1]] for k, v in header.items() if k != "__metadata__"}

def first_validation_after_fork(name, step):
    per_epoch = None
    for line in open(os.path.join(root, name, "events.jsonl")):
        event = json.loads(line)
        if event.get("event") == "stage_started":
            per_epoch = event["steps_per_epoch"]
        if event.get("event") == "epoch_end" and (event["epoch"] + 1) * per_epoch > step:
            return event.get("validation_accuracy")
    return None

check("the fork's run.json names its parent run", parent in runs)
step = (runs[fork].get("forked_at") or {}).get("global_step")
check(f"the fork's run.json says where it forked (step {step})", isinstance(step, int) and step > 0)
a0, b0 = tensors(os.path.join(work, parent + ".at-fork.safetensors")), tensors(os.path.join(work, fork + ".at-fork.safetensors"))
a1, b1 = tensors(os.path.join(root, parent, "checkpoint.safetensors")), tensors(os.path.join(root, fork, "checkpoint.safetensors"))
check(f"at the fork both branches hold the same {len(a0)} tensors byte for byte", a0.keys() == b0.keys() and all(a0[k] == b0[k] for k in a0))
check("B's first layer unchanged byte for byte after 2 epochs", b1["dense/kernel"] == b0["dense/kernel"] and b1["dense/bias"] == b0["dense/bias"])
check("A's first layer changed", a1["dense/kernel"] != a0["dense/kernel"])
check("B's other layers changed", b1["dense_1/kernel"] != b0["dense_1/kernel"])
va, vb = first_validation_after_fork(parent, step), first_validation_after_fork(fork, step)
check(f"first validation accuracies after the fork differ (A {va}, B {vb})", va is not None and vb is not None and va != vb)
open(os.path.join(work, "python-ok"), "w").write(str(all(results)))
PY
check "the recorded runs check out" '[ "$(cat "$work/python-ok" 2>/dev/null)" = True ]'

finish fork
