import Foundation
import NeuroEngine
import Testing

@testable import Experiments

/// The configs that ship in `configs/` load, build, and match the article.
@Suite struct BundledConfigTests {
    static let catalog = ConfigCatalog(directory: Fixtures.bundledDirectory)

    /// The article's figures (REFERENCE.md sections 1 to 3).
    static let articleAccuracy: [String: Double] = [
        "mlp-tanh-1": 0.972, "mlp-tanh-2": 0.974, "mlp-tanh-3": 0.973, "mlp-tanh-4": 0.970,
        "mlp-relu-1": 0.976, "mlp-relu-2": 0.974, "mlp-relu-3": 0.974, "mlp-relu-4": 0.973,
        "mlp-linear-bn-1": 0.920, "mlp-linear-bn-2": 0.902, "mlp-linear-bn-3": 0.913, "mlp-linear-bn-4": 0.903,
        "mlp-tanh-4-frozen1": 0.97,
        "cnn-flat": 0.978, "cnn-mp-conv": 0.985, "cnn-mp-conv2": 0.985, "cnn-mp-conv3": 0.985,
    ]

    @Test func everyArticleExperimentShips() {
        let shipped = Set(Self.catalog.identifiers)
        for identifier in Self.articleAccuracy.keys {
            #expect(shipped.contains(identifier), "configs/\(identifier).yaml is missing")
        }
    }

    @Test(arguments: Fixtures.yamlFiles(in: Fixtures.bundledDirectory))
    func bundledConfigLoadsAndBuilds(path: String) throws {
        let config = try ConfigLoader.load(file: path)
        let model = try config.makeModel()
        #expect(model.outputShape == [10])
        #expect(config.dataset == "mnist")
        #expect(config.reference?.source.isEmpty == false, "every bundled config says where it comes from")
        let identifier = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        if let figure = Self.articleAccuracy[identifier] {
            #expect(config.reference?.testAccuracy == figure, "carries the article's figure")
        }
        let plan = try config.makePlan(data: Fixtures.dataset(count: 4))
        #expect(plan.stages.count >= 1)
    }

    @Test(arguments: ["tanh", "relu"], 1...4)
    func mlpConfigsFollowTheArticleSetup(activation: String, depth: Int) throws {
        let identifier = "mlp-\(activation)-\(depth)"
        let config = try Self.catalog.load(identifier)
        let expectedName =
            (activation == "tanh" ? "Tanh " : "ReLU ")
            + (Array(repeating: "100", count: depth) + ["10"]).joined(separator: "-")
        #expect(config.name == expectedName)
        #expect(config.inputShape == [784])
        #expect(config.loss == .categoricalCrossentropy)
        #expect(config.optimizer == .kerasAdam)
        #expect(config.batchSize == 64)
        #expect(config.epochs == 5)
        #expect(config.seed == 1)
        #expect(config.reference?.testAccuracy == Self.articleAccuracy[identifier])

        let layers = try config.makeModel().layers.compactMap { $0 as? Dense }
        #expect(layers.count == depth + 1)
        #expect(layers.dropLast().allSatisfy { $0.units == 100 && $0.activation.rawValue == activation })
        #expect(layers.last?.units == 10)
        #expect(layers.last?.activation == .softmax)
        #expect(layers.allSatisfy { $0.trainable })

        // 784·100 + 100, then 100·100 + 100 per further hidden layer, then 100·10 + 10.
        let expectedTotal = 78_500 + (depth - 1) * 10_100 + 1_010
        let counts = try config.makeModel().parameterCounts
        #expect(counts.total == expectedTotal)
        #expect(counts.trainable == expectedTotal)
    }

    @Test func tanhOneHiddenLayerHas79510Parameters() throws {
        let model = try Self.catalog.load("mlp-tanh-1").makeModel()
        #expect(model.summary.map(\.parameterCount) == [78_500, 1_010])
        let counts = model.parameterCounts
        #expect(counts.total == 79_510)
        #expect(counts.trainable == 79_510)
        #expect(counts.nonTrainable == 0)
    }

    @Test func frozenFirstLayerHas78500NonTrainable() throws {
        let config = try Self.catalog.load("mlp-tanh-4-frozen1")
        #expect(config.reference?.testAccuracy == 0.97)
        let model = try config.makeModel()
        #expect(model.layers.map(\.trainable) == [false, true, true, true, true])
        let counts = model.parameterCounts
        #expect(counts.total == 109_810)
        #expect(counts.nonTrainable == 78_500)
        #expect(counts.trainable == 31_310)
        // The article counts kernel weights only: 78,400 fewer trained.
        #expect(model.summary[0].kernelCount == 78_400)
    }

