#!/usr/bin/env bash
# The PyTorch hook (integrations/pytorch/neurotop_hook.py) in a plain training loop, run by PyTorch
# itself (torch from PyPI in a throwaway virtualenv, about 5 GB with its CUDA libraries, a few
# minutes): a 784-100-10 tanh MLP trained one epoch on MNIST from data/mnist's IDX files. The run's
# gradient line at step 50 holds the figures the loop measured itself (mean |g| from .grad, the
# update's mean |dw| and ||dw||/||w||); `neurotop watch --once --json` gives back every value the
# hook wrote; `neurotop export RUN --csv`, `runs --json` and `plot` read it with the loop's own
# figures; `compare` shows it beside a run of neurotop's own (120x40 tmux); under torch.distributed
# (2 processes, gloo) only rank 0 writes. Without PyPI it prints SKIP and passes, except in CI
# (CI=true).
#
# Usage: Tests/e2e/pytorch-python.sh [path/to/neurotop]   (default: the release build)
source "$(dirname "$0")/lib/checks.bash" "$@"
venv=$(mktemp -d "${TMPDIR:-/tmp}/neurotop-torch-venv.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/neurotop-torch.XXXXXX")
session="neurotop-torch-$$"
tmux_() { tmux -L "$session" -f /dev/null "$@"; }
trap 'tmux_ kill-server 2>/dev/null; rm -rf "$NEUROTOP_RUNS" "$venv" "$work"' EXIT

unavailable() {
  if [ "${CI:-}" = "true" ]; then echo "FAILED: $1 (CI needs it)"; exit 1; fi
  echo "SKIP: $1; the PyTorch checks did not run"
  exit 0
}
python3 -m venv "$venv" >/dev/null 2>&1 || unavailable "python3 -m venv does not work here (install python3-venv)"
start=$(date +%s)
"$venv/bin/pip" install -q --disable-pip-version-check torch >/dev/null 2>&1 ||
  unavailable "pip cannot install torch from PyPI"
echo "  pip install torch: $(($(date +%s) - start)) s, $(du -sh "$venv" | cut -f1)"
py="$venv/bin/python"
export PYTHONPATH="$PWD/integrations/pytorch"

