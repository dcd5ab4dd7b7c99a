import Experiments
import Foundation
import Training

/// What a fork costs: the same config trained alone and as two branches of a fork in lockstep,
/// interleaved; the slower branch's throughput against the lone run's (wall clock from the
/// first batch to the last of `steps`, validation excluded).
struct ForkBenchmark {
    static let header = "config           rounds  steps  per branch/s       alone/s   ratio"

    let steps: Int
    let rounds: Int

    func run(_ config: ExperimentConfig, plan makePlan: () throws -> TrainingPlan) throws -> InterleavedComparison {
        try InterleavedComparison.run(config: config.identifier, rounds: rounds, steps: steps) { forked in
            let parent = Trainer(plan: try makePlan(), options: options)
            parent.start(paused: true)
            var trainers = [parent]
            if forked {
                do {
                    trainers.append(try parent.fork(plan: try makePlan()).twin)
                } catch {
                    throw BenchmarkError.trainingFailed("the fork failed: \(error)")
                }
                trainers[1].start(paused: true)
            }
            return try rates(trainers, batchSize: parent.plan.stages.first?.batchSize ?? 1).min() ?? 0
        }
    }

    private var options: Trainer.Options {
        var options = Trainer.Options.headless
        options.stepsPerEpoch = steps
        return options
    }

    /// Lets the (paused) trainers go and times each to its `steps`-th batch; samples/s each.
    private func rates(_ trainers: [Trainer], batchSize: Int) throws -> [Double] {
        let start = DispatchTime.now().uptimeNanoseconds
        for trainer in trainers { trainer.send(.resume) }
        defer {
            for trainer in trainers { trainer.send(.stop) }
            for trainer in trainers { _ = trainer.currentState }
        }
        var seconds = [Double?](repeating: nil, count: trainers.count)
        // Looks every few milliseconds rather than at every event, so that this thread does not
        // take CPU time from the branches.
        while seconds.contains(where: { $0 == nil }) {
            Thread.sleep(forTimeInterval: 0.004)
            for (index, trainer) in trainers.enumerated() where seconds[index] == nil {
                for event in trainer.events.drain() {
                    switch event {
                    case .batchEnded(let progress) where progress.step == steps:
                        seconds[index] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    case .failed(let message):
                        throw BenchmarkError.trainingFailed(message)
                    default:
                        continue
                    }
                }
            }
        }
        return seconds.map { Double(steps * batchSize) / max($0 ?? 1, 1e-9) }
    }
}
