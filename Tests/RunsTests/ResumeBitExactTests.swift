import Datasets
import Experiments
import Foundation
import NeuroEngine
import Testing
import Training

@testable import Runs

/// A run stopped between two batches, written to a checkpoint, read back into a fresh trainer
/// and trained to the end must end with exactly the weights and figures of the run that was
/// never stopped: every byte of every stage's weights is compared.
@Suite struct ResumeBitExactTests {
    /// 10 classes on 4x4 images: class c lights pixel c over noise.
    static func dataset() -> Dataset {
        var rng = SeededRandom(seed: 7)
        func make(_ count: Int) -> ImageSet {
            var pixels: [Float] = []
            var labels: [UInt8] = []
            for _ in 0..<count {
                let label = Int(rng.next() % 10)
                for p in 0..<16 { pixels.append(p == label ? 0.6 + 0.4 * rng.nextUnit() : 0.3 * rng.nextUnit()) }
                labels.append(UInt8(label))
            }
            return ImageSet(count: count, rows: 4, columns: 4, pixels: pixels, labels: labels)
        }
        return Dataset(name: "synthetic", train: make(600), test: make(200))
    }

    static func mlpPlan() throws -> TrainingPlan {
        var rng = SeededRandom(seed: 1)
        let model = try Sequential(
            inputShape: [16], layers: [Dense(units: 32, activation: .tanh), Dense(units: 10, activation: .softmax)],
            rng: &rng)
        let stage = TrainingStage(
            title: "fit", model: model, loss: .categoricalCrossentropy, optimizer: Adam(learningRate: 0.01), epochs: 3,
            batchSize: 32)
        return TrainingPlan(name: "MLP", identifier: "mlp", data: dataset(), stages: [stage], seed: 1)
    }

    private static func cnnPlan() throws -> TrainingPlan {
        var rng = SeededRandom(seed: 2)
        let model = try Sequential(
            inputShape: [1, 4, 4],
            layers: [
                Conv2D(filters: 4, kernelSize: (3, 3), padding: .same, useBias: false), BatchNormalization(axis: 1),
                ActivationLayer(.relu), MaxPooling2D(), Flatten(), Dropout(rate: 0.3),
                Dense(units: 10, activation: .softmax),
            ], rng: &rng)
        let stage = TrainingStage(
            title: "fit", model: model, loss: .categoricalCrossentropy,
            optimizer: SGD(learningRate: 0.05, momentum: 0.9), epochs: 2, batchSize: 32)
        return TrainingPlan(name: "CNN", identifier: "cnn", data: dataset(), stages: [stage], seed: 2)
    }

    /// Two denoising pre-training stages, then a fine-tuned classifier.
    private static func pretrainingPlan() throws -> TrainingPlan {
        var rng = SeededRandom(seed: 4)
        let schedule = PretrainingSchedule(
            units: [12, 8], epochs: [2, 2], batchSize: 32, makeOptimizer: { Adam(learningRate: 0.01) },
            augmenter: Augmenter(noisePixels: 3, noiseLevel: 1))
        var stages = try schedule.makeStages(inputShape: [16], rng: &rng)
        let mlp = try Sequential(
            inputShape: [16],
            layers: [
                Dense(units: 12, activation: .relu), Dense(units: 8, activation: .relu),
                Dense(units: 10, activation: .softmax),
            ], rng: &rng)
        stages.append(
            TrainingStage(
                title: "fine-tune", model: mlp, loss: .categoricalCrossentropy, optimizer: Adam(learningRate: 0.01),
                epochs: 2, batchSize: 32, prepare: PretrainingSchedule.initialiseFineTuning))
        return TrainingPlan(name: "AE", identifier: "ae", data: dataset(), stages: stages, seed: 4)
    }

    private static func weightBytes(_ plan: TrainingPlan) -> [[UInt32]] {
        plan.stages.flatMap { stage in
            stage.model.layers.flatMap { $0.parameters.map { $0.value.array.map(\.bitPattern) } }
        }
    }

