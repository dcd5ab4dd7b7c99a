import Foundation
import NeuroEngine
import Testing

@testable import Training

/// Trains `trainer` (started paused) for `steps` batches and waits until they are done.
private func step(_ trainer: Trainer, _ steps: Int) {
    for _ in 0..<steps { trainer.send(.step) }
    var seen = 0
    _ = collectEvents(from: trainer) { event in
        if case .batchEnded = event { seen += 1 }
        return seen == steps
    }
}

/// Resumes both branches and waits for each to finish; their final results.
private func finish(_ branches: [Trainer]) -> [FinalResult?] {
    for trainer in branches { trainer.send(.resume) }
    return branches.map { trainer in
        let events = collectEvents(from: trainer, timeout: 60) {
            if case .finished = $0 { return true }
            if case .failed = $0 { return true }
            return false
        }
        if case .finished(let result)? = events.last { return result }
        return nil
    }
}

private func weights(_ snapshot: RunSnapshot) -> [String: [Float]] {
    Dictionary(uniqueKeysWithValues: snapshot.stages[0].weights.map { ($0.name, $0.values) })
}

@Test func aForkWithNothingDoneToItStaysBitIdenticalToItsParent() throws {
    let parent = Trainer(plan: try syntheticPlan(epochs: 3), options: .headless)
    parent.start(paused: true)
    step(parent, 7)
    let (twin, point) = try parent.fork(plan: try syntheticPlan(epochs: 3))
    #expect(point.globalStep == 7)
    twin.start(paused: true)
    let results = finish([parent, twin])
    #expect(results[0] != nil)
    #expect(results[0]?.testLoss == results[1]?.testLoss)
    #expect(results[0]?.testAccuracy == results[1]?.testAccuracy)
    let (original, copy) = (parent.snapshot(), twin.snapshot())
    #expect(original.stages == copy.stages)
    #expect(original.position.globalStep == copy.position.globalStep)
    #expect(original.order == copy.order)
}

@Test func aLayerFrozenInOneBranchKeepsItsWeightsWhileTheOtherBranchChangesThem() throws {
    let parent = Trainer(plan: try syntheticPlan(epochs: 2), options: .headless)
    parent.start(paused: true)
    step(parent, 5)
    let atFork = weights(parent.snapshot())
    let twin = try parent.fork(plan: try syntheticPlan(epochs: 2)).twin
    twin.start(paused: true)
    twin.send(.setTrainable(layer: 0, trainable: false))
    let results = finish([parent, twin])
    let (original, frozen) = (weights(parent.snapshot()), weights(twin.snapshot()))
    #expect(frozen["dense/kernel"] == atFork["dense/kernel"])
    #expect(frozen["dense/bias"] == atFork["dense/bias"])
    #expect(original["dense/kernel"] != atFork["dense/kernel"])
    #expect(frozen["dense_1/kernel"] != atFork["dense_1/kernel"])
    #expect(results[0]?.testLoss != results[1]?.testLoss)
}

@Test func theTwinStartsWithAForkMarkAndACheckpointAtTheParentsStep() throws {
    let parent = Trainer(plan: try syntheticPlan(epochs: 2), options: .headless)
    parent.start(paused: true)
    step(parent, 4)
    let tap = EventChannel<TrainingEvent>()
    let twin = try parent.fork(plan: try syntheticPlan(epochs: 2), taps: [tap]).twin
    twin.start(paused: true)
    _ = twin.currentState
    let events = tap.drain()
    let marks = events.compactMap { if case .intervention(let mark) = $0 { mark } else { nil } }
    #expect(marks.map(\.action) == [.fork])
    #expect(marks.first?.globalStep == 4)
    #expect(
        events.contains { if case .checkpoint(let snapshot) = $0 { snapshot.position.globalStep == 4 } else { false } })
    #expect(throws: SnapshotMismatch.self) { try parent.fork(plan: try syntheticPlan(epochs: 2)) }
    parent.send(.stop)
    twin.send(.stop)
}

@Test func aResetLayerTakesTheGivenWeightsAndZeroesItsOptimizerState() throws {
    let plan = try syntheticPlan(epochs: 2)
    let trainer = Trainer(plan: plan, options: .headless)
    trainer.start(paused: true)
    step(trainer, 3)
    let layer = plan.stages[0].model.layers[1]
    let fresh = layer.parameters.map { [Float](repeating: 0.25, count: $0.value.count) }
    trainer.send(.resetLayer(layer: 1, values: fresh))
    _ = trainer.currentState
    let snapshot = trainer.snapshot()
    let values = weights(snapshot)
    #expect(values["dense_1/kernel"] == fresh[0])
    #expect(values["dense_1/bias"] == fresh[1])
    let slots = snapshot.stages[0].optimizerSlots.filter { $0.name.hasSuffix("dense_1/kernel") }
    #expect(!slots.isEmpty)
    #expect(slots.allSatisfy { $0.values.allSatisfy { $0 == 0 } })
    #expect(
        snapshot.stages[0].optimizerSlots.contains {
            $0.name.hasSuffix("/dense/kernel") && $0.values.contains { $0 != 0 }
        })
    trainer.send(.stop)
}

@Test func lockstepParksTheBranchThatIsAheadUntilTheOtherCatchesUp() {
    let pair = Lockstep()
    let woken = LockedCounter()
    for _ in 0..<Lockstep.slack {
        #expect(pair.mayTrain(0) { woken.add() })
        pair.trainedOne(0)
    }
    #expect(!pair.mayTrain(0) { woken.add() })
    #expect(woken.value == 0)
    pair.trainedOne(1)
    #expect(woken.value == 1)
    #expect(pair.mayTrain(0) { woken.add() })
    pair.trainedOne(0)
    #expect(!pair.mayTrain(0) { woken.add() })
    pair.leave(1)
    #expect(woken.value == 2)
    #expect(pair.mayTrain(0) { woken.add() })
}

private final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}

@Test func aRunSwitchedToSGDResumesBitExactFromItsSnapshot() throws {
    let trainer = Trainer(plan: try syntheticPlan(epochs: 2), options: .headless)
    trainer.start(paused: true)
    step(trainer, 3)
    trainer.send(.useSGD(learningRate: 0.05, momentum: 0.9))
    step(trainer, 4)
    let snapshot = trainer.snapshot()
    #expect(snapshot.stages[0].switchedOptimizer == RunSnapshot.SwitchedOptimizer(kind: "SGD", momentum: 0.9))
    #expect(snapshot.stages[0].optimizerSlots.map(\.name).allSatisfy { $0.hasPrefix("velocity/") })
    #expect(snapshot.stages[0].learningRate == 0.05)
    // A new trainer of the same (Adam) config continues with SGD, exactly as the first does.
    let resumed = Trainer(plan: try syntheticPlan(epochs: 2), options: .headless)
    try resumed.restore(snapshot)
    resumed.start(paused: true)
    let results = finish([trainer, resumed])
    #expect(results[0] != nil)
    #expect(results[0]?.testLoss == results[1]?.testLoss)
    #expect(trainer.snapshot().stages == resumed.snapshot().stages)
    #expect(resumed.withModel { _ in resumed.plan.stages[0].optimizer.kind } == "SGD")
}
