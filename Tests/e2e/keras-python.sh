#!/usr/bin/env bash
# neurotop's configs as Keras scripts, run by Keras itself (keras and tensorflow-cpu from PyPI in a
# throwaway virtualenv): for mlp-tanh-1 and cnn-mp-conv, `neurotop export --keras` trains one epoch
# with the parameter counts `neurotop summary` gives and a test accuracy within 1 point of
# neurotop's own one-epoch run; the callback's run directory reads back in neurotop; and
# `neurotop import` of every bundled config's Keras twin (`model.to_json()`) gives a config whose
# `summary` equals the original's (its layer table and counts; the Keras model is named by the
# config's identifier, as Keras names must be, where neurotop's summary heads with the display name).
# mlp-tanh-1 also runs with `--tensorboard`: `neurotop watch --once --json` gives back every scalar
# (tag, split, step, value) and every histogram (tag, step, count, min, max) of that log as
# TensorFlow's own reader reads them, and every value of the callback's stream of the same run as
# Python's json reads it, equal to float32 precision (Tests/e2e/lib/same_stream.py).
# Without PyPI it prints SKIP and passes, except in CI (CI=true).
#
# Usage: Tests/e2e/keras-python.sh [path/to/neurotop]   (default: the release build)
source "$(dirname "$0")/lib/checks.bash" "$@"
venv=$(mktemp -d "${TMPDIR:-/tmp}/neurotop-keras-venv.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/neurotop-keras.XXXXXX")
trap 'rm -rf "$NEUROTOP_RUNS" "$venv" "$work"' EXIT

unavailable() {
  if [ "${CI:-}" = "true" ]; then echo "FAILED: $1 (CI needs it)"; exit 1; fi
  echo "SKIP: $1; the Keras checks did not run"
  exit 0
}
python3 -m venv "$venv" >/dev/null 2>&1 || unavailable "python3 -m venv does not work here (install python3-venv)"
start=$(date +%s)
# tensorflow-cpu no longer brings TensorBoard, which keras.callbacks.TensorBoard writes through.
"$venv/bin/pip" install -q --disable-pip-version-check keras tensorflow-cpu tensorboard >/dev/null 2>&1 ||
  unavailable "pip cannot install keras, tensorflow-cpu and tensorboard from PyPI"
echo "  pip install keras tensorflow-cpu tensorboard: $(($(date +%s) - start)) s"
py="$venv/bin/python"
export KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3

# `neurotop watch --once --json` on the run's TensorBoard log (keras.callbacks.TensorBoard, read
# by TensorFlow's own reader) and on the callback's event stream (read with Python's json): every
# value comes back equal, to float32 precision.
read_back() {
  local run=$1 logs=$2
  echo "== watch --once --json on the Keras TensorBoard log and the callback's stream of $(basename "$run")"
  "$bin" watch --once --json "$logs" > "$work/tb-read.jsonl" 2> "$work/tb-notices.txt"
  check "watch reads the TensorBoard log ($(wc -l < "$work/tb-read.jsonl") lines) without a notice" \
    '[ -s "$work/tb-read.jsonl" ] && [ ! -s "$work/tb-notices.txt" ]' || head -3 "$work/tb-notices.txt"
  check "every scalar of the TensorBoard log, as TensorFlow reads it, comes back equal" \
    '"$py" -c "$compare_tensorboard" "$logs" "$work/tb-read.jsonl" scalars'
  check "every histogram's count, min and max, as TensorFlow reads them, come back equal" \
    '"$py" -c "$compare_tensorboard" "$logs" "$work/tb-read.jsonl" histograms'
  "$bin" watch --once --json "$run" > "$work/stream-read.jsonl" 2> "$work/stream-notices.txt"
  check "watch reads the callback's stream without a notice" '[ ! -s "$work/stream-notices.txt" ]' ||
    head -3 "$work/stream-notices.txt"
  check "every value the callback wrote comes back equal" \
    '"$py" Tests/e2e/lib/same_stream.py "$run/events.jsonl" "$work/stream-read.jsonl"'
}

# TensorBoard's records as TensorFlow reads them (tf.compat.v1.train.summary_iterator, tensors
# decoded with tf.make_ndarray), against watch's lines. A tag's plugin is named on its first
# record only, so it is remembered per file.
compare_tensorboard='
import collections, glob, json, os, sys
import numpy as np
import tensorflow as tf
tf.get_logger().setLevel("ERROR")  # summary_iterator is deprecated, and says so on every call
logs, read, kind = sys.argv[1], sys.argv[2], sys.argv[3]
scalars, histograms = [], []
for path in sorted(glob.glob(os.path.join(logs, "**", "events.out.tfevents.*"), recursive=True)):
    split = os.path.basename(os.path.dirname(path))
    plugins = {}
    for event in tf.compat.v1.train.summary_iterator(path):
        for value in event.summary.value:
            if value.metadata.plugin_data.plugin_name:
                plugins[value.tag] = value.metadata.plugin_data.plugin_name
            plugin = plugins.get(value.tag)
            if value.HasField("simple_value"):
                scalars.append((split, value.tag, event.step, np.float32(value.simple_value)))
            elif plugin == "scalars":
                scalars.append((split, value.tag, event.step, np.float32(tf.make_ndarray(value.tensor))))
            elif plugin == "histograms":
                buckets = tf.make_ndarray(value.tensor)
                histograms.append((value.tag, event.step, float(buckets[:, 2].sum()), float(buckets[0, 0]), float(buckets[-1, 1])))
