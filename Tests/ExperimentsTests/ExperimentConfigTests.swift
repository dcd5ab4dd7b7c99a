import Datasets
import Foundation
import NeuroEngine
import Testing

@testable import Experiments

/// Turning a loaded config into models and training plans.
@Suite struct ExperimentConfigTests {
    static func config(_ identifier: String = "mlp-tanh-1") throws -> ExperimentConfig {
        try ConfigCatalog(directory: Fixtures.bundledDirectory).load(identifier)
    }

    static func weights(_ model: Sequential) -> [[Float]] {
        model.layers.flatMap { $0.parameters.map(\.value.array) }
    }

    @Test func sameSeedGivesTheSameInitialModel() throws {
        let config = try Self.config()
        #expect(Self.weights(try config.makeModel(seed: 7)) == Self.weights(try config.makeModel(seed: 7)))
        #expect(Self.weights(try config.makeModel(seed: 7)) != Self.weights(try config.makeModel(seed: 8)))
        #expect(Self.weights(try config.makeModel()) == Self.weights(try config.makeModel(seed: config.seed)))
    }

    @Test func eachModelIsIndependent() throws {
        let config = try Self.config()
        let first = try config.makeModel()
        let second = try config.makeModel()
        first.layers[0].trainable = false
        #expect(second.layers[0].trainable)
        #expect(first.layers[0] !== second.layers[0])
    }

    @Test func planHasOneLabelledFitStageFromTheFile() throws {
        let config = try Self.config("mlp-tanh-2")
        let data = Fixtures.dataset()
        let plan = try config.makePlan(data: data)
        #expect(plan.name == "Tanh 100-100-10")
        #expect(plan.identifier == "mlp-tanh-2")
        #expect(plan.seed == 1)
        #expect(plan.reference == config.reference)
        #expect(plan.data.name == "synthetic")
        let stage = try #require(plan.stages.first)
        #expect(plan.stages.count == 1)
        #expect(stage.title == "fit")
        #expect(stage.target == .labels)
        #expect(stage.validates)
        #expect(stage.epochs == 5)
        #expect(stage.batchSize == 64)
        #expect(stage.loss == .categoricalCrossentropy)
        let adam = try #require(stage.optimizer as? Adam)
        #expect(adam.learningRate == 0.001)
        #expect(adam.beta1 == 0.9)
        #expect(adam.beta2 == 0.999)
        #expect(adam.epsilon == 1e-7)
        #expect(adam.iterations == 0)
        #expect(Self.weights(stage.model) == Self.weights(try config.makeModel()))
    }

    @Test func overridesReplaceTheFilesValues() throws {
        let config = try Self.config()
        let plan = try config.makePlan(data: Fixtures.dataset(), epochs: 2, batchSize: 128, seed: 99)
        let stage = try #require(plan.stages.first)
        #expect(stage.epochs == 2)
        #expect(stage.batchSize == 128)
        #expect(plan.seed == 99)
        #expect(Self.weights(stage.model) == Self.weights(try config.makeModel(seed: 99)))
    }

    @Test func nonPositiveOverridesAreRejected() throws {
        let config = try Self.config()
        #expect(throws: ConfigError.invalidOverride(option: "epochs", value: 0)) {
            try config.makePlan(data: Fixtures.dataset(), epochs: 0)
        }
        #expect(throws: ConfigError.invalidOverride(option: "batch size", value: -4)) {
            try config.makePlan(data: Fixtures.dataset(), batchSize: -4)
        }
        #expect(
            ConfigError.invalidOverride(option: "epochs", value: 0).description
                == "epochs must be a positive integer, got 0")
    }

    @Test func imagesOfAnotherSizeAreRejectedWithTheFix() throws {
        let config = try Self.config()
        do {
            _ = try config.makePlan(data: Fixtures.dataset(rows: 32, columns: 32))
            Issue.record("a 784-input model accepted 32x32 images")
        } catch {
            guard case .incompatibleData(let file, let message) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(file == config.file)
            #expect(message.contains("32x32"))
            #expect(message.contains("[1024]"))
        }
    }

    @Test func outputMustMatchTheClassCount() throws {
        let config = try Self.config()
        do {
            _ = try config.makePlan(data: Fixtures.dataset(classes: 5))
            Issue.record("a 10-class model accepted a 5-class dataset")
        } catch {
            guard case .incompatibleData(_, let message) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(message.contains("5 classes"))
            #expect(message.contains("units: 5"))
        }
    }

    @Test func planFromABundledConfigLearns() throws {
        let plan = try Self.config("mlp-relu-1").makePlan(data: Fixtures.bandDataset(count: 400))
        let stage = try #require(plan.stages.first)
        let train = plan.data.train
        let test = plan.data.test
        let batch = stage.batchSize
        let input = Tensor(shape: [batch, 784])
        let target = Tensor(shape: [batch, 10])
        for _ in 0..<2 {
            for start in stride(from: 0, to: train.count - batch + 1, by: batch) {
                target.fill(0)
                for row in 0..<batch {
                    train.copyImage(start + row, to: input.pointer + row * 784)
                    target[row * 10 + Int(train.labels[start + row])] = 1
                }
                stage.model.computeGradients(input: input, target: target, loss: stage.loss)
                _ = stage.optimizer.step(stage.model.trainableParameters, measureUpdateRatio: false)
            }
        }
        let testInput = Tensor(shape: [test.count, 784])
        for row in 0..<test.count { test.copyImage(row, to: testInput.pointer + row * 784) }
        let testTarget = Tensor(shape: [test.count, 10])
        for row in 0..<test.count { testTarget[row * 10 + Int(test.labels[row])] = 1 }
        let output = stage.model.forward(testInput, mode: .inference)
        let accuracy = Double(correctPredictions(prediction: output, target: testTarget)) / Double(test.count)
        // Chance is 0.1; twelve Adam steps on a config's model separate the bands.
        #expect(accuracy > 0.9, "test accuracy \(accuracy)")
    }

    @Test func configsCrossThreads() async throws {
        let config = try Self.config()
        let name = await Task.detached { config.name }.value
        #expect(name == config.name)
        let layerCount = await Task.detached { (try? config.makeModel().layers.count) ?? 0 }.value
        #expect(layerCount == 2)
    }
}
