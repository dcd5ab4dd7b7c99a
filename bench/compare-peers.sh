#!/usr/bin/env bash
# neurotop against Keras on TensorFlow, Keras on JAX and JAX written for speed, interleaved, on this
# machine: installs keras, tensorflow-cpu and jax from PyPI into a throwaway virtualenv, builds
# neurotop in release and runs bench/compare_peers.py. Not part of CI (it downloads about 700 MB and
# takes tens of minutes: the plain-JAX CNN alone takes over a minute an epoch on 2 cores). Usage:
#   bench/compare-peers.sh [CONFIG...]        (default: mlp-tanh-1 cnn-mp-conv)
# Environment: PEERS_VENV (default /tmp/neurotop-peers-venv), ROUNDS (3), EPOCHS (3).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${PEERS_VENV:-/tmp/neurotop-peers-venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import keras, tensorflow, jax" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q tensorflow-cpu keras jax
fi
swift build -c release >/dev/null
bin="$(swift build -c release --show-bin-path)/neurotop"
versions=$("$venv/bin/python" -c 'import keras, tensorflow, jax; print(f"Keras {keras.__version__}, TensorFlow {tensorflow.__version__}, JAX {jax.__version__}")' 2>/dev/null)
echo "# neurotop vs $versions"
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$venv/bin/python" bench/compare_peers.py --rounds "${ROUNDS:-3}" --epochs "${EPOCHS:-3}" "$bin" "$@"
