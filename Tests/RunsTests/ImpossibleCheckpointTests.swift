import NeuroEngine
import Testing
import Training

@testable import Runs

/// Checkpoints whose counts or order no run could have written are refused when read or
/// restored, in words, instead of overflowing or training on a skewed order.
@Suite struct ImpossibleCheckpointTests {
    @Test func aRunSnapshotWithAnIterationCountTooLargeToContinueFromIsRefused() throws {
        var snapshot = try ResumeBitExactTests.snapshot(after: 3, of: try ResumeBitExactTests.mlpPlan())
        snapshot.stages[0].optimizerIterations = Int(Int64.max)
        let read = try SafeTensorsArchive(parsing: try SafeTensorsArchive(snapshot: snapshot).serialized())
        #expect {
            _ = try read.runSnapshot()
        } throws: { error in
            "\(error)".contains("is [9223372036854775807] where a count from 0 to 9007199254740992 was expected")
        }
        snapshot.stages[0].optimizerIterations = 1 << 53
        let largest = try SafeTensorsArchive(parsing: try SafeTensorsArchive(snapshot: snapshot).serialized())
        #expect(try largest.runSnapshot().stages[0].optimizerIterations == 1 << 53)
    }

    @Test func aModelCheckpointWithAnIterationCountTooLargeToContinueFromIsRefused() throws {
        var rng = SeededRandom(seed: 1)
        let model = try Sequential(inputShape: [4], layers: [Dense(units: 2, activation: .softmax)], rng: &rng)
        let optimizer = Adam()
        optimizer.iterations = Int(Int64.max)
        var archive = SafeTensorsArchive()
        try archive.addModel(model)
        try archive.addOptimizer(optimizer, of: model)
        let read = try SafeTensorsArchive(parsing: archive.serialized())
        let restored = Adam()
        #expect {
            try read.restoreOptimizer(restored, of: model)
        } throws: { error in
            "\(error)".contains("where a count from 0 to 9007199254740992 was expected")
        }
        #expect(restored.iterations == 0)
    }

    @Test func aTrainingOrderWithARepeatedIndexIsRefused() throws {
        var snapshot = try ResumeBitExactTests.snapshot(after: 3, of: try ResumeBitExactTests.mlpPlan())
        let count = snapshot.order.count
        try #require(count == 600)
        snapshot.order = [Int](repeating: 0, count: count)
        #expect {
            try Trainer(plan: try ResumeBitExactTests.mlpPlan(), options: .headless).restore(snapshot)
        } throws: { error in
            "\(error)".contains("its training order is not a permutation of the 600 training images")
        }
        snapshot.order = Array((0..<count).reversed())
        try Trainer(plan: try ResumeBitExactTests.mlpPlan(), options: .headless).restore(snapshot)
    }
}
