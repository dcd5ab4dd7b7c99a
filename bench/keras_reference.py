"""Trains one of neurotop's bundled experiments in Keras, for a side-by-side comparison.

Prints one JSON line: per-epoch wall times, the test loss and accuracy.
Usage: python keras_reference.py MODEL [--epochs N] [--seed N] [--data DIR]
MODEL: mlp-tanh-N, mlp-relu-N, mlp-tanh-4-frozen1, cnn-flat, cnn-mp-conv, cnn-mp-conv2, cnn-mp-conv3
"""
import argparse
import gzip
import json
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(directory):
    def images(name):
        return read_idx(os.path.join(directory, name)).astype("float32") / 255.0

    def labels(name):
        return keras.utils.to_categorical(read_idx(os.path.join(directory, name)), 10)

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


def conv_block(x):
    x = layers.Conv2D(10, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    return layers.Activation("relu")(x)


# Conv-MP-Conv(-Conv(-Conv))-10: how many Conv blocks follow the pooling.
CONVS_AFTER_POOLING = {"cnn-mp-conv": 1, "cnn-mp-conv2": 2, "cnn-mp-conv3": 3}


def build(name):
    if name.startswith("mlp-"):
        _, activation, depth = name.split("-")[:3]
        frozen = name.endswith("-frozen1")
        inputs = keras.Input((784,))
        x = inputs
        for index in range(int(depth)):
            x = layers.Dense(100, activation=activation, trainable=not (frozen and index == 0))(x)
    elif name == "cnn-flat":
        # channels_last: TensorFlow's CPU kernels do not run channels_first convolutions.
        inputs = keras.Input((28, 28, 1))
        x = layers.Flatten()(conv_block(inputs))
    elif name in CONVS_AFTER_POOLING:
        inputs = keras.Input((28, 28, 1))
        x = layers.MaxPooling2D(2)(conv_block(inputs))
        for _ in range(CONVS_AFTER_POOLING[name]):
            x = conv_block(x)
        x = layers.Flatten()(x)
    else:
        raise SystemExit(f"unknown model {name}")
    outputs = layers.Dense(10, activation="softmax")(x)
    model = keras.Model(inputs, outputs)
    model.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.Adam(), metrics=["accuracy"])
    return model


class EpochTimer(keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.times = []

    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.times.append(time.perf_counter() - self.start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "data", "mnist"))
    args = parser.parse_args()
    x_train, y_train, x_test, y_test = load(args.data)
    if args.model.startswith("cnn"):
        x_train, x_test = x_train[..., None], x_test[..., None]
    else:
        x_train, x_test = x_train.reshape(-1, 784), x_test.reshape(-1, 784)
    keras.utils.set_random_seed(args.seed)
    model = build(args.model)
    timer = EpochTimer()
    model.fit(x_train, y_train, batch_size=64, epochs=args.epochs, shuffle=True, verbose=0, callbacks=[timer])
    loss, accuracy = model.evaluate(x_test, y_test, batch_size=500, verbose=0)
    print(json.dumps({"model": args.model, "seed": args.seed, "epoch_seconds": timer.times,
                      "test_loss": float(loss), "test_accuracy": float(accuracy)}))


if __name__ == "__main__":
    main()