    @Test func frozenFirstLayerStaysAtItsInitialisationWhileTheRestLearn() throws {
        let plan = try Self.catalog.load("mlp-tanh-4-frozen1").makePlan(data: Fixtures.dataset(count: 8))
        let stage = try #require(plan.stages.first)
        let model = stage.model
        let before = model.layers.map { layer in layer.parameters.map(\.value.array) }

        let input = Tensor(shape: [8, 784])
        let target = Tensor(shape: [8, 10])
        for i in 0..<input.count { input[i] = Float(i % 7) / 7 }
        for row in 0..<8 { target[row * 10 + row % 10] = 1 }
        model.computeGradients(input: input, target: target, loss: stage.loss)
        _ = stage.optimizer.step(model.trainableParameters, measureUpdateRatio: false)

        let after = model.layers.map { layer in layer.parameters.map(\.value.array) }
        #expect(after[0] == before[0])
        #expect(after[1] != before[1])
    }

    // MARK: - Linear + BatchNorm MLPs and CNNs

    @Test(arguments: 1...4)
    func linearBatchNormConfigsFollowTheArticleSetup(depth: Int) throws {
        let identifier = "mlp-linear-bn-\(depth)"
        let config = try Self.catalog.load(identifier)
        #expect(config.name == "Linear " + String(repeating: "100-BN-", count: depth) + "10")
        Self.expectArticleSetup(config, identifier: identifier)
        #expect(config.inputShape == [784])
        let layers = try config.makeModel().layers
        #expect(
            layers.map(\.kind) == Array(repeating: ["Dense", "BatchNormalization"], count: depth).flatMap { $0 } + [
                "Dense"
            ])
        let dense = layers.compactMap { $0 as? Dense }
        #expect(dense.dropLast().allSatisfy { $0.units == 100 && $0.activation == .linear && $0.useBias })
        #expect(dense.last?.activation == .softmax)
        #expect(layers.compactMap { $0 as? BatchNormalization }.allSatisfy { $0.axis == -1 })
        // Per hidden layer: Dense as in the MLP table, then BatchNorm's 200 trainable gamma/beta
        // and 200 non-trainable moving statistics.
        let counts = try config.makeModel().parameterCounts
        #expect(counts.total == 78_500 + (depth - 1) * 10_100 + 1_010 + depth * 400)
        #expect(counts.nonTrainable == depth * 200)
    }

    @Test func convFlatDenseHas78540ParametersWith20NonTrainable() throws {
        let config = try Self.catalog.load("cnn-flat")
        Self.expectArticleSetup(config, identifier: "cnn-flat")
        let model = try config.makeModel()
        #expect(model.summary.map(\.kind) == ["Conv2D", "BatchNormalization", "Activation", "Flatten", "Dense"])
        #expect(model.summary.map(\.parameterCount) == [90, 40, 0, 0, 78_410])
        #expect(model.summary.map(\.outputShape) == [[10, 28, 28], [10, 28, 28], [10, 28, 28], [7_840], [10]])
        let counts = model.parameterCounts
        #expect(counts.total == 78_540)
        #expect(counts.trainable == 78_520)
        #expect(counts.nonTrainable == 20)
    }

    @Test(arguments: [("cnn-mp-conv", 1), ("cnn-mp-conv2", 2), ("cnn-mp-conv3", 3)])
    func poolingCNNsFollowTheArticle(identifier: String, convsAfterPooling: Int) throws {
        let config = try Self.catalog.load(identifier)
        Self.expectArticleSetup(config, identifier: identifier)
        #expect(config.inputShape == [1, 28, 28])
        let model = try config.makeModel()
        let block = ["Conv2D", "BatchNormalization", "Activation"]
        let kinds =
            block + ["MaxPooling2D"] + Array(repeating: block, count: convsAfterPooling).flatMap { $0 }
            + ["Flatten", "Dense"]
        #expect(model.summary.map(\.kind) == kinds)
        let convs = model.layers.compactMap { $0 as? Conv2D }
        #expect(convs.allSatisfy { $0.filters == 10 && $0.kernelSize == (3, 3) && $0.padding == .same && !$0.useBias })
        #expect(model.layers.compactMap { $0 as? BatchNormalization }.allSatisfy { $0.axis == 1 })
        #expect(model.layers.compactMap { $0 as? ActivationLayer }.allSatisfy { $0.activation == .relu })
        // conv 90 + BN 40, then per further Conv 900 + 40, then the 14·14·10 -> 10 dense 19,610.
        let counts = model.parameterCounts
        #expect(counts.total == 130 + convsAfterPooling * 940 + 19_610)
        #expect(counts.nonTrainable == (1 + convsAfterPooling) * 20)
        if identifier == "cnn-mp-conv" { #expect(counts.total == 20_680) }
    }

    /// REFERENCE.md's training setup: Keras's Adam, cross-entropy, batch 64, 5 epochs, seed 1,
    /// and the article's figure.
    static func expectArticleSetup(_ config: ExperimentConfig, identifier: String) {
        #expect(config.loss == .categoricalCrossentropy)
        #expect(config.optimizer == .kerasAdam)
        #expect(config.batchSize == 64)
        #expect(config.epochs == 5)
        #expect(config.seed == 1)
        #expect(config.reference?.testAccuracy == articleAccuracy[identifier])
    }
}
