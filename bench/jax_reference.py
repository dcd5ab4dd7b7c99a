"""mlp-tanh-1 and cnn-mp-conv in plain JAX, written as an expert would for speed, for the peer comparison.

The whole training step (forward, cross-entropy, gradient, Adam as Keras applies it) is one jitted
function, and an epoch is one `lax.scan` over its batches (the data shuffled on the device), so
Python is out of the loop. The CNN uses `lax.conv_general_dilated` (NHWC) with the same layers as
neurotop's config: Conv 3x3x10 (no bias) - BatchNorm - ReLU - MaxPool 2x2 - Conv 3x3x10 - BatchNorm -
ReLU - Dense 10 softmax; BatchNorm keeps Keras's moving statistics (momentum 0.99, epsilon 1e-3) for
the evaluation. Glorot-uniform kernels, zero biases, batch 64 (the last partial batch dropped, 937
steps). Prints one JSON line: per-epoch wall seconds (the first includes compilation), test accuracy.

Usage: python jax_reference.py MODEL [--epochs N] [--seed N] [--data DIR]
"""
import argparse
import gzip
import json
import os
import time

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

BATCH = 64


def read_idx(path):
    with gzip.open(path, "rb") as handle:
        data = handle.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def glorot(key, shape, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return jax.random.uniform(key, shape, jnp.float32, -limit, limit)


# -- models: (parameters, state) -> logits, new state

def mlp_init(key):
    k1, k2 = jax.random.split(key)
    params = {"w1": glorot(k1, (784, 100), 784, 100), "b1": jnp.zeros(100),
              "w2": glorot(k2, (100, 10), 100, 10), "b2": jnp.zeros(10)}
    return params, {}


def mlp_apply(params, state, x, training):
    h = jnp.tanh(x @ params["w1"] + params["b1"])
    return h @ params["w2"] + params["b2"], state


def batch_norm(x, gamma, beta, mean, var, training):
    if training:
        m = x.mean(axis=(0, 1, 2))
        v = x.var(axis=(0, 1, 2))
        new = (0.99 * mean + 0.01 * m, 0.99 * var + 0.01 * v)
    else:
        m, v, new = mean, var, (mean, var)
    return (x - m) * lax.rsqrt(v + 1e-3) * gamma + beta, new


def conv(x, w):
    return lax.conv_general_dilated(x, w, (1, 1), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC"))


def cnn_init(key):
    k1, k2, k3 = jax.random.split(key, 3)
    params = {"c1": glorot(k1, (3, 3, 1, 10), 9, 90), "g1": jnp.ones(10), "be1": jnp.zeros(10),
              "c2": glorot(k2, (3, 3, 10, 10), 90, 90), "g2": jnp.ones(10), "be2": jnp.zeros(10),
              "w": glorot(k3, (1960, 10), 1960, 10), "b": jnp.zeros(10)}
    state = {"m1": jnp.zeros(10), "v1": jnp.ones(10), "m2": jnp.zeros(10), "v2": jnp.ones(10)}
    return params, state


def cnn_apply(params, state, x, training):
    x = x.reshape(-1, 28, 28, 1)
    x, (m1, v1) = batch_norm(conv(x, params["c1"]), params["g1"], params["be1"], state["m1"], state["v1"], training)
    x = jax.nn.relu(x)
    x = lax.reduce_window(x, -jnp.inf, lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID")
    x, (m2, v2) = batch_norm(conv(x, params["c2"]), params["g2"], params["be2"], state["m2"], state["v2"], training)
    x = jax.nn.relu(x).reshape(x.shape[0], -1)
    return x @ params["w"] + params["b"], {"m1": m1, "v1": v1, "m2": m2, "v2": v2}


MODELS = {"mlp-tanh-1": (mlp_init, mlp_apply), "cnn-mp-conv": (cnn_init, cnn_apply)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model", choices=sorted(MODELS))
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "data", "mnist"))
    args = parser.parse_args()
    init, apply = MODELS[args.model]

    def images(name):
        return jnp.asarray(read_idx(os.path.join(args.data, name)).reshape(-1, 784).astype(np.float32) / 255.0)

    def labels(name):
        return jnp.asarray(read_idx(os.path.join(args.data, name)).astype(np.int32))

    x, y = images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz")
    xt, yt = images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz")
    steps = x.shape[0] // BATCH
    key = jax.random.PRNGKey(args.seed)
    params, state = init(key)
    zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
    adam = (zeros, zeros, jnp.zeros((), jnp.int32))

    def loss(params, state, xb, yb):
        logits, state = apply(params, state, xb, True)
        return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(logits), yb[:, None], axis=1)), state

    def step(carry, batch):
        params, state, (m, v, t) = carry
        (value, state), grads = jax.value_and_grad(loss, has_aux=True)(params, state, *batch)
        t = t + 1
        m = jax.tree_util.tree_map(lambda m, g: m + (g - m) * 0.1, m, grads)
        v = jax.tree_util.tree_map(lambda v, g: v + (g * g - v) * 0.001, v, grads)
        alpha = 1e-3 * jnp.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        params = jax.tree_util.tree_map(lambda p, m, v: p - alpha * m / (jnp.sqrt(v) + 1e-7), params, m, v)
        return (params, state, (m, v, t)), value

    @jax.jit
    def epoch(carry, key):
        order = jax.random.permutation(key, x.shape[0])[: steps * BATCH].reshape(steps, BATCH)
        return lax.scan(step, carry, (x[order], y[order]))

    @jax.jit
    def accuracy(params, state):
        logits, _ = apply(params, state, xt, False)
        return jnp.mean(jnp.argmax(logits, axis=1) == yt)

    carry = (params, state, adam)
    seconds = []
    for _ in range(args.epochs):
        key, sub = jax.random.split(key)
        start = time.perf_counter()
        carry, losses = epoch(carry, sub)
        jax.block_until_ready(losses)
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"epoch_seconds": seconds, "test_accuracy": float(accuracy(carry[0], carry[1]))}))


if __name__ == "__main__":
    main()
