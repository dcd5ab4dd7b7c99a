#!/usr/bin/env bash
# Side-by-side with Keras 3 + TensorFlow (CPU) on this machine: installs them from PyPI into a
# throwaway virtualenv, builds neurotop in release, then trains each config in both, interleaved,
# and prints median epoch times, the speed-up and the test accuracies.
# Not part of CI (it downloads about 600 MB and takes minutes). Usage:
#   bench/compare-keras.sh [CONFIG...]        (default: mlp-tanh-1 cnn-mp-conv)
# Environment: KERAS_VENV (default /tmp/neurotop-keras-venv), EPOCHS (5), ROUNDS (1).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${KERAS_VENV:-/tmp/neurotop-keras-venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import keras, tensorflow" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q tensorflow-cpu keras
fi
swift build -c release >/dev/null
bin="$(swift build -c release --show-bin-path)/neurotop"
[ $# -gt 0 ] && configs=("$@") || configs=(mlp-tanh-1 cnn-mp-conv)
echo "# neurotop vs Keras $("$venv/bin/python" -c 'import keras; print(keras.__version__)' 2>/dev/null) + TensorFlow $("$venv/bin/python" -c 'import tensorflow as tf; print(tf.__version__)' 2>/dev/null)"
echo "# $(date -u +%Y-%m-%d), $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
"$venv/bin/python" bench/compare_keras.py "$bin" --epochs "${EPOCHS:-5}" --rounds "${ROUNDS:-1}" "${configs[@]}"
