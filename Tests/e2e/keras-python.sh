#!/usr/bin/env bash
# neurotop's configs as Keras scripts, run by Keras itself (keras and tensorflow-cpu from PyPI in a
# throwaway virtualenv): for mlp-tanh-1 and cnn-mp-conv, `neurotop export --keras` trains one epoch
# with the parameter counts `neurotop summary` gives and a test accuracy within 1 point of
# neurotop's own one-epoch run; the callback's run directory reads back in neurotop; and
# `neurotop import` of every bundled config's Keras twin (`model.to_json()`) gives a config whose
# `summary` equals the original's (its layer table and counts; the Keras model is named by the
# config's identifier, as Keras names must be, where neurotop's summary heads with the display name). Without PyPI it prints SKIP and passes, except in CI (CI=true).
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
"$venv/bin/pip" install -q --disable-pip-version-check keras tensorflow-cpu >/dev/null 2>&1 ||
  unavailable "pip cannot install keras and tensorflow-cpu from PyPI"
echo "  pip install keras tensorflow-cpu: $(($(date +%s) - start)) s"
py="$venv/bin/python"
export KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3

for config in mlp-tanh-1 cnn-mp-conv; do
  echo "== $config"
  "$bin" export "$config" --keras -o "$work/$config.py"
  check "export --keras writes a script" '[ -s "$work/$config.py" ]'
  "$py" "$work/$config.py" --epochs 1 --runs "$work/runs" > "$work/$config.out" 2> "$work/$config.err"
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
