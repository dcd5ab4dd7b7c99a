#!/usr/bin/env bash
# Reads TensorBoard logs written by tensorboardX (the writer PyTorch's SummaryWriter is modelled
# on): `neurotop watch --once --json` on a log directory with two runs (one with Keras's train/
# and validation/ layout) gives back every scalar equal to what was written to float32 precision,
# every histogram's count, min, max and max |x| exactly and mean |x| within the bucket
# approximation (docs/watch.md), every single-channel image (PNG through Pillow) pixel for pixel;
# `neurotop watch --json` follows a file as the writer appends; and the dashboard (`neurotop watch`
# in a 120x40 tmux) shows a log growing as a Python writer adds to it: the header's step and the
# loss chart grow, the gradient histograms reach the layer table, q leaves the terminal as it was.
# Installs tensorboardX, numpy and Pillow from PyPI into a throwaway virtualenv; without PyPI it prints
# SKIP and passes, except in CI (CI=true), where it fails.
#
# Usage: Tests/e2e/tensorboard-python.sh [path/to/neurotop]   (default: the release build)
source "$(dirname "$0")/lib/checks.bash" "$@"
work=$(mktemp -d "${TMPDIR:-/tmp}/neurotop-tb.XXXXXX")
venv=$(mktemp -d "${TMPDIR:-/tmp}/neurotop-tb-venv.XXXXXX")
follower=
session="neurotop-watch-$$"
tmux_() { tmux -L "$session" -f /dev/null "$@"; }
trap '[ -n "$follower" ] && kill "$follower" 2>/dev/null; tmux_ kill-server 2>/dev/null; rm -rf "$NEUROTOP_RUNS" "$venv" "$work"' EXIT

unavailable() {
  if [ "${CI:-}" = "true" ]; then echo "FAILED: $1 (CI needs it)"; exit 1; fi
  echo "SKIP: $1; the TensorBoard check did not run"
  exit 0
}
python3 -m venv "$venv" >/dev/null 2>&1 || unavailable "python3 -m venv does not work here (install python3-venv)"
start=$(date +%s)
"$venv/bin/pip" install -q --disable-pip-version-check tensorboardX numpy pillow >/dev/null 2>&1 ||
  unavailable "pip cannot install tensorboardX, numpy and Pillow from PyPI"
echo "  pip install tensorboardX numpy pillow: $(($(date +%s) - start)) s"
py="$venv/bin/python"

# Writes the logs and, beside them, what was written (expected.json).
write_logs='
import json, sys
import numpy as np
from tensorboardX import SummaryWriter
root = sys.argv[1]
rng = np.random.default_rng(7)
expected = {"scalars": [], "histograms": [], "images": []}
def scalar(writer, run, tag, value, step):
    writer.add_scalar(tag, value, step)
    expected["scalars"].append({"run": run, "tag": tag, "step": step, "value": float(np.float32(value))})
def histogram(writer, run, tag, values, step):
    writer.add_histogram(tag, values, step)
    expected["histograms"].append({"run": run, "tag": tag, "step": step, "count": int(values.size),
        "min": float(values.min()), "max": float(values.max()), "sum": float(values.sum()),
        "max_abs": float(np.abs(values).max()), "mean_abs": float(np.abs(values).mean())})
a = SummaryWriter(root + "/run-a")
for step in range(20):
    scalar(a, "run-a", "Loss/train", 2.3 * np.exp(-step / 7) + rng.normal(0, 0.01), step)
    scalar(a, "run-a", "Accuracy/train", min(1.0, 0.1 + step * 0.047), step)
    scalar(a, "run-a", "lr", 1e-3 * 0.9 ** step, step)
    if step % 5 == 0:
        histogram(a, "run-a", "fc1.weight", rng.normal(0, 0.05 + step / 100, size=(128, 784)), step)
        histogram(a, "run-a", "fc1.weight.grad", rng.laplace(0, 1e-3, size=(128, 784)), step)
for step in (0, 10):
    digit = rng.integers(0, 256, size=(1, 28, 28), dtype=np.uint8)
    a.add_image("inputs", digit, step)
    expected["images"].append({"run": "run-a", "tag": "inputs", "step": step, "pixels": digit.reshape(-1).tolist()})
