import Experiments
import Foundation
import Training

/// What a fork costs: the same config trained alone and as two branches of a fork in lockstep,
/// interleaved; each branch's throughput against the lone run's (wall clock from the first batch
/// to the last of `steps`, validation excluded).
struct ForkBenchmark {
    struct Result: Encodable {
        var config: String
        var rounds: Int
        var steps: Int
        var aloneSamplesPerSecond: Double
        /// The slower branch's throughput with two branches training.
        var perBranchSamplesPerSecond: Double
        /// Median per-branch / alone throughput.
        var throughputRatio: Double
    }

    let steps: Int
    let rounds: Int

    func run(_ config: ExperimentConfig, plan makePlan: () throws -> TrainingPlan) throws -> Result {
        var alone: [Double] = []
        var branches: [Double] = []
        var ratios: [Double] = []
        for round in 0..<rounds {
            var pair: (alone: Double, branch: Double) = (0, 0)
            // Alternate which goes first, so that drift in the machine's load falls on both.
            for forked in round % 2 == 0 ? [false, true] : [true, false] {
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
                let rates = try rates(trainers, batchSize: parent.plan.stages.first?.batchSize ?? 1)
                if forked { pair.branch = rates.min() ?? 0 } else { pair.alone = rates[0] }
            }
            alone.append(pair.alone)
            branches.append(pair.branch)
            ratios.append(pair.alone > 0 ? pair.branch / pair.alone : 0)
        }
        return Result(
            config: config.identifier, rounds: rounds, steps: steps,
            aloneSamplesPerSecond: RecordingBenchmark.median(alone),
            perBranchSamplesPerSecond: RecordingBenchmark.median(branches),
            throughputRatio: RecordingBenchmark.median(ratios))
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
