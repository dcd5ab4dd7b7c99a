import Foundation
import NeuroEngine
import Testing
import Training

@testable import Runs

/// The standings of the test examples travel in the checkpoint: a run resumed after its first
/// validation counts learned, forgotten and never-learned examples at the later epochs exactly
/// as the run that was never stopped.
@Suite struct ForgettingResumeTests {
    private struct Counts: Equatable, CustomStringConvertible {
        var epoch: Int
        var learned: Int?
        var forgotten: Int?
        var neverLearned: Int?
        var description: String { "epoch \(epoch): +\(learned ?? -1) -\(forgotten ?? -1) never \(neverLearned ?? -1)" }
    }

    private static func counts(of trainer: Trainer) throws -> [Counts] {
        var counts: [Counts] = []
        _ = try trainer.runToEnd { event in
            if case .epochEnded(let summary) = event {
                counts.append(
                    Counts(
                        epoch: summary.epoch, learned: summary.learned, forgotten: summary.forgotten,
                        neverLearned: summary.neverLearned))
            }
        }
        return counts
    }

    /// Trains `batches` batches, then takes the snapshot and stops the trainer.
    private static func snapshot(after batches: Int, of plan: TrainingPlan) throws -> RunSnapshot {
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
        _ = trainer.currentState
        let snapshot = trainer.snapshot()
        trainer.send(.stop)
        return snapshot
    }

    @Test func aResumedRunCountsFlipsAsTheUninterruptedOne() throws {
        let expected = try Self.counts(of: Trainer(plan: try ResumeBitExactTests.mlpPlan(), options: .headless))
        try #require(expected.count == 3)
        #expect(expected.allSatisfy { $0.learned != nil && $0.forgotten != nil && $0.neverLearned != nil })

        // 19 steps an epoch: stopped inside the second epoch, after the first validation.
        let snapshot = try Self.snapshot(after: 25, of: try ResumeBitExactTests.mlpPlan())
        let history = try #require(snapshot.exampleHistory)
        #expect(history.count == 200)
        let read = try SafeTensorsArchive(parsing: try SafeTensorsArchive(snapshot: snapshot).serialized())
            .runSnapshot()
        #expect(read.exampleHistory == history)

        let resumed = Trainer(plan: try ResumeBitExactTests.mlpPlan(), options: .headless)
        try resumed.restore(read)
        let got = try Self.counts(of: resumed)
        #expect(got == Array(expected.dropFirst()), "resumed \(got), uninterrupted \(expected)")
    }

    @Test func aCheckpointWithoutStandingsStillResumes() throws {
        var snapshot = try Self.snapshot(after: 25, of: try ResumeBitExactTests.mlpPlan())
        snapshot.exampleHistory = nil
        let read = try SafeTensorsArchive(parsing: try SafeTensorsArchive(snapshot: snapshot).serialized())
            .runSnapshot()
        #expect(read.exampleHistory == nil)
        let resumed = Trainer(plan: try ResumeBitExactTests.mlpPlan(), options: .headless)
        try resumed.restore(read)
        let got = try Self.counts(of: resumed)
        // With nothing remembered, the next validation counts as a first one: nothing forgotten.
        #expect(got.first?.forgotten == 0)
        #expect(got.count == 2)
    }

    @Test func aStandingOutsideTheThreeIsRefusedInWords() throws {
        let snapshot = try Self.snapshot(after: 25, of: try ResumeBitExactTests.mlpPlan())
        let archive = try SafeTensorsArchive(snapshot: snapshot)
        var damaged = SafeTensorsArchive(metadata: archive.metadata)
        for entry in archive.entries {
            var bytes = entry.bytes
            if entry.name == SafeTensorsArchive.examplesName { bytes[0] = 3 }
            try damaged.add(entry.name, dtype: entry.dtype, shape: entry.shape, bytes: bytes)
        }
        let read = try SafeTensorsArchive(parsing: damaged.serialized())
        #expect {
            _ = try read.runSnapshot()
        } throws: { error in
            "\(error)".contains("standings of 0, 1 or 2") && "\(error)".contains("a value outside them")
        }
    }

    @Test func standingsOfAnotherTestSetAreRefused() throws {
        var snapshot = try Self.snapshot(after: 25, of: try ResumeBitExactTests.mlpPlan())
        snapshot.exampleHistory = ExampleHistory(count: 7)
        let trainer = Trainer(plan: try ResumeBitExactTests.mlpPlan(), options: .headless)
        #expect(throws: SnapshotMismatch.self) { try trainer.restore(snapshot) }
    }
}
