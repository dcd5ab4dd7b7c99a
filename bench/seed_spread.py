"""How much a config's test accuracy moves with the seed, in neurotop and (optionally) in Keras.

A 5-epoch run ends wherever the last epoch happens to leave it; a single figure says little
about a recipe when seeds differ by tenths of a point. This trains each config once per seed and
prints every accuracy with the mean, standard deviation, minimum and maximum.

Usage: python seed_spread.py NEUROTOP_BINARY [--seeds 1-5] [--epochs 5] [--keras] CONFIG...
--keras also trains the same recipe in Keras (run with a Python that has Keras and TensorFlow;
compare-keras.sh sets one up). Keras and neurotop draw different random numbers for one seed,
so compare the spreads, not seed by seed.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def neurotop_accuracy(binary, config, seed, epochs):
    out = subprocess.run([binary, "train", config, "--epochs", str(epochs), "--seed", str(seed), "--json"],
                         check=True, capture_output=True, text=True).stdout
    events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return events[-1]["test_accuracy"]


def keras_accuracy(config, seed, epochs, data):
    out = subprocess.run(
        [sys.executable, os.path.join(HERE, "keras_reference.py"), config, "--epochs", str(epochs),
         "--seed", str(seed), "--data", data],
        check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])["test_accuracy"]


def seed_list(text):
    """'1-5' or '1,4,9' -> [1, 2, 3, 4, 5] or [1, 4, 9]."""
    if "-" in text:
        low, high = (int(part) for part in text.split("-", 1))
        return list(range(low, high + 1))
    return [int(part) for part in text.split(",")]


def summary(accuracies):
    percent = [a * 100 for a in accuracies]
    spread = statistics.stdev(percent) if len(percent) > 1 else 0.0
    return (f"mean {statistics.mean(percent):.2f}%  sd {spread:.2f}  "
            f"min {min(percent):.2f}%  max {max(percent):.2f}%")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("configs", nargs="+")
    parser.add_argument("--seeds", type=seed_list, default=seed_list("1-5"))
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--keras", action="store_true")
    parser.add_argument("--data", default=os.path.join(HERE, "..", "data", "mnist"))
    args = parser.parse_args()
    for config in args.configs:
        runs = {"neurotop": []}
        if args.keras:
            runs["keras"] = []
        for seed in args.seeds:
            line = f"{config:<14} seed {seed:>3}"
            # Interleaved, so both see the same machine load over the sweep.
            runs["neurotop"].append(neurotop_accuracy(args.binary, config, seed, args.epochs))
            line += f"  neurotop {runs['neurotop'][-1] * 100:6.2f}%"
            if args.keras:
                runs["keras"].append(keras_accuracy(config, seed, args.epochs, args.data))
                line += f"  keras {runs['keras'][-1] * 100:6.2f}%"
            print(line, flush=True)
        for name, accuracies in runs.items():
            print(f"{config:<14} {name:<9} {summary(accuracies)}", flush=True)


if __name__ == "__main__":
    main()