    /// Trains `batches` batches of a fresh trainer, then takes its snapshot and stops it.
    static func snapshot(after batches: Int, of plan: TrainingPlan) throws -> RunSnapshot {
        let trainer = Trainer(plan: plan, options: .headless)
        trainer.start(paused: true)
        for _ in 0..<batches { trainer.send(.step) }
        var seen = 0
        let deadline = Date(timeIntervalSinceNow: 60)
        while seen < batches, Date() < deadline {
            for event in trainer.events.waitAndDrain(timeout: 0.05) {
                if case .batchEnded = event { seen += 1 }
            }
        }
        try #require(seen == batches)
        _ = trainer.currentState  // every step applied
        let snapshot = trainer.snapshot()
        trainer.send(.stop)
        return snapshot
    }

    private func check(_ makePlan: () throws -> TrainingPlan, stopAfter batches: Int, stage: Int) throws {
        let uninterrupted = try makePlan()
        let expected = try Trainer(plan: uninterrupted, options: .headless).runToEnd()

        let snapshot = try Self.snapshot(after: batches, of: try makePlan())
        #expect(snapshot.position.stageIndex == stage)
        #expect(snapshot.position.step > 0, "stopped inside an epoch")
        let bytes = try SafeTensorsArchive(snapshot: snapshot).serialized()
        let read = try SafeTensorsArchive(parsing: bytes).runSnapshot()
        #expect(read == snapshot)

        let resumedPlan = try makePlan()
        let resumed = Trainer(plan: resumedPlan, options: .headless)
        try resumed.restore(read)
        let result = try resumed.runToEnd()
        let (got, want) = (Self.weightBytes(resumedPlan), Self.weightBytes(uninterrupted))
        let differing = zip(got, want).filter { $0 != $1 }.count
        #expect(got.count == want.count && differing == 0, "\(differing) of \(want.count) weight tensors differ")
        #expect(result.testLoss.bitPattern == expected.testLoss.bitPattern)
        #expect(result.testAccuracy == expected.testAccuracy)
    }

    @Test func aSwitchedOptimizerGoesThroughTheCheckpointFile() throws {
        var snapshot = try Self.snapshot(after: 5, of: try Self.mlpPlan())
        #expect(
            try SafeTensorsArchive(parsing: SafeTensorsArchive(snapshot: snapshot).serialized()).metadata[
                SafeTensorsArchive.optimizersKey] == nil)
        snapshot.stages[0].switchedOptimizer = RunSnapshot.SwitchedOptimizer(kind: "SGD", momentum: 0.9)
        let archive = try SafeTensorsArchive(parsing: SafeTensorsArchive(snapshot: snapshot).serialized())
        #expect(try archive.runSnapshot() == snapshot)
        var damaged = archive
        damaged.metadata[SafeTensorsArchive.optimizersKey] = "[{\"kind\":\"SGD\"},null]"
        #expect(throws: SafeTensorsError.self) { try damaged.runSnapshot() }
    }

    @Test func mlpResumesBitForBit() throws {
        try check(Self.mlpPlan, stopAfter: 25, stage: 0)
    }

    @Test func cnnWithBatchNormAndDropoutResumesBitForBit() throws {
        try check(Self.cnnPlan, stopAfter: 23, stage: 0)
    }

    @Test func pretrainingStoppedInStageTwoResumesBitForBit() throws {
        try check(Self.pretrainingPlan, stopAfter: 38 + 19 + 5, stage: 1)
    }

    @Test func aSnapshotOfAnotherConfigIsRefusedAndChangesNothing() throws {
        let snapshot = try Self.snapshot(after: 3, of: try Self.mlpPlan())
        let plan = try Self.cnnPlan()
        let before = Self.weightBytes(plan)
        let trainer = Trainer(plan: plan, options: .headless)
        #expect(throws: SnapshotMismatch.self) { try trainer.restore(snapshot) }
        #expect(Self.weightBytes(plan) == before)
    }
}
