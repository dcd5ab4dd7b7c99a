#!/usr/bin/env bash
# Reads neurotop checkpoints with Python's own safetensors: the names and shapes other tools
# expect, and, for the MLP, the weights evaluated with numpy on the MNIST test set give
# neurotop's reported test accuracy to 4 decimals. Installs safetensors and numpy from PyPI
# into a throwaway virtualenv; without PyPI it prints SKIP and passes, except in CI (CI=true),
# where it fails.
#
# Usage: Tests/e2e/safetensors-python.sh [path/to/neurotop]   (default: the release build)
source "$(dirname "$0")/lib/checks.bash" "$@"
venv=$(mktemp -d "${TMPDIR:-/tmp}/neurotop-st-venv.XXXXXX")
trap 'rm -rf "$NEUROTOP_RUNS" "$venv"' EXIT

unavailable() {
  if [ "${CI:-}" = "true" ]; then echo "FAILED: $1 (CI needs it)"; exit 1; fi
  echo "SKIP: $1; the safetensors check did not run"
  exit 0
}
python3 -m venv "$venv" >/dev/null 2>&1 || unavailable "python3 -m venv does not work here (install python3-venv)"
start=$(date +%s)
"$venv/bin/pip" install -q --disable-pip-version-check safetensors numpy >/dev/null 2>&1 ||
  unavailable "pip cannot install safetensors and numpy from PyPI"
echo "  pip install safetensors numpy: $(($(date +%s) - start)) s"
py="$venv/bin/python"

result() { sed -n '$p' | "$py" -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
mlp=$("$bin" train mlp-tanh-1 --epochs 1 --json)
cnn=$("$bin" train cnn-mp-conv --epochs 1 --steps-per-epoch 20 --json)
mlp_dir=$(result run_dir <<<"$mlp")
cnn_dir=$(result run_dir <<<"$cnn")
accuracy=$(result test_accuracy <<<"$mlp")

# Every layer's weights are there under <layer>/<parameter>, and their sizes add up to the
# parameter count neurotop announced for the layer.
names_and_shapes='
import json, math, sys
from safetensors.numpy import load_file
tensors = load_file(sys.argv[1] + "/checkpoint.safetensors")
stage = next(json.loads(l) for l in open(sys.argv[1] + "/events.jsonl") if "\"stage_started\"" in l)
ok = True
for layer in stage["layers"]:
    own = {k: v for k, v in tensors.items() if k.startswith(layer["name"] + "/") and v.dtype.name == "float32"}
    size = sum(v.size for v in own.values())
    if size != layer["parameter_count"]:
        print("  %s: %d weights in the file, %d announced" % (layer["name"], size, layer["parameter_count"]))
        ok = False
for name, shape in json.loads(sys.argv[2]).items():
    if list(tensors[name].shape) != shape:
        print("  %s has shape %s, expected %s" % (name, list(tensors[name].shape), shape))
        ok = False
sys.exit(0 if ok else 1)
'
check "mlp-tanh-1: Keras names and shapes" \
  '"$py" -c "$names_and_shapes" "$mlp_dir" "{\"dense/kernel\": [784, 100], \"dense/bias\": [100], \"dense_1/kernel\": [100, 10], \"dense_1/bias\": [10], \"optimizer/iterations\": []}"'
check "cnn-mp-conv: Keras names and shapes" \
  '"$py" -c "$names_and_shapes" "$cnn_dir" "{\"optimizer/iterations\": []}"'

evaluate='
import gzip, sys
import numpy as np
from safetensors.numpy import load_file
w = load_file(sys.argv[1] + "/checkpoint.safetensors")
def idx(path, offset):
    return np.frombuffer(gzip.open(path).read(), dtype=np.uint8, offset=offset)
x = idx("data/mnist/t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / np.float32(255)
y = idx("data/mnist/t10k-labels-idx1-ubyte.gz", 8)
hidden = np.tanh(x @ w["dense/kernel"] + w["dense/bias"])
predicted = np.argmax(hidden @ w["dense_1/kernel"] + w["dense_1/bias"], axis=1)
print("%.4f" % np.mean(predicted == y))
'
numpy_accuracy=$("$py" -c "$evaluate" "$mlp_dir")
echo "  neurotop test accuracy $accuracy, numpy on the checkpoint $numpy_accuracy"
check "numpy on the MLP checkpoint gives neurotop's test accuracy to 4 decimals" \
  '[ "$numpy_accuracy" = "$(printf "%.4f" "$accuracy")" ]'

finish "safetensors python e2e"