# One epoch in a plain loop. Beside the run, what the loop measured itself (loop.json): the test
# figures, and at step 50 every parameter's mean |g| and the update's mean |dw| and ||dw||/||w||.
train='
import gzip, json, os, struct, sys, time
import torch
import torch.nn.functional as F
from neurotop_hook import NeurotopHook
data, runs, out = sys.argv[1], sys.argv[2], sys.argv[3]
def idx(name):
    raw = gzip.open(os.path.join(data, name + ".gz")).read()
    dims = raw[3]
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(raw[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)
x = idx("train-images-idx3-ubyte").float().div(255).reshape(-1, 784)
y = idx("train-labels-idx1-ubyte").long()
x_test = idx("t10k-images-idx3-ubyte").float().div(255).reshape(-1, 784)
y_test = idx("t10k-labels-idx1-ubyte").long()
torch.manual_seed(1)
model = torch.nn.Sequential()
model.add_module("fc1", torch.nn.Linear(784, 100))
model.add_module("tanh", torch.nn.Tanh())
model.add_module("fc2", torch.nn.Linear(100, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
batch = 64
steps = (len(x) + batch - 1) // batch
hook = NeurotopHook(model, runs=runs, name="torch-mlp", optimizer=optimizer, epochs=1, steps_per_epoch=steps,
                    batch_size=batch, every=50, samples=(x_test[:16], y_test[:16]), seed=1)
measured = {"parameters": {}}
order = torch.randperm(len(x))
for step in range(steps):
    chosen = order[step * batch:(step + 1) * batch]
    optimizer.zero_grad()
    output = model(x[chosen])
    loss = F.cross_entropy(output, y[chosen])
    loss.backward()
    if step + 1 == 50:
        before = {n: p.detach().clone() for n, p in model.named_parameters()}
    optimizer.step()
    if step + 1 == 50:
        for n, p in model.named_parameters():
            change = p.detach() - before[n]
            measured["parameters"][n] = {"mean_abs_gradient": p.grad.abs().mean().item(),
                "max_abs_gradient": p.grad.abs().max().item(), "mean_abs_update": change.abs().mean().item(),
                "update_ratio": (change.double().norm() / p.detach().double().norm()).item()}
    hook.batch_end(loss, accuracy=(output.argmax(1) == y[chosen]).float().mean(), batch_size=len(chosen))
model.eval()
with torch.no_grad():
    output = model(x_test)
    test_loss = F.cross_entropy(output, y_test).item()
    test_accuracy = (output.argmax(1) == y_test).float().mean().item()
hook.epoch_end(test_loss, test_accuracy)
hook.finish(test_loss, test_accuracy)
measured.update(test_loss=test_loss, test_accuracy=test_accuracy, run=hook.directory, steps=steps)
json.dump(measured, open(out, "w"))
print("test loss %.4f, test accuracy %.4f; the run is in %s" % (test_loss, test_accuracy, hook.directory))
'
echo "== one epoch of a PyTorch loop with the hook"
start=$(date +%s)
"$py" -c "$train" data/mnist "$NEUROTOP_RUNS" "$work/loop.json" > "$work/train.out" 2> "$work/train.err"
status=$?
check "the loop trains one epoch with the hook ($(($(date +%s) - start)) s: $(cat "$work/train.out"))" \
  '[ $status = 0 ] && grep -q "test accuracy" "$work/train.out"' || tail -5 "$work/train.err"
run=$("$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["run"])' "$work/loop.json")

# The hook's gradients line at step 50 against the loop's own measurements.
gradients='
import json, sys
loop = json.load(open(sys.argv[1]))
lines = [json.loads(line) for line in open(sys.argv[2])]
line = next(l for l in lines if l["event"] == "gradients" and l["global_step"] == 50)
ok = line.get("source") == "gradient" and len(line["parameters"]) == len(loop["parameters"]) == 4
for row in line["parameters"]:
    mine = loop["parameters"]["%s.%s" % (row["layer_name"], row["parameter_name"])]
    for field, value in mine.items():
        if abs(row[field] - value) > 1e-6 * abs(value):
            print("  %s.%s %s: hook %r, loop %r" % (row["layer_name"], row["parameter_name"], field, row[field], value))
            ok = False
fc1 = loop["parameters"]["fc1.weight"]
print("  fc1.weight at step 50: mean |g| %.3e, mean |dw| %.3e, |dw|/|w| %.3e" % (fc1["mean_abs_gradient"], fc1["mean_abs_update"], fc1["update_ratio"]))
sys.exit(0 if ok else 1)
'
check "the gradients line at step 50 holds what the loop measured (4 parameters)" \
  '"$py" -c "$gradients" "$work/loop.json" "$run/events.jsonl"'

echo "== neurotop reads the run"
"$bin" watch --once --json "$run" > "$work/watch.jsonl" 2> "$work/watch.err"
check "watch --once --json reads it without a notice" '[ -s "$work/watch.jsonl" ] && [ ! -s "$work/watch.err" ]' ||
  head -3 "$work/watch.err"
check "every value the hook wrote comes back equal" \
  '"$py" Tests/e2e/lib/same_stream.py "$run/events.jsonl" "$work/watch.jsonl"'

csv=$("$bin" export "$run" --csv 2> "$work/export.err")
row=$(tail -1 <<<"$csv")
expected_row='
import json, sys
lines = [json.loads(line) for line in open(sys.argv[1])]
epoch = next(l for l in lines if l["event"] == "epoch_end")
loop = json.load(open(sys.argv[2]))
row = sys.argv[3].split(",")
written = [epoch["epoch"] + 1, epoch["loss"], epoch["accuracy"], epoch["validation_loss"], epoch["validation_accuracy"], epoch["seconds"]]
import struct
f32 = lambda v: struct.unpack("<f", struct.pack("<f", v))[0]
ok = len(row) >= 6 and int(row[0]) == written[0] and all(f32(float(r)) == f32(w) for r, w in zip(row[1:5], written[1:5]))
ok = ok and abs(float(row[5]) - written[5]) <= 1e-9 * written[5] and f32(loop["test_accuracy"]) == f32(float(row[4]))
sys.exit(0 if ok else 1)
'
check "export --csv gives the epoch as the hook wrote it ($row)" \
  '"$py" -c "$expected_row" "$run/events.jsonl" "$work/loop.json" "$row"'

"$bin" runs --json > "$work/runs.jsonl" 2> "$work/runs.err"
listed=$(grep "\"$(basename "$run")\"" "$work/runs.jsonl")
check "runs --json lists it as finished with the loop's test accuracy ($(grep -o '"test_accuracy":[0-9.]*' <<<"$listed"))" \
  '"$py" -c "import json, sys; r = json.loads(sys.argv[1]); l = json.load(open(sys.argv[2])); sys.exit(not (r[\"status\"] == \"finished\" and abs(r[\"test_accuracy\"] - l[\"test_accuracy\"]) < 1e-7))" "$listed" "$work/loop.json"'

"$bin" train mlp-tanh-1 --epochs 1 > /dev/null 2>&1
ours=$(ls -d "$NEUROTOP_RUNS"/mlp-tanh-1-* | head -1)
"$bin" plot "$run" "$ours" -o "$work/plot.svg" 2> "$work/plot.err"
check "plot draws it beside a run of neurotop's own" '[ -s "$work/plot.svg" ] && grep -q "torch-mlp" "$work/plot.svg"' ||
  head -3 "$work/plot.err"

if command -v tmux > /dev/null; then
  tmux_ new-session -d -s "$session" -x 120 -y 40 "'$bin' compare '$run' '$ours'; sleep 5"
  shown=
  for _ in $(seq 1 50); do
    sleep 0.2
    screen=$(tmux_ capture-pane -p -t "$session" 2> /dev/null)
    if grep -q "torch-mlp" <<<"$screen"; then shown=1; break; fi
  done
  check "compare shows it beside neurotop's own run" '[ -n "$shown" ]' || sed 's/^/  | /' <<<"$screen" | head -20
  tmux_ send-keys -t "$session" q 2> /dev/null
else
  echo "  (tmux is not installed: compare not checked)"
fi

echo "== torch.distributed, 2 processes (gloo): only rank 0 writes"
distributed='
import os, sys
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from neurotop_hook import NeurotopHook
def worker(rank, runs, init):
    dist.init_process_group("gloo", init_method=init, rank=rank, world_size=2)
    model = torch.nn.Linear(4, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    hook = NeurotopHook(model, runs=runs, name="rank-%d" % rank, optimizer=optimizer, every=2)
    for step in range(4):
        optimizer.zero_grad()
        loss = model(torch.randn(8, 4)).pow(2).mean()
        loss.backward()
        optimizer.step()
        hook.batch_end(loss)
    hook.epoch_end()
    hook.finish()
    dist.destroy_process_group()
if __name__ == "__main__":
    mp.spawn(worker, args=(sys.argv[1], "file://" + sys.argv[2]), nprocs=2)
'
mkdir -p "$work/distributed"
# A file, not -c: the spawned processes import the worker from it.
echo "$distributed" > "$work/distributed.py"
"$py" "$work/distributed.py" "$work/distributed" "$work/rendezvous" > /dev/null 2> "$work/distributed.err"
status=$?
written=$(ls "$work/distributed" | tr '\n' ' ')
check "two ranks, one run directory: $written" '[ $status = 0 ] && [ "$(ls "$work/distributed")" = "$(ls "$work/distributed" | grep "^rank-0-")" ] && [ -n "$written" ]' ||
  tail -3 "$work/distributed.err"

finish pytorch-python
