"""neurotop against its peers on one CPU, interleaved: Keras 3 on TensorFlow, Keras 3 on JAX, and
plain JAX written for speed (jax_reference.py). Each round trains every contender for --epochs
epochs in turn; the medians over the rounds of each one's median epoch time are printed with the
ratio of the fastest peer's to neurotop's, and, for the GEMM, numpy's sgemm speed (OpenBLAS) on
the MLP's first product beside neurotop's on the same shape, measured in turns.

Usage: python compare_peers.py NEUROTOP_BINARY [--rounds 3] [--epochs 3] [CONFIG...]
Run with a Python that has keras, tensorflow-cpu and jax (compare-peers.sh sets one up).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "mnist")


def last_json(text):
    return json.loads([line for line in text.splitlines() if line.startswith("{")][-1])


def neurotop(binary, config, epochs):
    out = subprocess.run([binary, "train", config, "--epochs", str(epochs), "--json", "--no-record"],
                         check=True, capture_output=True, text=True).stdout
    events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return [e["seconds"] for e in events if e["event"] == "epoch_end"], events[-1]["test_accuracy"]


def python_peer(script, backend):
    def run(binary, config, epochs):
        environment = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
        if backend:
            environment["KERAS_BACKEND"] = backend
        out = subprocess.run([sys.executable, os.path.join(HERE, script), config, "--epochs", str(epochs),
                              "--data", DATA], check=True, capture_output=True, text=True, env=environment).stdout
        result = last_json(out)
        return result["epoch_seconds"], result["test_accuracy"]
    return run


CONTENDERS = [
    ("neurotop", neurotop),
    ("Keras+TF", python_peer("keras_reference.py", "tensorflow")),
    ("Keras+JAX", python_peer("keras_reference.py", "jax")),
    ("JAX expert", python_peer("jax_reference.py", None)),
]


def numpy_sgemm(m=64, k=784, n=100, seconds=1.0):
    """numpy's single-precision GEMM on one shape, GFLOP/s (the best of a few timed runs)."""
    a = np.random.rand(m, k).astype(np.float32)
    b = np.random.rand(k, n).astype(np.float32)
    best = 0.0
    for _ in range(5):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 5:
            a @ b
            count += 1
        best = max(best, 2 * m * k * n * count / (time.perf_counter() - start) / 1e9)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("configs", nargs="*", default=["mlp-tanh-1", "cnn-mp-conv"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args()
    for config in args.configs:
        times = {name: [] for name, _ in CONTENDERS}
        accuracies = {name: [] for name, _ in CONTENDERS}
        print(f"# {config}: {args.rounds} rounds of {args.epochs} epochs each, interleaved", flush=True)
        for round_index in range(args.rounds):
            # The order turns each round, so that drift in the machine's load falls on everyone.
            order = CONTENDERS[round_index % len(CONTENDERS):] + CONTENDERS[:round_index % len(CONTENDERS)]
            for name, run in order:
                seconds, accuracy = run(args.binary, config, args.epochs)
                # The median epoch: a peer's first epoch includes tracing and compilation.
                times[name].append(statistics.median(seconds))
                accuracies[name].append(accuracy)
                print(f"  round {round_index + 1}  {name:<11} {statistics.median(seconds):8.3f} s/epoch"
                      f"  test accuracy {accuracy * 100:.2f}%", flush=True)
        medians = {name: statistics.median(values) for name, values in times.items()}
        fastest_peer = min((name for name in medians if name != "neurotop"), key=medians.get)
        print(f"{'contender':<12} {'median s/epoch':>15} {'vs neurotop':>12} {'test acc':>9}")
        for name, _ in CONTENDERS:
            print(f"{name:<12} {medians[name]:>15.3f} {medians[name] / medians['neurotop']:>11.2f}x"
                  f" {statistics.median(accuracies[name]) * 100:>8.2f}%")
        print(f"neurotop is {medians[fastest_peer] / medians['neurotop']:.2f}x the fastest peer ({fastest_peer})\n",
              flush=True)
    # The two kernels' speeds in turns, each the best of its turns: a busy minute that slows one
    # measurement falls on both sides, and does not decide the comparison alone.
    numpy_speeds, neurotop_results = [], []
    for _ in range(args.rounds):
        numpy_speeds.append(numpy_sgemm())
        bench = subprocess.run([args.binary, "bench", "mlp-tanh-1", "--json", "--steps", "100", "--repeats", "1"],
                               check=True, capture_output=True, text=True).stdout
        neurotop_results.append(last_json(bench))
    products = [r.get("sgemm_products", {}).get("64x100x784", {}) for r in neurotop_results]
    own_speeds = [product.get("gflops", 0.0) for product in products]
    numpy_best, own_best = max(numpy_speeds), max(own_speeds)
    kernel = products[own_speeds.index(own_best)].get("kernel", "")
    turns = lambda speeds: ", ".join(f"{x:.1f}" for x in speeds)
    print(f"sgemm 64x784x100, best of {args.rounds} turns each: numpy (OpenBLAS) {numpy_best:.1f} GFLOP/s "
          f"({turns(numpy_speeds)}); neurotop ({kernel}) {own_best:.1f} GFLOP/s ({turns(own_speeds)}): "
          f"{own_best / numpy_best * 100:.0f}% of numpy's")


if __name__ == "__main__":
    main()
