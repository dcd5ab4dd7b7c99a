import Datasets
import NeuroEngine
import Testing

@testable import Experiments

/// The `pretrain:` section and the two autoencoder configs that ship.
@Suite struct PretrainingConfigTests {
    static let catalog = ConfigCatalog(directory: Fixtures.bundledDirectory)

    @Test(arguments: ["ae-pretrain", "ae-denoise"])
    func autoencoderConfigsFollowTheArticle(identifier: String) throws {
        let config = try Self.catalog.load(identifier)
        #expect(config.group == .autoencoder)
        let schedule = try #require(config.pretraining)
        #expect(
            schedule.stages
                == [100, 100, 100, 100].enumerated().map {
                    PretrainingSchedule.Stage(units: $1, epochs: $0 == 0 ? 5 : 10)
                })
        #expect(schedule.batchSize == 64)
        #expect(schedule.loss == .meanSquaredError)
        #expect(schedule.makeOptimizer().kind == "Adam")
        #expect(schedule.augmenter == (identifier == "ae-denoise" ? Augmenter.article : nil))
        #expect(config.reference?.testAccuracy == (identifier == "ae-denoise" ? 0.977 : 0.973))
        #expect(config.epochs == 5)

        let plan = try config.makePlan(data: Fixtures.dataset(count: 4))
        #expect(
            plan.stages.map(\.title) == [
                "pre-train 1/4", "pre-train 2/4", "pre-train 3/4", "pre-train 4/4", "fine-tune",
            ])
        #expect(plan.stages.map(\.epochs) == [5, 10, 10, 10, 5])
        #expect(plan.stages.map(\.target) == [.inputs, .inputs, .inputs, .inputs, .labels])
        #expect(
            plan.stages.map { $0.augmenter != nil } == [Bool](repeating: identifier == "ae-denoise", count: 4) + [false]
        )
        #expect(plan.stages.dropLast().map { $0.model.parameterCounts.trainable } == [78_400, 10_000, 10_000, 10_000])
        // ReLU 100-100-100-100-10 with biases, every layer trainable.
        #expect(plan.stages[4].model.parameterCounts.total == 78_500 + 3 * 10_100 + 1_010)
        #expect(plan.stages[4].model.parameterCounts.nonTrainable == 0)
        #expect(plan.stages[4].prepare != nil)
    }

    @Test func autoencoderConfigsAreListedForThePicker() {
        let entries = Self.catalog.entries().filter { $0.group == .autoencoder }
        #expect(entries.map(\.identifier).sorted() == ["ae-denoise", "ae-pretrain"])
        #expect(entries.allSatisfy { $0.problem == nil && $0.referenceAccuracy != nil })
    }

    @Test func fineTuningTakesTheTrainedMatricesThroughThePlan() throws {
        let config = try Self.catalog.load("ae-pretrain")
        let plan = try config.makePlan(data: Fixtures.dataset(count: 4))
        for k in 1..<4 { plan.stages[k].prepare?(plan.stages[k - 1].model, plan.stages[k].model) }
        plan.stages[4].prepare?(plan.stages[3].model, plan.stages[4].model)
        let w4 = try #require(plan.stages[3].model.layers[3].parameters.first).value.array
        let w1 = try #require(plan.stages[0].model.layers[0].parameters.first).value.array
        let mlp = plan.stages[4].model.layers
        #expect(try #require(mlp[0].parameters.first).value.array == w1)
        #expect(try #require(mlp[3].parameters.first).value.array == w4)
        #expect(w1.allSatisfy { abs($0) <= 0.05 })
    }

    @Test func everyKeyOfThePretrainSectionIsRead() throws {
        let config = try ConfigLoader.load(file: Fixtures.valid("pretrain-small.yaml"))
        let schedule = try #require(config.pretraining)
        #expect(
            schedule.stages == [
                .init(units: 32, epochs: 2),
                .init(units: 16, epochs: 2, kernelInitializer: .uniform(low: -0.1, high: 0.1)),
            ])
        #expect(schedule.batchSize == 16)
        #expect(schedule.loss == .meanSquaredError)
        #expect(schedule.makeOptimizer().learningRate == 0.002)
        #expect(schedule.augmenter == Augmenter(noisePixels: 10, rotationRange: 3))
    }

    @Test func pretrainingBatchSizeDefaultsToTheModelsFit() throws {
        let yaml = """
            name: x
            model: {input: [16], layers: [{Dense: {units: 8, activation: relu}}, {Dense: {units: 10, activation: softmax}}]}
            pretrain: {layers: [{TiedAutoencoder: 8}], fit: {epochs: 3}}
            compile: {loss: categorical_crossentropy, optimizer: Adam}
            fit: {batch_size: 50, epochs: 1}
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "inline.yaml", identifier: "inline")
        let schedule = try #require(config.pretraining)
        #expect(schedule.batchSize == 50)
        #expect(schedule.stages == [.init(units: 8, epochs: 3)])
        #expect(schedule.augmenter == nil)
    }

    @Test func tiedAutoencoderIsARegisteredLayer() throws {
        let yaml = """
            name: Autoencoder alone
            model: {input: [784], layers: [{TiedAutoencoder: {units: 100}}]}
            compile: {loss: mse, optimizer: Adam}
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "inline.yaml", identifier: "inline")
        let model = try config.makeModel()
        #expect(model.summary.map(\.kind) == ["TiedAutoencoder"])
        #expect(model.parameterCounts.total == 78_400)
        #expect(model.outputShape == [784])
    }
}

@Test func planPrefixStopsAfterAPretrainingStage() throws {
    let config = try PretrainingConfigTests.catalog.load("ae-denoise")
    let plan = try config.makePlan(data: Fixtures.dataset(count: 4))
    let first = plan.prefix(stages: 1)
    #expect(first.stages.count == 1)
    #expect(first.stages[0] === plan.stages[0])
    #expect(first.reference == nil, "the article's accuracy is for the whole run")
    #expect(plan.prefix(stages: 3).stages.map(\.title) == ["pre-train 1/4", "pre-train 2/4", "pre-train 3/4"])
    #expect(plan.prefix(stages: 5).reference == plan.reference)
}