a.close()
train = SummaryWriter(root + "/run-b/train")
validation = SummaryWriter(root + "/run-b/validation")
for epoch in range(3):
    scalar(train, "run-b", "epoch_loss", 0.5 / (epoch + 1), epoch)
    scalar(train, "run-b", "epoch_accuracy", 0.9 + epoch * 0.02, epoch)
    scalar(validation, "run-b", "epoch_loss", 0.6 / (epoch + 1), epoch)
    scalar(validation, "run-b", "epoch_accuracy", 0.88 + epoch * 0.02, epoch)
    histogram(train, "run-b", "dense/kernel", rng.uniform(-0.3, 0.3, size=1000).astype(np.float32), epoch)
train.close()
validation.close()
json.dump(expected, open(root + "/expected.json", "w"))
'
"$py" -c "$write_logs" "$work/logs" 2>"$work/write.log" || { cat "$work/write.log"; echo "FAILED: the writer"; exit 1; }
mv "$work/logs/expected.json" "$work/expected.json"

"$bin" watch --once --json "$work/logs" >"$work/read.jsonl" 2>"$work/notices.txt"
status=$?
echo "  $(wc -l <"$work/read.jsonl") lines read, $(wc -l <"$work/notices.txt") notices"
check "watch --once --json exits 0" '[ "$status" -eq 0 ]'
check "no notices on a well-formed log" '[ ! -s "$work/notices.txt" ]'

compare='
import json, sys
import numpy as np
expected = json.load(open(sys.argv[1]))
lines = [json.loads(l) for l in open(sys.argv[2])]
kind = sys.argv[3]
ok = True
if kind == "scalars":
    read = {(l["run"], l["tag"], l.get("split"), l["step"]): l["value"] for l in lines if l["event"] == "scalar"}
    # A tag written in both train/ and validation/ is told apart by the split.
    for e in expected["scalars"]:
        candidates = [v for (run, tag, split, step), v in read.items() if (run, tag, step) == (e["run"], e["tag"], e["step"])]
        if not any(np.float32(v) == np.float32(e["value"]) for v in candidates):
            print("  %s %s step %d: wrote %r, read %r" % (e["run"], e["tag"], e["step"], e["value"], candidates)); ok = False
    written = len(expected["scalars"])
    print("  %d scalars written, %d read" % (written, len(read)))
    ok = ok and len(read) == written
    splits = {(l["run"], l["tag"], l["step"]): l.get("split") for l in lines if l["event"] == "scalar"}
    meanings = [(l["tag"], l.get("metric"), l.get("split")) for l in lines if l["event"] == "scalar" and l["run"] == "run-b"]
    if sorted(set(meanings)) != [("epoch_accuracy", "accuracy", "train"), ("epoch_accuracy", "accuracy", "validation"),
                                 ("epoch_loss", "loss", "train"), ("epoch_loss", "loss", "validation")]:
        print("  run-b meanings: %s" % sorted(set(meanings))); ok = False
elif kind == "images":
    read = {(l["run"], l["tag"], l["step"]): l for l in lines if l["event"] == "image"}
    for e in expected["images"]:
        r = read.get((e["run"], e["tag"], e["step"]))
        if r is None or (r["width"], r["height"]) != (28, 28) or r["pixels"] != e["pixels"]:
            print("  %s %s step %d: not read back pixel for pixel" % (e["run"], e["tag"], e["step"])); ok = False
    print("  %d images written, %d read" % (len(expected["images"]), len(read)))
    ok = ok and len(read) == len(expected["images"])
else:
    read = {(l["run"], l["tag"], l["step"]): l for l in lines if l["event"] == "histogram"}
    worst = 0.0
    for e in expected["histograms"]:
        r = read.get((e["run"], e["tag"], e["step"]))
        if r is None:
            print("  %s %s step %d: not read" % (e["run"], e["tag"], e["step"])); ok = False; continue
        for field in ("count", "min", "max", "max_abs"):
            if not np.isclose(r[field], e[field], rtol=1e-7, atol=0):
                print("  %s %s step %d %s: %r, expected %r" % (e["run"], e["tag"], e["step"], field, r[field], e[field])); ok = False
        if not np.isclose(r["sum"], e["sum"], rtol=1e-6, atol=1e-9):
            print("  %s %s sum: %r, expected %r" % (e["run"], e["tag"], r["sum"], e["sum"])); ok = False
        error = abs(r["mean_abs"] - e["mean_abs"]) / e["mean_abs"]
        worst = max(worst, error)
        if error > 0.05:
            print("  %s %s step %d mean_abs %r, numpy %r (%.1f%%)" % (e["run"], e["tag"], e["step"], r["mean_abs"], e["mean_abs"], 100 * error)); ok = False
    print("  %d histograms written, %d read; mean |x| at most %.2f%% from numpy" % (len(expected["histograms"]), len(read), 100 * worst))
    ok = ok and len(read) == len(expected["histograms"])
