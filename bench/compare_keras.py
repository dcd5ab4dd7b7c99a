"""Runs the same configs in Keras and in neurotop, interleaved, and prints epoch times and ratios.

Usage: python compare_keras.py NEUROTOP_BINARY [--epochs 5] [--rounds 1] CONFIG...
Run with the Python that has Keras and TensorFlow installed (compare-keras.sh sets one up).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run_keras(config, epochs, data):
    out = subprocess.run(
        [sys.executable, os.path.join(HERE, "keras_reference.py"), config, "--epochs", str(epochs), "--data", data],
        check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return result["epoch_seconds"], result["test_accuracy"]


def run_neurotop(binary, config, epochs):
    out = subprocess.run([binary, "train", config, "--epochs", str(epochs), "--json"],
                         check=True, capture_output=True, text=True).stdout
    events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    seconds = [e["seconds"] for e in events if e["event"] == "epoch_end"]
    result = events[-1]
    return seconds, result["test_accuracy"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("configs", nargs="+")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--data", default=os.path.join(HERE, "..", "data", "mnist"))
    args = parser.parse_args()
    print(f"{'config':<14} {'round':>5} {'keras s/epoch':>14} {'neurotop s/epoch':>17} {'speed-up':>9}"
          f" {'keras acc':>10} {'neurotop acc':>13}")
    for config in args.configs:
        for round_index in range(args.rounds):
            keras_seconds, keras_accuracy = run_keras(config, args.epochs, args.data)
            ours_seconds, ours_accuracy = run_neurotop(args.binary, config, args.epochs)
            # The median epoch: Keras's first epoch includes graph tracing.
            keras_epoch = statistics.median(keras_seconds)
            ours_epoch = statistics.median(ours_seconds)
            print(f"{config:<14} {round_index + 1:>5} {keras_epoch:>14.3f} {ours_epoch:>17.3f}"
                  f" {keras_epoch / ours_epoch:>8.1f}x {keras_accuracy * 100:>9.2f}% {ours_accuracy * 100:>12.2f}%",
                  flush=True)
            print(f"{'':<14} {'':>5} total {sum(keras_seconds):>6.1f}s vs {sum(ours_seconds):>6.1f}s over"
                  f" {args.epochs} epochs", flush=True)


if __name__ == "__main__":
    main()