lines = [json.loads(line) for line in open(read)]
ok = True
if kind == "scalars":
    got = [(l.get("split"), l["tag"], l["step"], np.float32(l["value"])) for l in lines if l["event"] == "scalar"]
    # watch names the split of a loss or an accuracy; the rest have none.
    with_split = {tag for split, tag, step, value in got if split is not None}
    wrote = collections.Counter((s if t in with_split else None, t, step, v) for s, t, step, v in scalars)
    came = collections.Counter(got)
    for key in list((wrote - came).keys())[:5]:
        print("  written, not read back: %r" % (key,))
    for key in list((came - wrote).keys())[:5]:
        print("  read back, not written: %r" % (key,))
    tags = sorted({t for _, t, _, _ in scalars})
    print("  %d scalars written (%d tags: %s), %d read back, %d equal" % (sum(wrote.values()), len(tags), " ".join(tags), len(got), sum((wrote & came).values())))
    ok = wrote == came and len(scalars) > 900
else:
    got = collections.Counter((l["tag"], l["step"], float(np.float32(l["count"])), float(np.float32(l["min"])), float(np.float32(l["max"]))) for l in lines if l["event"] == "histogram")
    wrote = collections.Counter((t, s, float(np.float32(c)), float(np.float32(lo)), float(np.float32(hi))) for t, s, c, lo, hi in histograms)
    for key in list((wrote - got).keys())[:5]:
        print("  written, not read back: %r" % (key,))
    print("  %d histograms written (%s), %d read back, %d equal" % (len(histograms), ", ".join("%s %d values" % (t, c) for t, _, c, _, _ in histograms), sum(got.values()), sum((wrote & got).values())))
    ok = wrote == got and len(histograms) > 0
sys.exit(0 if ok else 1)
'

for config in mlp-tanh-1 cnn-mp-conv; do
  echo "== $config"
  "$bin" export "$config" --keras -o "$work/$config.py"
  check "export --keras writes a script" '[ -s "$work/$config.py" ]'
  tensorboard=()
  [ "$config" = mlp-tanh-1 ] && tensorboard=(--tensorboard "$work/tb-$config")
  "$py" "$work/$config.py" --epochs 1 --runs "$work/runs" "${tensorboard[@]}" > "$work/$config.out" 2> "$work/$config.err"
  status=$?
  check "Keras trains it for one epoch" '[ $status = 0 ] && grep -q "test accuracy" "$work/$config.out"' ||
    tail -5 "$work/$config.err"
  summary=$("$bin" summary "$config")
  total=$(grep "Total params" <<<"$summary" | grep -o '[0-9,]*' | head -1 | tr -d ,)
  trainable=$(grep "Trainable params" <<<"$summary" | grep -o '[0-9,]*' | head -1 | tr -d ,)
  keras_counts=$(grep -o "parameters: [0-9]* total, [0-9]* trainable" "$work/$config.out")
  check "Keras counts $keras_counts, neurotop summary $total total, $trainable trainable" \
    '[ "$keras_counts" = "parameters: $total total, $trainable trainable" ]'
  keras_accuracy=$(grep -o "test accuracy [0-9.]*" "$work/$config.out" | grep -o "[0-9.]*$")
  ours=$("$bin" train "$config" --epochs 1 --no-record --json | tail -1 | "$py" -c "import json,sys; print(json.load(sys.stdin)['test_accuracy'])")
  check "one epoch: Keras $keras_accuracy, neurotop $ours (within 1 point)" \
    '"$py" -c "import sys; sys.exit(abs($keras_accuracy - $ours) > 0.01)"'
  run=$(ls -d "$work/runs/$config"-* | head -1)
  csv=$("$bin" export "$run" --csv)
  check "the callback's run reads back in neurotop (export --csv: val_accuracy $(tail -1 <<<"$csv" | cut -d, -f5))" \
    '"$py" -c "import sys; sys.exit(abs(float(\"$(tail -1 <<<"$csv" | cut -d, -f5)\") - $keras_accuracy) > 5e-5)"'
  [ "$config" = mlp-tanh-1 ] && read_back "$run" "$work/tb-$config"
done

echo "== import: every bundled config's Keras twin"
configs=$("$bin" list | awk '{print $1}' | grep -E '^(mlp|cnn|ae)-')
for config in $configs; do "$bin" export "$config" --keras -o "$work/twin-$config.py"; done
"$py" - "$work" $configs <<'PY'
import importlib.util, os, sys
work = sys.argv[1]
for config in sys.argv[2:]:
    spec = importlib.util.spec_from_file_location("twin_" + config.replace("-", "_"), os.path.join(work, f"twin-{config}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.build_model()
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    open(os.path.join(work, f"{config}.json"), "w").write(model.to_json())
PY
same=0
for config in $configs; do
  if "$bin" import "$work/$config.json" -o "$work/$config-imported.yaml" 2> "$work/import.err" &&
    diff <("$bin" summary "$config" | tail -n +2) <("$bin" summary "$work/$config-imported.yaml" | tail -n +2) > /dev/null &&
    grep -qx "name: \"$config\"" "$work/$config-imported.yaml"; then
    same=$((same + 1))
  else
    echo "  $config: $(cat "$work/import.err")"
  fi
done
count=$(wc -w <<<"$configs")
check "import of model.to_json(): the same summary for $same of $count configs" '[ "$same" = "$count" ] && [ "$count" -gt 15 ]'

finish keras-python
