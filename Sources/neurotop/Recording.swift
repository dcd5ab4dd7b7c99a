import ArgumentParser
import Experiments
import Foundation
import Runs
import TerminalUI
import Training

/// Starting and ending the recording of a headless run.
enum Recording {
    /// A recorder for a new run of `plan` (a fork of the run with id `parent` when given),
    /// started; nil when recording is off or the directory cannot be made (said on stderr:
    /// training goes on unrecorded).
    static func begin(
        _ options: RecordOptions, plan: TrainingPlan, config: ExperimentConfig, configYAML: String, stepsPerEpoch: Int?,
        parent: String? = nil, notice: @escaping @Sendable (String) -> Void = { writeError("neurotop: \($0)\n") }
    ) -> RunRecorder? {
        guard let root = options.root else { return nil }
        var summary = RunSummary(
            id: "", config: plan.identifier, name: plan.name, seed: plan.seed, version: Neurotop.version,
            started: Date())
        summary.stepsPerEpoch = stepsPerEpoch
        summary.parent = parent
        do {
            let recorder = try RunRecorder.create(
                root: root, summary: summary, configYAML: configYAML,
                notice: notice)
            recorder.start()
            return recorder
        } catch {
            notice("recording stopped: \(error); training goes on unrecorded")
            return nil
        }
    }

    /// A headless trainer for `plan` with the options' steps per epoch, and its recorder (nil
    /// when not recorded), started.
    static func headlessTrainer(
        _ record: RecordOptions, plan: TrainingPlan, config: ExperimentConfig, options: RunOptions
    ) -> (Trainer, RunRecorder?) {
        let recorder = begin(
            record, plan: plan, config: config,
            configYAML: config.resolvedYAML(epochs: options.epochs, batchSize: options.batchSize, seed: options.seed),
            stepsPerEpoch: options.stepsPerEpoch)
        var trainerOptions = Trainer.Options.headless
        trainerOptions.stepsPerEpoch = options.stepsPerEpoch
        return (Trainer(plan: plan, options: trainerOptions, taps: recorder.map { [$0.tap] } ?? []), recorder)
    }

    /// Waits for `trainer` to be idle, then for the recorder to write everything down.
    static func end(_ recorder: RunRecorder?, trainer: Trainer) {
        guard let recorder else { return }
        _ = trainer.currentState
        recorder.finish()
    }

    /// Trains headless to the end with Keras-style progress or JSON lines, recording as it goes.
    static func runToEnd(_ trainer: Trainer, recorder: RunRecorder?, json: Bool) throws {
        let reporter: any HeadlessReporter =
            json ? JSONReporter(runDirectory: recorder?.directory.path) : ProgressReporter()
        _ = try runToEnd(trainer, recorder: recorder, reporter: reporter)
    }

    /// Trains headless to the end, handing every event to `reporter`, recording as it goes.
    ///
    /// Ctrl-C or SIGTERM: a last checkpoint (when recorded) and a stop between two batches, so the
    /// run is left "interrupted" and can be resumed, not marked "running" for ever; the process
    /// then ends with 128 + the signal. A failure ends it with one line, after `failurePrefix`.
    static func runToEnd(
        _ trainer: Trainer, recorder: RunRecorder?, reporter: any HeadlessReporter, failurePrefix: String = ""
    ) throws -> FinalResult {
        let recorded = recorder != nil
        let interruption = SignalWatcher(signals: [SIGINT, SIGTERM], secondEndsProcess: true) { _ in
            if recorded { trainer.send(.checkpoint) }
            trainer.send(.stop)
        }
        // Watching until the recorder has written everything, so a Ctrl-C then is not lost.
        return try withExtendedLifetime(interruption) {
            do {
                let result = try trainer.runToEnd { reporter.report($0) }
                end(recorder, trainer: trainer)
                return result
            } catch is TrainingStopped {
                end(recorder, trainer: trainer)
                let signal = interruption.receivedSignal ?? SIGINT
                var message = "interrupted by \(SignalWatcher.name(of: signal))"
                if let recorder, !recorder.hasStopped {
                    message +=
                        "; the run is saved in \(recorder.directory.path): `neurotop resume \(recorder.directory.path)` goes on from it"
                }
                writeError("neurotop: \(message)\n")
                throw ExitCode(128 + signal)
            } catch {
                end(recorder, trainer: trainer)
                throw exitWithError(failurePrefix + "\(error)")
            }
        }
    }
}
