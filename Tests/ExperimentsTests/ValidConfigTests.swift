import Foundation
import NeuroEngine
import Testing
import Training

@testable import Experiments

/// The files in `valid_configs/` load, build, and mean what Keras would take them to mean.
@Suite struct ValidConfigTests {
    @Test(arguments: Fixtures.validFiles)
    func validConfigLoadsAndBuilds(path: String) throws {
        let config = try ConfigLoader.load(file: path)
        #expect(config.identifier == ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
        #expect(config.file == path)
        let model = try config.makeModel()
        #expect(model.layers.count == config.layers.count)
        #expect(model.outputShape == [10])
    }

    @Test func omittedKeysTakeKerasDefaults() throws {
        let config = try ConfigLoader.load(file: Fixtures.valid("minimal.yaml"))
        #expect(config.name == "Minimal")
        #expect(config.dataset == "mnist")
        #expect(config.inputShape == [784])
        #expect(config.loss == .categoricalCrossentropy)
        #expect(config.optimizer == .kerasAdam)
        #expect(config.batchSize == 32)
        #expect(config.epochs == 1)
        #expect(config.seed == 1)
        #expect(config.reference == nil)
    }

    @Test func denseDefaultsAreKeras() throws {
        let yaml = """
            name: Defaults
            model: {input: [4], layers: [{Dense: {units: 3}}]}
            compile: {loss: mse, optimizer: Adam}
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "inline.yaml", identifier: "inline")
        let dense = try #require(try config.makeModel().layers.first as? Dense)
        #expect(dense.activation == .linear)
        #expect(dense.useBias)
        #expect(dense.trainable)
        #expect(dense.kernelInitializer == .glorotUniform)
        #expect(dense.biasInitializer == .zeros)
        #expect(dense.name == "dense")
        // Glorot-uniform bound for fan-in 4, fan-out 3 is sqrt(6/7).
        let kernel = try #require(dense.kernel)
        let bound = (6.0 / 7.0).squareRoot()
        #expect((0..<kernel.value.count).allSatisfy { abs(Double(kernel.value[$0])) <= bound })
        #expect((0..<kernel.value.count).contains { kernel.value[$0] != 0 })
    }

    @Test func sgdMomentumAndSquaredError() throws {
        let config = try ConfigLoader.load(file: Fixtures.valid("sgd-momentum.yaml"))
        #expect(config.dataset == "fashion-mnist")
        #expect(config.loss == .meanSquaredError)
        #expect(config.optimizer == .sgd(learningRate: 0.1, momentum: 0.9))
        #expect(config.batchSize == 128)
        #expect(config.epochs == 3)
        #expect(config.seed == 42)
        let optimizer = try #require(config.optimizer.makeOptimizer() as? SGD)
        #expect(optimizer.learningRate == 0.1)
        #expect(optimizer.momentum == 0.9)
        let model = try config.makeModel()
        #expect((model.layers[0] as? Dense)?.activation == .sigmoid)
    }

    @Test func kerasShortFormsMeanTheLongOnes() throws {
        let config = try ConfigLoader.load(file: Fixtures.valid("keras-forms.yaml"))
        #expect(config.inputShape == [784])
        #expect(config.layers.map(\.kind) == ["Dense", "Activation", "Dense", "Activation", "Dense", "Activation"])
        #expect(config.optimizer == .adam(learningRate: 0.001, beta1: 0.8, beta2: 0.99, epsilon: 1e-8))
        #expect(config.seed == 0)
        #expect(config.reference == ReferenceResult(testAccuracy: nil, source: "no figure in the article"))

        let layers = try config.makeModel().layers
        let first = try #require(layers[0] as? Dense)
        #expect(first.units == 50)
        #expect(first.activation == .linear)
        #expect((layers[1] as? ActivationLayer)?.activation == .tanh)
        let hidden = try #require(layers[2] as? Dense)
        #expect(hidden.name == "hidden")
        #expect(!hidden.useBias)
        #expect(hidden.parameters.count == 1)
        #expect(hidden.kernelInitializer == .uniform(low: -0.1, high: 0.1))
        #expect((layers[3] as? ActivationLayer)?.activation == .relu)
        let last = try #require(layers[4] as? Dense)
        #expect(last.kernelInitializer == .uniform(low: -0.05, high: 0.05))
        let bias = try #require(last.bias)
        #expect((0..<bias.value.count).allSatisfy { bias.value[$0] == 1 })
        #expect((layers[5] as? ActivationLayer)?.activation == .softmax)
        // Keras-style instance names: dense, activation, hidden, activation_1, dense_1, activation_2.
        #expect(layers.map(\.name) == ["dense", "activation", "hidden", "activation_1", "dense_1", "activation_2"])
    }

    @Test func imageLayersReadKerasArguments() throws {
        let config = try ConfigLoader.load(file: Fixtures.valid("cnn-keras-forms.yaml"))
        #expect(
            config.layers.map(\.kind) == [
                "Reshape", "Conv2D", "BatchNormalization", "MaxPooling2D", "Conv2D", "BatchNormalization",
                "MaxPooling2D", "Dropout", "Flatten", "Dense",
            ])
        let layers = try config.makeModel().layers
        let reshape = try #require(layers[0] as? Reshape)
        #expect(reshape.targetShape == [1, 28, -1])
        #expect(reshape.outputShape == [1, 28, 28])

        let first = try #require(layers[1] as? Conv2D)
        #expect(first.name == "first_conv")
        #expect(first.filters == 4)
        #expect(first.kernelSize == (3, 5))
        #expect(first.strides == (1, 1))
        #expect(first.padding == .same)
        #expect(first.activation == .relu)
        #expect(first.useBias)
        #expect(first.kernelInitializer == .uniform(low: -0.2, high: 0.2))
        #expect(first.kernel?.value.shape == [3, 5, 1, 4])

        let bare = try #require(layers[2] as? BatchNormalization)
        #expect(bare.axis == 1)
        #expect(bare.momentum == 0.99)
        #expect(bare.epsilon == 1e-3)
        #expect(bare.center && bare.scale)
        #expect(bare.parameters.map(\.value.count) == [4, 4, 4, 4])

        let pool = try #require(layers[3] as? MaxPooling2D)
        #expect(pool.poolSize == (2, 2))
        #expect(pool.strides == (2, 2), "strides default to the pool size")
        #expect(pool.padding == .valid)

        let frozen = try #require(layers[4] as? Conv2D)
        #expect(frozen.strides == (2, 1))
        #expect(frozen.padding == .valid)
        #expect(!frozen.useBias && !frozen.trainable)
        #expect(frozen.parameters.count == 1)
        #expect(frozen.outputShape == [6, 6, 12])

        let plain = try #require(layers[5] as? BatchNormalization)
        #expect(plain.momentum == 0.9)
        #expect(plain.epsilon == 1e-5)
        #expect(!plain.center && !plain.scale)
        #expect(plain.parameters.map(\.name) == ["moving_mean", "moving_variance"])

        let strided = try #require(layers[6] as? MaxPooling2D)
        #expect(strided.poolSize == (3, 2))
        #expect(strided.strides == (1, 2))
        #expect(strided.padding == .same)
        #expect(strided.outputShape == [6, 6, 6])

        #expect((layers[7] as? Dropout)?.rate == 0.25)
        #expect(layers[8].outputShape == [216])
        let counts = try config.makeModel().parameterCounts
        #expect(counts.total == 2_478)
        // The frozen convolution (216) and both BatchNorm layers' moving statistics (8 + 12).
        #expect(counts.nonTrainable == 236)
    }

    @Test func imageLayerDefaultsAreKeras() throws {
        let yaml = """
            name: Defaults
            model: {input: [1, 8, 8], layers: [{Conv2D: {filters: 2, kernel_size: 3}}, MaxPooling2D, BatchNormalization, Flatten, {Dense: 10}]}
            compile: {loss: mse, optimizer: Adam}
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "inline.yaml", identifier: "inline")
        let layers = try config.makeModel().layers
        let conv = try #require(layers[0] as? Conv2D)
        #expect(conv.strides == (1, 1))
        #expect(conv.padding == .valid)
        #expect(conv.activation == .linear)
        #expect(conv.useBias && conv.trainable)
        #expect(conv.kernelInitializer == .glorotUniform)
        #expect(conv.biasInitializer == .zeros)
        #expect(conv.name == "conv2d")
        let pool = try #require(layers[1] as? MaxPooling2D)
        #expect(pool.poolSize == (2, 2))
        #expect(pool.strides == (2, 2))
        #expect(pool.name == "max_pooling2d")
        let norm = try #require(layers[2] as? BatchNormalization)
        #expect(norm.axis == -1)
        #expect(norm.momentum == 0.99)
        #expect(norm.epsilon == 1e-3)
        #expect(norm.center && norm.scale && norm.trainable)
        #expect(norm.name == "batch_normalization")
        // axis -1 on [2, 3, 3]: one statistic per column.
        #expect(norm.parameters.map(\.value.count) == [3, 3, 3, 3])
        #expect(layers[3].name == "flatten")
    }

    @Test func dataFormatChannelsFirstIsAcceptedAndTheDefault() throws {
        func model(_ format: String) throws -> [Int] {
            let yaml = """
                name: Format
                model: {input: [3, 6, 6], layers: [{Conv2D: {filters: 2, kernel_size: 3\(format)}}, Flatten, {Dense: 10}]}
                compile: {loss: mse, optimizer: Adam}
                """
            let config = try ConfigLoader.parse(yaml: yaml, file: "inline.yaml", identifier: "inline")
            return try #require(config.makeModel().layers.first as? Conv2D).kernel?.value.shape ?? []
        }
        #expect(try model("") == [3, 3, 3, 2])
        #expect(try model(", data_format: channels_first") == [3, 3, 3, 2])
    }

    @Test func trainableNoFreezesEveryWeight() throws {
        let config = try ConfigLoader.load(file: Fixtures.valid("all-frozen.yaml"))
        #expect(config.optimizer == .sgd(learningRate: 0.01, momentum: 0))
        let counts = try config.makeModel().parameterCounts
        #expect(counts.total == 110)
        #expect(counts.trainable == 0)
        #expect(counts.nonTrainable == 110)
    }
}
