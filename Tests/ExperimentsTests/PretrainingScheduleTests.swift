import NeuroEngine
import Testing
import Training

@testable import Experiments

private func articleStages(seed: UInt64 = 1) throws -> [TrainingStage] {
    var rng = SeededRandom(seed: seed)
    return try PretrainingSchedule(units: [100, 100, 100, 100], epochs: [5, 10, 10, 10])
        .makeStages(inputShape: [784], rng: &rng)
}

/// Sets every element of a matrix to a value that identifies its stage and position.
private func mark(_ tensor: Tensor, stage: Int) {
    for i in 0..<tensor.count { tensor[i] = Float(stage) + Float(i % 97) / 1000 }
}

private func kernel(_ layer: any Layer) throws -> Tensor {
    try #require(layer.parameters.first { $0.name == "kernel" }).value
}

@Test func articleScheduleBuildsFourStagesWithTheRightLayersAndCounts() throws {
    let stages = try articleStages()
    #expect(stages.map(\.title) == ["pre-train 1/4", "pre-train 2/4", "pre-train 3/4", "pre-train 4/4"])
    #expect(stages.map(\.epochs) == [5, 10, 10, 10])
    #expect(stages.allSatisfy { $0.target == .inputs && $0.loss == .meanSquaredError && $0.batchSize == 64 })
    #expect(stages.allSatisfy { $0.augmenter == nil })

    // Stage k: k-1 frozen encoders, one trainable tied autoencoder, k-1 frozen decoders.
    let kinds = stages.map { $0.model.layers.map(\.kind) }
    #expect(kinds[0] == ["TiedAutoencoder"])
    #expect(kinds[1] == ["Dense", "TiedAutoencoder", "Dense"])
    #expect(kinds[3] == ["Dense", "Dense", "Dense", "TiedAutoencoder", "Dense", "Dense", "Dense"])
    for (k, stage) in stages.enumerated() {
        let layers = stage.model.layers
        #expect(layers.map(\.trainable) == layers.indices.map { $0 == k })
        #expect(stage.model.lowestTrainableLayerIndex == k)
        #expect(stage.model.outputShape == [784])
        #expect(stage.model.trainableParameters.count == 1)
    }
    #expect(
        stages[3].model.layers.map(\.name) == [
            "encoder", "encoder_1", "encoder_2", "tied_autoencoder", "decoder", "decoder_1", "decoder_2",
        ])
    #expect(stages[3].model.layers.map(\.outputShape) == [[100], [100], [100], [100], [100], [100], [784]])

    // The tied matrix counts once; the frozen copies count as non-trainable, as in Keras.
    let counts = stages.map { $0.model.parameterCounts }
    #expect(counts.map(\.total) == [78_400, 166_800, 186_800, 206_800])
    #expect(counts.map(\.trainable) == [78_400, 10_000, 10_000, 10_000])
    #expect(counts.map(\.nonTrainable) == [0, 156_800, 176_800, 196_800])
    #expect(
        stages.map { $0.model.layers.filter { $0 is TiedAutoencoder }.map(\.parameterCount) }
            == [[78_400], [10_000], [10_000], [10_000]])
}

@Test func eachStageStartsFromTheMatricesTrainedBefore() throws {
    let stages = try articleStages()
    // Pretend each stage trained its autoencoder to a recognisable matrix, then run the next
    // stage's prepare as the trainer would.
    mark(try kernel(stages[0].model.layers[0]), stage: 1)
    stages[1].prepare?(stages[0].model, stages[1].model)
    mark(try kernel(stages[1].model.layers[1]), stage: 2)
    stages[2].prepare?(stages[1].model, stages[2].model)
    mark(try kernel(stages[2].model.layers[2]), stage: 3)
    stages[3].prepare?(stages[2].model, stages[3].model)

    let w1 = try kernel(stages[0].model.layers[0])
    let w2 = try kernel(stages[1].model.layers[1])
    let w3 = try kernel(stages[2].model.layers[2])
    let last = stages[3].model.layers
    #expect(try kernel(last[0]).array == w1.array)
    #expect(try kernel(last[1]).array == w2.array)
    #expect(try kernel(last[2]).array == w3.array)
    // Decoders mirror the encoders, transposed: the outermost decoder undoes W₁.
    let transposed = Tensor(shape: [100, 784])
    PretrainingSchedule.transpose(w1, into: transposed)
    #expect(try kernel(last[6]).shape == [100, 784])
    #expect(try kernel(last[6]).array == transposed.array)
    let transposed3 = Tensor(shape: [100, 100])
    PretrainingSchedule.transpose(w3, into: transposed3)
    #expect(try kernel(last[4]).array == transposed3.array)
    #expect(transposed3[1 * 100 + 0] == w3[0 * 100 + 1])
    #expect(transposed3.array != w3.array)
}

@Test func fineTuningTakesTheFourMatricesAndKeepsItsOwnOutputLayer() throws {
    let stages = try articleStages()
    for (k, stage) in stages.enumerated() {
        mark(try kernel(stage.model.layers[k]), stage: k + 1)
        if k + 1 < stages.count { stages[k + 1].prepare?(stage.model, stages[k + 1].model) }
    }
    var rng = SeededRandom(seed: 2)
    let mlp = try Sequential(
        inputShape: [784],
        layers: (0..<4).map { _ in Dense(units: 100, activation: .relu) } + [Dense(units: 10, activation: .softmax)],
        rng: &rng)
    let outputBefore = try kernel(mlp.layers[4]).array
    try PretrainingSchedule(units: [100, 100, 100, 100], epochs: [5, 10, 10, 10]).checkFineTuningModel(mlp)
    PretrainingSchedule.initialiseFineTuning(stages[3].model, mlp)
    for k in 0..<4 {
        #expect(try kernel(mlp.layers[k]).array == kernel(stages[k].model.layers[k]).array)
    }
    #expect(try kernel(mlp.layers[4]).array == outputBefore)
}

@Test func fineTuningModelMustMatchTheStages() throws {
    let schedule = PretrainingSchedule(units: [100, 50], epochs: [1, 1])
    var rng = SeededRandom(seed: 1)
    let shallow = try Sequential(inputShape: [784], layers: [Dense(units: 100), Dense(units: 10)], rng: &rng)
    #expect(throws: PretrainingError.self) { try schedule.checkFineTuningModel(shallow) }
    let wrong = try Sequential(
        inputShape: [784], layers: [Dense(units: 100), Dense(units: 60), Dense(units: 10)], rng: &rng)
    do {
        try schedule.checkFineTuningModel(wrong)
        Issue.record("a 60-unit layer must not take a [100, 50] matrix")
    } catch {
        #expect(error.description.contains("[100, 50]") && error.description.contains("50 units"))
    }
}

@Test func badSchedulesAreRejectedWithAReason() {
    var rng = SeededRandom(seed: 1)
    #expect(throws: PretrainingError.self) {
        try PretrainingSchedule(units: [100, 100], epochs: [5, 0]).makeStages(inputShape: [784], rng: &rng)
    }
    #expect(throws: PretrainingError.self) {
        try PretrainingSchedule(units: [100], epochs: [5]).makeStages(inputShape: [1, 28, 28], rng: &rng)
    }
    #expect(throws: PretrainingError.self) {
        try PretrainingSchedule(units: [], epochs: []).makeStages(inputShape: [784], rng: &rng)
    }
    #expect(throws: PretrainingError.self) {
        try PretrainingSchedule(units: [0], epochs: [1]).makeStages(inputShape: [784], rng: &rng)
    }
}
