#!/usr/bin/env python3
"""sgemm GFLOP/s of each GEMM candidate on the products neurotop's models perform, interleaved.

Each round runs every candidate once, in its own process (BLIS and OpenBLAS read their kernel
choice once per process): BLIS 0.9 with its `haswell` and `skx` sub-configurations, Debian's
OpenBLAS with the core type neurotop sets (SkylakeX) and with its own detection, and numpy's
bundled OpenBLAS (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for it alone, one thread like the
others; threadpoolctl says which kernel it runs). Prints per-shape medians over the rounds.

Usage: bench/gemm_kernels.py [ROUNDS] [SECONDS_PER_SHAPE]   (output: bench/gemm-kernels.out)
"""
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BLIS = "/usr/lib/x86_64-linux-gnu/blis-openmp/libblis.so.4"
OPENBLAS = "libopenblas.so.0"

NUMPY = r"""
import sys, time, numpy as np
from threadpoolctl import threadpool_limits, threadpool_info
shapes = [l.split() for l in sys.stdin.read().splitlines()]
budget = float(sys.argv[1])
with threadpool_limits(1):
    rng = np.random.default_rng(1)
    for label, kind, dims in shapes:
        m, n, k = map(int, dims.split("x"))
        a = rng.standard_normal((k, m) if kind[0] == "T" else (m, k), dtype=np.float32)
        b = rng.standard_normal((n, k) if kind[1] == "T" else (k, n), dtype=np.float32)
        a = a.T if kind[0] == "T" else a
        b = b.T if kind[1] == "T" else b
        c = np.empty((m, n), dtype=np.float32)
        per = int(2e6 / (2 * m * n * k)) + 1
        best, end = 0.0, time.perf_counter() + budget
        while True:
            t0 = time.perf_counter()
            for _ in range(per):
                np.matmul(a, b, out=c)
            best = max(best, 2 * m * n * k * per / (time.perf_counter() - t0) / 1e9)
            if time.perf_counter() > end:
                break
        print(label, kind, dims, "%.1f" % best)
    info = [i for i in threadpool_info() if i.get("user_api") == "blas"][0]
    print("# core", info.get("internal_api"), info.get("architecture"), "threads", info.get("num_threads"))
"""


def run(command, env, stdin=None):
    out = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True, check=True).stdout
    speeds, core = {}, ""
    for line in out.splitlines():
        if line.startswith("# core"):
            core = line[len("# core "):]
        else:
            fields = line.split()
            speeds[" ".join(fields[:3])] = float(fields[3])
    return speeds, core


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    budget = sys.argv[2] if len(sys.argv) > 2 else "0.1"
    build = tempfile.mkdtemp()
    probe = os.path.join(build, "gemm_probe")
    subprocess.run(["cc", "-O2", "-o", probe, os.path.join(HERE, "gemm_probe.c"), "-ldl"], check=True)
    shapes_text = subprocess.run([probe, BLIS, "0"], capture_output=True, text=True, check=True).stdout
    shapes = [" ".join(l.split()[:3]) for l in shapes_text.splitlines() if not l.startswith("#")]

    base = {k: v for k, v in os.environ.items() if not k.startswith(("BLIS_", "OPENBLAS_", "NEUROTOP_GEMM"))}
    base["OMP_NUM_THREADS"] = "1"
    candidates = {
        "blis-haswell": ([probe, BLIS, budget], dict(base, BLIS_ARCH_TYPE="3"), None),
        "blis-skx": ([probe, BLIS, budget], dict(base, BLIS_ARCH_TYPE="0"), None),
        "openblas SkylakeX": ([probe, OPENBLAS, budget], dict(base, OPENBLAS_CORETYPE="SkylakeX"), None),
        "openblas detected": ([probe, OPENBLAS, budget], dict(base), None),
        "numpy": ([sys.executable, "-c", NUMPY, budget], dict(base), "\n".join(shapes)),
    }
    results = {name: {s: [] for s in shapes} for name in candidates}
    cores = {}
    for _ in range(rounds):
        for name, (command, env, stdin) in candidates.items():
            speeds, cores[name] = run(command, env, stdin)
            for shape, value in speeds.items():
                results[name][shape].append(value)

    with open("/proc/cpuinfo") as f:
        info = f.read()
    model = next(l.split(":", 1)[1].strip() for l in info.splitlines() if l.startswith("model name"))
    family = next(l.split(":", 1)[1].strip() for l in info.splitlines() if l.startswith("cpu family"))
    number = next(l.split(":", 1)[1].strip() for l in info.splitlines() if l.startswith("model\t"))
    flags = next(l.split(":", 1)[1].split() for l in info.splitlines() if l.startswith("flags"))
    avx = " ".join(f for f in flags if f.startswith("avx512") or f in ("avx2", "fma"))
    print(f"CPU: {model} (family {family} model {number}), {os.cpu_count()} cores; {avx}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}; {rounds} interleaved rounds, "
          f"best of {budget} s per shape and round, one thread; median over rounds in GFLOP/s")
    for name in candidates:
        print(f"  {name:18s} runs: {cores[name]}")
    width = max(len(s) for s in shapes)
    print("\n" + "shape".ljust(width) + "".join(f"{name:>19s}" for name in candidates))
    for shape in shapes:
        row = [statistics.median(results[name][shape]) for name in candidates]
        print(shape.ljust(width) + "".join(f"{v:19.1f}" for v in row))
    fwd = shapes[0]
    numpy = statistics.median(results["numpy"][fwd])
    print(f"\n{fwd}: " + ", ".join(
        f"{name} {statistics.median(results[name][fwd]) / numpy * 100:.0f}% of numpy" for name in candidates
        if name != "numpy"))


if __name__ == "__main__":
    main()
