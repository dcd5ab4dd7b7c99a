import Experiments
import Foundation
import NeuroEngine
import Testing

@testable import Training

@Test func trainerLearnsTheSyntheticProblem() throws {
    let trainer = Trainer(plan: try syntheticPlan(epochs: 3), options: .headless)
    trainer.start()
    let events = collectEvents(from: trainer) {
        if case .finished = $0 { return true }
        if case .failed = $0 { return true }
        return false
    }
    guard case .finished(let result)? = events.last else {
        Issue.record("no finished event: \(events.last.map { "\($0)" } ?? "none")")
        return
    }
    #expect((result.testAccuracy ?? 0) > 0.9)
    #expect(result.epochs == 3)
    let epochEnds = events.compactMap { if case .epochEnded(let s) = $0 { s } else { nil } }
    #expect(epochEnds.map(\.epoch) == [0, 1, 2])
    #expect(epochEnds.allSatisfy { $0.validationAccuracy != nil })
    // Keras counts the last partial batch: 600 samples in batches of 32 is 19 steps.
    #expect(epochEnds.first?.stepsPerEpoch == 19)
    #expect(trainer.currentState == .finished)
}

@Test func sameSeedGivesTheSameRun() throws {
    func finalLoss() throws -> Float? {
        let trainer = Trainer(plan: try syntheticPlan(epochs: 1), options: .headless)
        trainer.start()
        let events = collectEvents(from: trainer) { if case .finished = $0 { true } else { false } }
        if case .finished(let result)? = events.last { return result.testLoss }
        return nil
    }
    let first = try finalLoss()
    #expect(first != nil)
    #expect(first == (try finalLoss()))
}

@Test func frozenLayerWeightsStayBitIdenticalThroughCommands() throws {
    let trainer = Trainer(plan: try syntheticPlan(epochs: 50), options: .headless)
    trainer.start(paused: true)
    trainer.send(.setTrainable(layer: 0, trainable: false))
    for _ in 0..<5 { trainer.send(.step) }
    _ = collectEvents(from: trainer) { if case .batchEnded(let b) = $0 { b.globalStep == 5 } else { false } }
    let frozenBefore = trainer.withModel { $0.layers[0].parameters.map(\.value.array) }
    let otherBefore = trainer.withModel { $0.layers[1].parameters.map(\.value.array) }
    trainer.send(.resume)
    _ = collectEvents(from: trainer) { if case .batchEnded(let b) = $0 { b.globalStep >= 105 } else { false } }
    trainer.send(.pause)
    let frozenAfter = trainer.withModel { $0.layers[0].parameters.map(\.value.array) }
    let otherAfter = trainer.withModel { $0.layers[1].parameters.map(\.value.array) }
    trainer.send(.stop)
    #expect(frozenBefore == frozenAfter)
    #expect(otherBefore != otherAfter)
}

@Test func pausedTrainerRunsExactlyTheRequestedSteps() throws {
    let trainer = Trainer(plan: try syntheticPlan(epochs: 5), options: .headless)
    trainer.start(paused: true)
    for _ in 0..<3 { trainer.send(.step) }
    // Until the third step, however busy the machine; then a moment more, in which a fourth
    // (the bug this looks for) would follow the third at once.
    var steps: [Int] = []
    let deadline = Date(timeIntervalSinceNow: 30)
    while Date() < deadline, !steps.contains(3) {
        for case .batchEnded(let batch) in trainer.events.waitAndDrain(timeout: 0.1) { steps.append(batch.globalStep) }
    }
    for case .batchEnded(let batch) in collectEvents(from: trainer, timeout: 0.5, until: { _ in false }) {
        steps.append(batch.globalStep)
    }
    #expect(steps == [1, 2, 3])
    #expect(trainer.currentState == .paused)
    trainer.send(.stop)
    _ = collectEvents(from: trainer, timeout: 1) { if case .stateChanged(.stopped) = $0 { true } else { false } }
    #expect(trainer.currentState == .stopped)
}

