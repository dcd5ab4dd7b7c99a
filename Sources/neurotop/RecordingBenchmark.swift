import Experiments
import Foundation
import Runs
import Training

/// What recording costs: the same config trained with and without a recorder, interleaved, with
/// the training throughput of each and the CPU time the recorder's writer thread used.
struct RecordingBenchmark {
    static let header =
        "config           rounds  steps    recorded/s  unrecorded/s   ratio  recorder CPU / training time"

    let steps: Int
    let rounds: Int

    func run(_ config: ExperimentConfig, plan makePlan: () throws -> TrainingPlan) throws -> InterleavedComparison {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("neurotop-bench-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var shares: [Double] = []
        var result = try InterleavedComparison.run(config: config.identifier, rounds: rounds, steps: steps) {
            recorded in
            let plan = try makePlan()
            guard recorded else { return try trainingRate(plan, taps: []).0 }
            let recorder = try RunRecorder.create(
                root: root,
                summary: RunSummary(
                    id: "", config: plan.identifier, name: plan.name, seed: plan.seed, version: Neurotop.version,
                    started: Date()),
                configYAML: config.source, notice: { writeError("neurotop: \($0)\n") })
            recorder.start()
            let (rate, seconds) = try trainingRate(plan, taps: [recorder.tap])
            recorder.finish()
            shares.append(seconds > 0 ? recorder.writerCPUSeconds / seconds : 0)
            return rate
        }
        result.writerCPUShare = InterleavedComparison.median(shares)
        return result
    }

    /// Trains one epoch of `steps` batches; its samples/s and training seconds (validation excluded).
    private func trainingRate(_ plan: TrainingPlan, taps: [EventChannel<TrainingEvent>]) throws -> (Double, Double) {
        var options = Trainer.Options.headless
        options.stepsPerEpoch = steps
        let trainer = Trainer(plan: plan, options: options, taps: taps)
        trainer.start()
        while true {
            for event in trainer.events.waitAndDrain(timeout: 1) {
                switch event {
                case .epochEnded(let summary):
                    trainer.send(.stop)
                    _ = trainer.currentState
                    return (summary.samplesPerSecond, summary.seconds)
                case .failed(let message):
                    throw BenchmarkError.trainingFailed(message)
                default:
                    continue
                }
            }
        }
    }
}
