import Datasets
import NeuroEngine
import Testing
import Training

/// `TrainingPlan.validate()`, the one check of a plan against its data (4x4 images, 10 classes).
struct TrainingPlanValidationTests {
    private func plan(_ inputShape: [Int], _ layers: [any Layer], target: StageTarget = .labels) throws
        -> TrainingPlan
    {
        var rng = SeededRandom(seed: 1)
        let model = try Sequential(inputShape: inputShape, layers: layers, rng: &rng)
        let loss: Loss = target == .labels ? .categoricalCrossentropy : .meanSquaredError
        let stage = TrainingStage(
            title: "stage", model: model, loss: loss, optimizer: Adam(), epochs: 1, batchSize: 8, target: target)
        return TrainingPlan(name: "p", identifier: "p", data: syntheticDataset(), stages: [stage], seed: 1)
    }

    @Test func aFittingPlanPasses() throws {
        try plan([16], [Dense(units: 10, activation: .softmax)]).validate()
        try plan([1, 4, 4], [Flatten(), Dense(units: 10, activation: .softmax)]).validate()
        try plan([16], [Dense(units: 16, activation: .relu)], target: .inputs).validate()
    }

    @Test func anImageInputOfTheRightSizeButAnotherShapeIsRefused() throws {
        let bad = try plan([1, 2, 8], [Flatten(), Dense(units: 10, activation: .softmax)])
        #expect(throws: PlanError.inputMismatch(inputShape: [1, 2, 8], dataset: "synthetic", rows: 4, columns: 4)) {
            try bad.validate()
        }
    }

    @Test func theMessageSaysWhatToSetModelInputTo() throws {
        let error = PlanError.inputMismatch(inputShape: [784], dataset: "synthetic", rows: 4, columns: 4)
        #expect(
            error.description
                == "model.input [784] holds 784 values but dataset 'synthetic' has 4x4 images (16 pixels); "
                + "set model.input to [16] or [1, 4, 4]")
    }

    @Test func aClassifierWithTheWrongClassCountIsRefused() throws {
        let bad = try plan([16], [Dense(units: 5, activation: .softmax)])
        #expect(throws: PlanError.classCountMismatch(outputShape: [5], dataset: "synthetic", classes: 10)) {
            try bad.validate()
        }
    }

    @Test func anAutoencoderMustReproduceTheWholeImage() throws {
        let bad = try plan([16], [Dense(units: 8, activation: .relu)], target: .inputs)
        #expect(throws: PlanError.reconstructionMismatch(stage: "stage", outputShape: [8], pixels: 16)) {
            try bad.validate()
        }
    }
}
