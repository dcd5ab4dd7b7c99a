import Datasets
import Experiments
import NeuroEngine
import Testing

@testable import Training

/// Two pre-training stages (16 -> 12 -> 8) and a 16-12-8-10 classifier fine-tuned from them.
private func pretrainingPlan(augmenter: Augmenter? = nil, epochs: [Int] = [3, 3], fitEpochs: Int = 10) throws
    -> TrainingPlan
{
    var rng = SeededRandom(seed: 4)
    let schedule = PretrainingSchedule(
        units: [12, 8], epochs: epochs, batchSize: 32, makeOptimizer: { Adam(learningRate: 0.01) },
        augmenter: augmenter)
    var stages = try schedule.makeStages(inputShape: [16], rng: &rng)
    let mlp = try Sequential(
        inputShape: [16],
        layers: [
            Dense(units: 12, activation: .relu), Dense(units: 8, activation: .relu),
            Dense(units: 10, activation: .softmax),
        ],
        rng: &rng)
    try schedule.checkFineTuningModel(mlp)
    stages.append(
        TrainingStage(
            title: "fine-tune", model: mlp, loss: .categoricalCrossentropy, optimizer: Adam(learningRate: 0.01),
            epochs: fitEpochs, batchSize: 32, prepare: PretrainingSchedule.initialiseFineTuning))
    return TrainingPlan(name: "AE", identifier: "ae-synthetic", data: syntheticDataset(), stages: stages, seed: 4)
}

/// Pearson correlation of two equally long lists.
private func correlation(_ a: [Float], _ b: [Float]) -> Double {
    let n = Double(a.count)
    let meanA = a.reduce(0) { $0 + Double($1) } / n
    let meanB = b.reduce(0) { $0 + Double($1) } / n
    var ab = 0.0
    var aa = 0.0
    var bb = 0.0
    for (x, y) in zip(a, b) {
        ab += (Double(x) - meanA) * (Double(y) - meanB)
        aa += (Double(x) - meanA) * (Double(x) - meanA)
        bb += (Double(y) - meanB) * (Double(y) - meanB)
    }
    return ab / max((aa * bb).squareRoot(), 1e-12)
}

private func isEnd(_ event: TrainingEvent) -> Bool {
    switch event {
    case .finished, .failed: true
    default: false
    }
}

@Test func twoStageScheduleRunsEveryStageThenFineTunes() throws {
    let plan = try pretrainingPlan()
    let trainer = Trainer(plan: plan, options: .headless)
    trainer.start()
    let events = collectEvents(from: trainer, until: isEnd)
    guard case .finished(let result)? = events.last else {
        Issue.record("no finished event: \(events.last.map { "\($0)" } ?? "none")")
        return
    }
    let starts = events.compactMap { if case .stageStarted(let s) = $0 { s } else { nil } }
    #expect(starts.map(\.title) == ["pre-train 1/2", "pre-train 2/2", "fine-tune"])
    #expect(starts.map(\.reportsAccuracy) == [false, false, true])
    #expect(starts[1].parameterCounts == ParameterCounts(total: 2 * 192 + 96, trainable: 96))
    #expect(starts[1].parameterCounts.nonTrainable == 384)

    // Every pre-training stage reconstructs better at the end than after its first epoch.
    let epochs = events.compactMap { if case .epochEnded(let e) = $0 { e } else { nil } }
    #expect(epochs.count == 16)
    for stage in 0..<2 {
        let losses = epochs[(stage * 3)..<(stage * 3 + 3)].compactMap(\.validationLoss)
        #expect(losses.count == 3)
        #expect(losses.last! < losses.first!, "stage \(stage + 1) test MSE \(losses)")
    }
    #expect((result.testAccuracy ?? 0) > 0.9)

    // The frozen encoder of stage 2 still holds stage 1's matrix, and the classifier's first two
    // kernels started from the two trained matrices (then moved during fine-tuning).
    let w1 = try #require(plan.stages[0].model.layers[0].parameters.first).value.array
    let encoder = try #require(plan.stages[1].model.layers[0].parameters.first).value.array
    #expect(encoder == w1)
    let fineTuned = try #require(plan.stages[2].model.layers[0].parameters.first).value.array
    #expect(fineTuned != w1)
    #expect(correlation(fineTuned, w1) > 0.3, "fine-tuning starts from W₁ and stays near it")
}

@Test func corruptionChangesTheInputsButNotTheTargets() throws {
    let plan = try pretrainingPlan(augmenter: Augmenter(noisePixels: 8, noiseLevel: 1, widthShiftRange: 0.25))
    let trainer = Trainer(plan: plan, options: .headless)
    let train = plan.data.train
    let indices = Array(0..<32)[...]
    let (input, target) = trainer.withRun { run in
        run.fillBatch(from: train, indices: indices, target: .inputs)
        run.corruptBatch(
            from: train, indices: indices, with: plan.stages[0].augmenter!, using: &run.augmentationRandom)
        return (run.input.array, run.target.array)
    }
    let clean = (0..<32).flatMap { train.image($0) }
    #expect(target == clean)
    #expect(input != clean)
    #expect(input.count == clean.count)
}

@Test func denoisingStagesShowCorruptedAndCleanSamples() throws {
    let plan = try pretrainingPlan(augmenter: Augmenter(noisePixels: 8, noiseLevel: 1), epochs: [1, 1], fitEpochs: 1)
    var options = Trainer.Options()
    options.sampleCount = 4
    let trainer = Trainer(plan: plan, options: options)
    trainer.start()
    let events = collectEvents(from: trainer, until: isEnd)
    let samples = events.compactMap { if case .samples(let s) = $0 { s } else { nil } }
    let reconstructions = samples.filter { $0.reconstructions != nil }
    #expect(!reconstructions.isEmpty)
    for sample in reconstructions {
        let clean = try #require(sample.cleanInputs)
        #expect(clean.count == 4 && sample.inputs.count == 4 && sample.reconstructions?.count == 4)
        #expect(clean != sample.inputs)
        #expect(clean[0] == plan.data.test.image(0))
    }
    #expect(samples.contains { $0.predictions != nil && $0.cleanInputs == nil })
}

@Test func augmentationDoesNotChangeTheShuffling() throws {
    // The same plan with and without corruption draws the same batches: corruption has its own
    // generator, so the two runs differ only in what the model sees.
    func firstBatchOrder(_ augmenter: Augmenter?) throws -> [Int] {
        let trainer = Trainer(plan: try pretrainingPlan(augmenter: augmenter), options: .headless)
        trainer.start(paused: true)
        trainer.send(.step)
        _ = collectEvents(from: trainer, timeout: 5) { if case .batchEnded = $0 { true } else { false } }
        trainer.send(.stop)
        return trainer.withRun { $0.order }
    }
    #expect(try firstBatchOrder(nil) == firstBatchOrder(.article))
}