@Test func learningRateCommandsScaleTheOptimizer() throws {
    let trainer = Trainer(plan: try syntheticPlan(), options: .headless)
    trainer.start(paused: true)
    trainer.send(.scaleLearningRate(2))
    trainer.send(.scaleLearningRate(0.25))
    let events = collectEvents(from: trainer, timeout: 5) {
        if case .learningRateChanged(let rate) = $0 { abs(rate - 0.005) < 1e-7 } else { false }
    }
    #expect(events.contains { if case .learningRateChanged = $0 { true } else { false } })
    #expect(trainer.plan.stages[0].optimizer.learningRate == 0.005)
}

@Test func mismatchedInputShapeFailsWithAClearMessage() throws {
    let plan = try syntheticPlan(data: syntheticDataset())
    // A model for 784 inputs on 16-pixel images.
    var rng = SeededRandom(seed: 1)
    let model = try Sequential(inputShape: [784], layers: [Dense(units: 10, activation: .softmax)], rng: &rng)
    let bad = TrainingPlan(
        name: "bad", identifier: "bad", data: plan.data,
        stages: [
            .init(
                title: "fit", model: model, loss: .categoricalCrossentropy, optimizer: Adam(), epochs: 1, batchSize: 8)
        ],
        seed: 1)
    let trainer = Trainer(plan: bad, options: .headless)
    trainer.start()
    let events = collectEvents(from: trainer, timeout: 5) { if case .failed = $0 { true } else { false } }
    guard case .failed(let message)? = events.last else {
        Issue.record("expected a failure")
        return
    }
    #expect(message.contains("784") && message.contains("16 pixels"))
}

@Test func runToEndEndsWithTrainingStoppedWhenAStopArrives() throws {
    let trainer = Trainer(plan: try syntheticPlan(epochs: 1000), options: .headless)
    var stopSent = false
    #expect(throws: TrainingStopped.self) {
        try trainer.runToEnd { event in
            // Stopped from the observer, as a signal handler would on another thread.
            if case .batchEnded = event, !stopSent {
                stopSent = true
                trainer.send(.stop)
            }
        }
    }
    #expect(stopSent)
    #expect(trainer.currentState == .stopped)
}

@Test func profiledLayerRowsHoldTheTrainingStepsAlone() throws {
    // Validation (200 examples) and sample predictions run the same model forward; they have rows
    // of their own, so the layer rows count only the 3 steps' passes.
    var options = Trainer.Options.headless
    options.stepsPerEpoch = 3
    options.sampleInterval = 0.001
    options.sampleCount = 4
    let profiler = StepProfiler()
    options.profiler = profiler
    let trainer = Trainer(plan: try syntheticPlan(epochs: 1), options: options)
    trainer.start()
    let events = collectEvents(from: trainer) { if case .finished = $0 { true } else { false } }
    guard case .finished? = events.last else {
        Issue.record("no finished event: \(events.last.map { "\($0)" } ?? "none")")
        return
    }
    // Three steps, each layer named as the summary names it.
    for layer in ["dense (Dense)", "dense_1 (Dense)"] {
        #expect(profiler.counts["\(layer) forward"] == 3)
        #expect(profiler.counts["\(layer) backward"] == 3)
    }
    #expect(profiler.counts["validation"] == 1)
}

/// Validation runs in training-size batches, as Keras's `fit` validates (`validation_batch_size`
/// defaults to `batch_size`), unless told to use smaller ones.
@Test func trainersValidateInBatchesNoLargerThanTraining() throws {
    let plan = try syntheticPlan(batchSize: 32)
    #expect(Trainer(plan: plan, options: .headless).options.evaluationBatchSize == 32)
    var options = Trainer.Options.headless
    options.evaluationBatchSize = 20
    #expect(Trainer(plan: plan, options: options).options.evaluationBatchSize == 20)
    #expect(Trainer(plan: try syntheticPlan(batchSize: 600), options: .headless).options.evaluationBatchSize == 500)
}
