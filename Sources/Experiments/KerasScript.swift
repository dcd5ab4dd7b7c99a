import Foundation
import NeuroEngine

/// A config as a standalone Keras 3 training script (`neurotop export CONFIG --keras`): the
/// same layers with the same names and initialisers, the same optimizer, loss and recipe,
/// MNIST read from the same IDX files, and the run written to `runs/` by neurotop's Keras
/// callback (inlined, so the script needs nothing but Keras and numpy).
///
/// Images are channels-last in the script (Keras's default and the only layout TensorFlow's
/// CPU convolutions take) where neurotop's configs say channels_first; the layers, their sizes
/// and parameter counts are the same.
public enum KerasScript {
    /// The script of `config`, with `callbackSource` (the text of
    /// `integrations/keras/neurotop_callback.py`) inlined, reading MNIST from `dataDirectory`.
    public static func text(config: ExperimentConfig, callbackSource: String, dataDirectory: String) throws(ConfigError)
        -> String
    {
        try Writer(config: config, callbackSource: callbackSource, dataDirectory: dataDirectory).text()
    }
}

private struct Writer {
    let config: ExperimentConfig
    let callbackSource: String
    let dataDirectory: String

    func text() throws(ConfigError) -> String {
        let model = try config.makeModel()
        var lines =
            header + [""] + callbackSource.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines += [""] + dataLoader + [""] + modelBuilder(model)
        if let schedule = config.pretraining {
            lines += [""] + pretraining(schedule, inputSize: model.inputShape.reduce(1, *))
        }
        lines += [""] + main(pretrains: config.pretraining != nil)
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Parts

    private var header: [String] {
        [
            "#!/usr/bin/env python3",
            "# \(config.name) (\(config.identifier)) as a Keras 3 script, written by `neurotop export \(config.identifier) --keras`.",
            "# The config's layers (names, initialisers), optimizer, loss and recipe; MNIST from the same IDX files;",
            "# the run recorded under --runs by neurotop's callback (below), for `neurotop replay` and `compare`.",
            "# Images are channels-last here, where the config says channels_first: the same layers and sizes.",
            "#",
            "#   python3 train.py [--epochs N] [--batch-size N] [--seed N] [--data DIR] [--runs DIR] [--distribute]",
            "#                    [--tensorboard DIR]",
            "#",
            "# --distribute trains data-parallel over every device Keras sees (keras.distribution.DataParallel),",
            "# for example the JAX backend with XLA_FLAGS=--xla_force_host_platform_device_count=2.",
            "# --tensorboard DIR also logs the run with keras.callbacks.TensorBoard (needs tensorflow and tensorboard):",
            "# per-batch and per-epoch scalars, validation under DIR/validation, weight histograms every epoch.",
            "import argparse",
            "import gzip",
            "import os",
            "import struct",
            "",
            "import numpy as np",
            "import keras",
            "from keras import layers",
            "",
            "CONFIG = \(python(config.identifier))",
            "NAME = \(python(config.name))",
            "DATA = \(python(dataDirectory))",
            "SEED = \(config.seed)",
            "EPOCHS = \(config.epochs)",
            "BATCH_SIZE = \(config.batchSize)",
            "INPUT_SHAPE = \(tuple(kerasShape(config.inputShape)))",
            "CLASSES = 10",
        ]
    }

    private var dataLoader: [String] {
        [
            "def read_idx(path):",
            "    \"\"\"An IDX file (gzip or raw) as a numpy array.\"\"\"",
            "    opener = gzip.open if path.endswith(\".gz\") else open",
            "    with opener(path, \"rb\") as handle:",
            "        data = handle.read()",
            "    dimensions = data[3]",
            "    shape = struct.unpack(\">\" + \"I\" * dimensions, data[4:4 + 4 * dimensions])",
            "    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dimensions).reshape(shape)",
            "",
            "",
            "def load(directory):",
            "    \"\"\"(x_train, y_train), (x_test, y_test): pixels in [0, 1] shaped INPUT_SHAPE, one-hot labels.\"\"\"",
            "    def find(stem):",
            "        for name in (stem + \".gz\", stem):",
            "            if os.path.exists(os.path.join(directory, name)):",
            "                return os.path.join(directory, name)",
            "        raise SystemExit(f\"no {stem}(.gz) in {directory}; give the MNIST directory with --data\")",
            "    def images(stem):",
            "        return (read_idx(find(stem)).astype(\"float32\") / 255.0).reshape((-1,) + INPUT_SHAPE)",
            "    def labels(stem):",
            "        return keras.utils.to_categorical(read_idx(find(stem)), CLASSES).astype(\"float32\")",
            "    return ((images(\"train-images-idx3-ubyte\"), labels(\"train-labels-idx1-ubyte\")),",
            "            (images(\"t10k-images-idx3-ubyte\"), labels(\"t10k-labels-idx1-ubyte\")))",
        ]
    }

    private func modelBuilder(_ model: Sequential) -> [String] {
        var lines = [
            "def build_model():",
            "    \"\"\"The config's model, layer for layer.\"\"\"",
            "    return keras.Sequential([",
            "        keras.Input(shape=INPUT_SHAPE),",
        ]
        for layer in model.layers { lines.append("        \(keras(layer)),") }
        lines.append("    ], name=CONFIG)")
        return lines
    }

    private func pretraining(_ schedule: PretrainingSchedule, inputSize: Int) -> [String] {
        let optimizer = schedule.makeOptimizer()
        let augmenter = schedule.augmenter
        var lines = [
            "class TiedAutoencoder(layers.Layer):",
            "    \"\"\"h = ReLU(x W), output = ReLU(h W^T): one matrix, no biases (neurotop's TiedAutoencoder).\"\"\"",
            "    def __init__(self, units, **kwargs):",
            "        super().__init__(**kwargs)",
            "        self.units = units",
            "",
            "    def build(self, input_shape):",
            "        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name=\"kernel\",",
            "                                      initializer=keras.initializers.RandomUniform(-0.05, 0.05))",
            "",
            "    def call(self, x):",
            "        h = keras.ops.relu(keras.ops.matmul(x, self.kernel))",
            "        return keras.ops.relu(keras.ops.matmul(h, keras.ops.transpose(self.kernel)))",
            "",
            "",
            "class PixelNoise(layers.Layer):",
            "    \"\"\"While training: noise of up to `level` added to `pixels` random pixels of each image.\"\"\"",
            "    def __init__(self, pixels, level, **kwargs):",
            "        super().__init__(**kwargs)",
            "        self.pixels, self.level = pixels, level",
            "        self.generator = keras.random.SeedGenerator(SEED)",
            "",
            "    def call(self, x, training=False):",
            "        if not training or self.pixels == 0:",
            "            return x",
            "        size = x.shape[-1]",
            "        chosen = keras.random.uniform(keras.ops.shape(x), seed=self.generator) < self.pixels / size",
            "        noise = keras.random.uniform(keras.ops.shape(x), maxval=self.level, seed=self.generator)",
            "        return keras.ops.clip(x + keras.ops.where(chosen, noise, 0.0), 0.0, 1.0)",
            "",
            "",
            "PRETRAIN_UNITS = \(schedule.units)",
            "PRETRAIN_EPOCHS = \(schedule.stages.map(\.epochs))",
            "PRETRAIN_BATCH_SIZE = \(schedule.batchSize)",
            "",
            "",
            "def corruption():",
            "    \"\"\"The denoising stages' corruption of the inputs, active only while training.\"\"\"",
        ]
        if let augmenter {
            let side = Int(Double(inputSize).squareRoot())
            lines += [
                "    return [",
                "        layers.Reshape((\(side), \(side), 1)),",
                "        layers.RandomRotation(\(augmenter.rotationRange) / 360.0, fill_mode=\"constant\", seed=SEED),",
                "        layers.RandomTranslation(\(augmenter.heightShiftRange), \(augmenter.widthShiftRange), fill_mode=\"constant\", seed=SEED),",
                "        layers.RandomZoom(\(augmenter.zoomRange), fill_mode=\"constant\", seed=SEED),",
                "        layers.Reshape((\(inputSize),)),",
                "        PixelNoise(\(augmenter.noisePixels), \(augmenter.noiseLevel)),",
                "    ]",
            ]
        } else {
            lines.append("    return []")
        }
        lines += [
            "",
            "",
            "def pretrain(classifier, x, x_test):",
            "    \"\"\"Greedy layer-wise pre-training: stage k trains a tied autoencoder between the frozen encoders",
            "    and decoders of the stages before it, to reproduce the image; the matrices then start the",
            "    classifier's first Dense kernels.\"\"\"",
            "    sizes = [\(inputSize)] + PRETRAIN_UNITS",
            "    trained = []",
            "    for k, (units, epochs) in enumerate(zip(PRETRAIN_UNITS, PRETRAIN_EPOCHS)):",
            "        encoders = [layers.Dense(sizes[i + 1], activation=\"relu\", use_bias=False, trainable=False) for i in range(k)]",
            "        decoders = [layers.Dense(sizes[i], activation=\"relu\", use_bias=False, trainable=False) for i in reversed(range(k))]",
            "        autoencoder = TiedAutoencoder(units)",
            "        stack = keras.Sequential([keras.Input(shape=(sizes[0],))] + corruption() + encoders + [autoencoder] + decoders)",
            "        for i, layer in enumerate(encoders):",
            "            layer.set_weights([trained[i]])",
            "        for layer, i in zip(decoders, reversed(range(k))):",
            "            layer.set_weights([trained[i].T])",
            "        stack.compile(optimizer=\(kerasOptimizer(optimizer)), loss=\(python(schedule.loss.rawValue)))",
            "        print(f\"pre-train {k + 1}/{len(PRETRAIN_UNITS)}\")",
            "        stack.fit(x, x, batch_size=PRETRAIN_BATCH_SIZE, epochs=epochs, validation_data=(x_test, x_test), verbose=2)",
            "        trained.append(keras.ops.convert_to_numpy(autoencoder.kernel))",
            "    dense = [layer for layer in classifier.layers if isinstance(layer, layers.Dense)]",
            "    for kernel, layer in zip(trained, dense):",
            "        layer.set_weights([kernel] + layer.get_weights()[1:])",
        ]
        return lines
    }

    private func main(pretrains: Bool) -> [String] {
        [
            "def main():",
            "    parser = argparse.ArgumentParser(description=f\"Train {NAME} ({CONFIG}) with Keras.\")",
            "    parser.add_argument(\"--epochs\", type=int, default=EPOCHS)",
            "    parser.add_argument(\"--batch-size\", type=int, default=BATCH_SIZE)",
            "    parser.add_argument(\"--seed\", type=int, default=SEED)",
            "    parser.add_argument(\"--data\", default=os.environ.get(\"NEUROTOP_DATA_DIR\", DATA))",
            "    parser.add_argument(\"--runs\", default=os.environ.get(\"NEUROTOP_RUNS\", \"runs\"))",
            "    parser.add_argument(\"--distribute\", action=\"store_true\",",
            "                        help=\"train data-parallel over every device (keras.distribution.DataParallel)\")",
            "    parser.add_argument(\"--tensorboard\", metavar=\"DIR\",",
            "                        help=\"also write a TensorBoard log to DIR (keras.callbacks.TensorBoard; needs tensorflow and tensorboard): \"",
            "                             \"batch_* scalars every batch, epoch_* scalars for train/ and validation/, \"",
            "                             \"a histogram of every weight each epoch\")",
            "    args = parser.parse_args()",
            "    if args.tensorboard:",
            "        try:",
            "            import tensorboard  # keras.callbacks.TensorBoard writes through TensorBoard's summary ops",
            "        except ImportError:",
            "            raise SystemExit(\"--tensorboard needs TensorBoard and TensorFlow: pip install tensorboard tensorflow\")",
            "    keras.utils.set_random_seed(args.seed)",
            "    if args.distribute:",
            "        devices = keras.distribution.list_devices()",
            "        keras.distribution.set_distribution(keras.distribution.DataParallel(devices=devices))",
            "        print(f\"data-parallel over {len(devices)} devices: {devices}\")",
            "    (x, y), (x_test, y_test) = load(args.data)",
            "    model = build_model()",
            pretrains ? "    pretrain(model, x.reshape(len(x), -1), x_test.reshape(len(x_test), -1))" : "",
            "    model.compile(optimizer=\(kerasOptimizer(config.optimizer.makeOptimizer())), loss=\(python(config.loss.rawValue)), metrics=[\"accuracy\"])",
            "    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)",
            "    print(f\"parameters: {model.count_params()} total, {trainable} trainable\")",
            "    callback = NeurotopCallback(args.runs, name=NAME, config=CONFIG, seed=args.seed,",
            "                                samples=(x_test[:16], y_test[:16]), batch_size=args.batch_size,",
            "                                dataset=\"mnist\", train_count=len(x), test_count=len(x_test))",
            "    callbacks = [callback]",
            "    if args.tensorboard:",
            "        callbacks.append(keras.callbacks.TensorBoard(log_dir=args.tensorboard, histogram_freq=1, update_freq=\"batch\"))",
            "    model.fit(x, y, batch_size=args.batch_size, epochs=args.epochs, validation_data=(x_test, y_test),",
            "              callbacks=callbacks, verbose=2)",
            "    loss, accuracy = model.evaluate(x_test, y_test, batch_size=500, verbose=0)",
            "    print(f\"test loss {loss:.4f}, test accuracy {accuracy:.4f}; the run is in {callback.directory}\")",
            "",
            "",
            "if __name__ == \"__main__\":",
            "    main()",
        ]
    }

    // MARK: - Layers

    /// The Keras layer for `layer`, as Python source.
    private func keras(_ layer: any Layer) -> String {
        var arguments: [String] = []
        let kind: String
        switch layer {
        case let dense as Dense:
            kind = "Dense"
            arguments = [
                "\(dense.units)", "activation=\(python(dense.activation.rawValue))", "use_bias=\(bool(dense.useBias))",
                "kernel_initializer=\(initializer(dense.kernelInitializer))",
                "bias_initializer=\(initializer(dense.biasInitializer))",
            ]
        case let conv as Conv2D:
            kind = "Conv2D"
            arguments = [
                "\(conv.filters)", "(\(conv.kernelSize.height), \(conv.kernelSize.width))",
                "strides=(\(conv.strides.height), \(conv.strides.width))", "padding=\(python(conv.padding.rawValue))",
                "activation=\(python(conv.activation.rawValue))", "use_bias=\(bool(conv.useBias))",
                "kernel_initializer=\(initializer(conv.kernelInitializer))",
                "bias_initializer=\(initializer(conv.biasInitializer))",
            ]
        case let norm as BatchNormalization:
            kind = "BatchNormalization"
            arguments = [
                "axis=-1", "momentum=\(norm.momentum)", "epsilon=\(norm.epsilon)", "center=\(bool(norm.center))",
                "scale=\(bool(norm.scale))",
            ]
        case let activation as ActivationLayer:
            kind = "Activation"
            arguments = [python(activation.activation.rawValue)]
        case let pool as MaxPooling2D:
            kind = "MaxPooling2D"
            arguments = [
                "(\(pool.poolSize.height), \(pool.poolSize.width))",
                "strides=(\(pool.strides.height), \(pool.strides.width))",
                "padding=\(python(pool.padding.rawValue))",
            ]
        case is Flatten:
            kind = "Flatten"
        case let dropout as Dropout:
            kind = "Dropout"
            arguments = ["\(dropout.rate)", "seed=SEED"]
        case let reshape as Reshape:
            kind = "Reshape"
            arguments = [tuple(kerasShape(reshape.targetShape))]
        default:
            return "layers.Identity(name=\(python(layer.name)))  # \(layer.kind): no Keras layer"
        }
        if !layer.trainable { arguments.append("trainable=False") }
        arguments.append("name=\(python(layer.name))")
        return "layers.\(kind)(\(arguments.joined(separator: ", ")))"
    }

    private func initializer(_ initializer: Initializer) -> String {
        switch initializer {
        case .uniform(let low, let high): "keras.initializers.RandomUniform(\(low), \(high))"
        default: python(initializer.kerasName)
        }
    }

    private func kerasOptimizer(_ optimizer: any Optimizer) -> String {
        if let sgd = optimizer as? SGD {
            return "keras.optimizers.SGD(learning_rate=\(sgd.learningRate), momentum=\(sgd.momentum))"
        }
        if let adam = optimizer as? Adam {
            return
                "keras.optimizers.Adam(learning_rate=\(adam.learningRate), beta_1=\(adam.beta1), beta_2=\(adam.beta2), epsilon=\(adam.epsilon))"
        }
        return "keras.optimizers.\(optimizer.kind)(learning_rate=\(optimizer.learningRate))"
    }

    /// Keras's channels-last shape for neurotop's `[channels, height, width]`; others as they are.
    private func kerasShape(_ shape: [Int]) -> [Int] {
        shape.count == 3 ? [shape[1], shape[2], shape[0]] : shape
    }

    private func tuple(_ values: [Int]) -> String {
        values.count == 1 ? "(\(values[0]),)" : "(" + values.map(String.init).joined(separator: ", ") + ")"
    }

    private func bool(_ value: Bool) -> String { value ? "True" : "False" }

    /// A Python string literal: a JSON one (the escapes are the same; slashes left alone).
    private func python(_ text: String) -> String {
        let data = try? JSONSerialization.data(
            withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
