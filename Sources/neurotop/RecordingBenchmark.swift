import Experiments
import Foundation
import Runs
import Training

/// What recording costs: the same config trained with and without a recorder, interleaved, with
/// the training throughput of each and the CPU time the recorder's writer thread used.
struct RecordingBenchmark {
    struct Result: Encodable {
        var config: String
        var rounds: Int
        var steps: Int
        var recordedSamplesPerSecond: Double
        var unrecordedSamplesPerSecond: Double
        /// Median recorded / unrecorded throughput.
        var throughputRatio: Double
        /// Median share of the training time the writer thread spent on the CPU.
        var writerCPUShare: Double
    }

    let steps: Int
    let rounds: Int

    func run(_ config: ExperimentConfig, plan makePlan: () throws -> TrainingPlan) throws -> Result {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("neurotop-bench-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var recorded: [Double] = []
        var unrecorded: [Double] = []
        var shares: [Double] = []
        for round in 0..<rounds {
            // Alternate which goes first, so that drift in the machine's load falls on both.
            for withRecorder in round % 2 == 0 ? [true, false] : [false, true] {
                let plan = try makePlan()
                var recorder: RunRecorder?
                if withRecorder {
                    recorder = try RunRecorder.create(
                        root: root,
                        summary: RunSummary(
                            id: "", config: plan.identifier, name: plan.name, seed: plan.seed,
                            version: Neurotop.version, started: Date()),
                        configYAML: config.source, notice: { writeError("neurotop: \($0)\n") })
                    recorder?.start()
                }
                let (rate, seconds) = try trainingRate(plan, taps: recorder.map { [$0.tap] } ?? [])
                if let recorder {
                    recorder.finish()
                    recorded.append(rate)
                    shares.append(seconds > 0 ? recorder.writerCPUSeconds / seconds : 0)
                } else {
                    unrecorded.append(rate)
                }
            }
        }
        let on = Self.median(recorded)
        let off = Self.median(unrecorded)
        return Result(
            config: config.identifier, rounds: rounds, steps: steps, recordedSamplesPerSecond: on,
            unrecordedSamplesPerSecond: off, throughputRatio: off > 0 ? on / off : 0,
            writerCPUShare: Self.median(shares))
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

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
