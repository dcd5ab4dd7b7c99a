import Foundation
import Training

/// A consumer of training events for headless runs.
protocol HeadlessReporter {
    func report(_ event: TrainingEvent)
}

/// Keras `verbose=1` output: on a terminal the progress line is redrawn in place (at most ten
/// times a second); otherwise one line per epoch.
final class ProgressReporter: HeadlessReporter {
    private let interactive: Bool
    private var reportsAccuracy = true
    private var stageCount = 1
    private let progressLine = ProgressLine()

    init(interactive: Bool = OutputSink.current.isTerminal) {
        self.interactive = interactive
    }

    func report(_ event: TrainingEvent) {
        switch event {
        case .started(let info):
            stageCount = info.stageCount
            print("\(info.name) on \(info.datasetName): \(info.trainCount) training and \(info.testCount) test images")
        case .stageStarted(let stage):
            reportsAccuracy = stage.reportsAccuracy
            if stageCount > 1 { print("Stage \(stage.index + 1)/\(stage.count): \(stage.title)") }
            print(ProgressFormatter.epochHeader(0, of: stage.epochs))
        case .batchEnded(let progress) where interactive:
            progressLine.update(ProgressFormatter.batchLine(progress, reportsAccuracy: reportsAccuracy))
        case .epochEnded(let summary):
            progressLine.replace(with: ProgressFormatter.epochLine(summary, reportsAccuracy: reportsAccuracy))
            if summary.epoch + 1 < summary.epochs {
                print(ProgressFormatter.epochHeader(summary.epoch + 1, of: summary.epochs))
            }
        case .log(let message):
            progressLine.keep()
            print(message)
        case .stateChanged(.stopped), .failed:
            progressLine.keep()  // the message that follows goes below the progress line
        case .finished(let result):
            print("Test score: \(String(format: "%.4f", Double(result.testLoss)))")
            if let accuracy = result.testAccuracy {
                print("Test accuracy: \(String(format: "%.4f", Double(accuracy)))")
            }
            print("Training throughput: \(Int(result.trainSamplesPerSecond.rounded())) samples/s")
        default:
            break
        }
    }

    private func print(_ line: String) { writeOut(line + "\n") }
}

/// One JSON object per line. Batch updates are thinned to at most ten a second; everything
/// else is printed as it comes. The last line is the `result` (or `error`).
final class JSONReporter: HeadlessReporter {
    private var batchThrottle = Throttle()
    /// Where the run is recorded: the result line's `run_dir` (null when not recorded).
    private let runDirectory: String?

    init(runDirectory: String? = nil) {
        self.runDirectory = runDirectory
    }

    func report(_ event: TrainingEvent) {
        if case .batchEnded = event, !batchThrottle.allows() { return }
        guard case .finished = event else {
            writeOut(event.jsonLine() + "\n")
            return
        }
        var object = event.jsonObject()
        object["run_dir"] = runDirectory ?? NSNull()
        writeOut(TrainingEvent.line(object) + "\n")
    }
}