sys.exit(0 if ok else 1)
'
check "every scalar comes back equal to float32 precision, with its run and split" \
  '"$py" -c "$compare" "$work/expected.json" "$work/read.jsonl" scalars'
check "every histogram: count, min, max, max |x| exact, mean |x| within 5%" \
  '"$py" -c "$compare" "$work/expected.json" "$work/read.jsonl" histograms'

check "every image comes back pixel for pixel" \
  '"$py" -c "$compare" "$work/expected.json" "$work/read.jsonl" images'

# Following: a writer appends a scalar a second while `watch --json` polls the directory.
"$bin" watch --json "$work/logs/run-a" >"$work/follow.jsonl" 2>"$work/follow.err" &
follower=$!
append='
import sys, time
from tensorboardX import SummaryWriter
w = SummaryWriter(sys.argv[1], flush_secs=1)
for step in range(3):
    w.add_scalar("followed", 100.0 + step, step)
    w.flush()
    time.sleep(1)
w.close()
'
"$py" -c "$append" "$work/logs/run-a" 2>/dev/null
sleep 1
kill "$follower" 2>/dev/null
wait "$follower" 2>/dev/null
follower=
followed=$(grep -c '"tag":"followed"' "$work/follow.jsonl")
echo "  watch --json printed $followed of the 3 scalars appended while it ran"
check "watch --json follows what the writer appends" '[ "$followed" -eq 3 ]'

# The dashboard, live: a writer adds a step every 0.25 s (and gradient histograms every 10) while
# `neurotop watch` shows the log.
command -v tmux >/dev/null || { echo "tmux is not installed (scripts/install-deps.sh installs it)"; exit 1; }
live='
import sys, time
import numpy as np
from tensorboardX import SummaryWriter
w = SummaryWriter(sys.argv[1], flush_secs=1)
rng = np.random.default_rng(3)
for step in range(40):
    w.add_scalar("Loss/train", 2.3 * np.exp(-step / 10), step)
    w.add_scalar("Accuracy/train", min(1.0, 0.1 + step * 0.02), step)
    if step % 10 == 9:
        w.add_histogram("fc1.weight.grad", rng.laplace(0, 1e-3, size=1000), step)
        w.add_histogram("fc2.weight.grad", rng.laplace(0, 1e-2, size=100), step)
    w.flush()
    time.sleep(0.25)
w.close()
'
screen() { tmux_ capture-pane -p -t "$session"; }
header_step() { screen | sed -n 2p | grep -o "^ *step [0-9,]*" | grep -o "[0-9,]*$" | tr -d ,; }
# Cells drawn in the loss chart (rows 5-12, the columns right of its scale).
chart_cells() { screen | sed -n 5,12p | cut -c9-70 | tr -d " " | tr -d "\n" | wc -m; }
"$py" -c "$live" "$work/live/run-live" 2>"$work/live.err" &
writer=$!
for _ in $(seq 50); do ls "$work"/live/run-live/*tfevents* >/dev/null 2>&1 && break; sleep 0.1; done
tmux_ new-session -d -s "$session" -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=tmux-256color \
  "'$bin' watch '$work/live'; echo \$? > '$work/watch.exit'; sleep 60"
sleep 2
step1=$(header_step); cells1=$(chart_cells)
sleep 3
step2=$(header_step); cells2=$(chart_cells)
check "the header's step grows as the writer writes ($step1 -> $step2)" '[ -n "$step1" ] && [ "${step2:-0}" -gt "$step1" ]'
check "the loss chart grows ($cells1 -> $cells2 cells drawn)" '[ "$cells2" -gt "$cells1" ]'
wait "$writer"
sleep 1
final=$(screen)
check "the last step written shows (step 39)" 'grep -q "^ *step 39 " <<<"$final"'
check "gradient histograms fill the layer table (fc1, fc2, mean|g|)" \
  'grep -q "mean|g|" <<<"$final" && grep -q "▶ fc1" <<<"$final" && grep -q " fc2 " <<<"$final"'
check "the header says watching, and the source" 'grep -q "TensorBoard log.*watching" <<<"$final"'
tmux_ send-keys -t "$session" q
sleep 1
check "q quits with status 0" '[ "$(cat "$work/watch.exit" 2>/dev/null)" = 0 ]'
check "the terminal is left as it was (the shell's screen, no dashboard)" '! screen | grep -q "watching"'
[ "$failed" -eq 0 ] || { echo "  --- screen ---"; echo "$final" | sed "s/^/  | /"; }

finish "tensorboard python e2e"
