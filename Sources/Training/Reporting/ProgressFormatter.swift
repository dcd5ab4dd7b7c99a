import Foundation

/// Formats training progress the way Keras's `verbose=1` does, for headless runs.
///
/// `  469/938 [==============>...............] - ETA: 1s - loss: 0.3412 - accuracy: 0.9021`
public enum ProgressFormatter {
    /// The in-place line for a batch: step counter, bar, ETA and the running epoch averages.
    public static func batchLine(_ progress: BatchProgress, reportsAccuracy: Bool, width: Int = 30) -> String {
        let remaining = Double(progress.stepsPerEpoch - progress.step)
        let perStep = progress.step > 0 ? progress.epochElapsed / Double(progress.step) : 0
        var line =
            counter(progress.step, of: progress.stepsPerEpoch) + " "
            + bar(progress.step, of: progress.stepsPerEpoch, width: width)
        line += " - ETA: " + duration(remaining * perStep)
        line += " - loss: " + figure(progress.epochLoss)
        if reportsAccuracy { line += " - accuracy: " + figure(progress.epochAccuracy) }
        return line
    }

    /// The closing line of an epoch: elapsed time, time per step, averages and validation figures.
    public static func epochLine(_ summary: EpochSummary, reportsAccuracy: Bool, width: Int = 30) -> String {
        let perStep = summary.stepsPerEpoch > 0 ? summary.seconds / Double(summary.stepsPerEpoch) : 0
        var line =
            counter(summary.stepsPerEpoch, of: summary.stepsPerEpoch) + " "
            + bar(summary.stepsPerEpoch, of: summary.stepsPerEpoch, width: width)
        line += " - " + duration(summary.seconds) + " " + milliseconds(perStep) + "/step"
        line += " - loss: " + figure(summary.loss)
        if reportsAccuracy { line += " - accuracy: " + figure(summary.accuracy) }
        if let loss = summary.validationLoss { line += " - val_loss: " + figure(loss) }
        if reportsAccuracy, let accuracy = summary.validationAccuracy { line += " - val_accuracy: " + figure(accuracy) }
        return line
    }

    /// `Epoch 2/5`, as Keras heads each epoch.
    public static func epochHeader(_ epoch: Int, of epochs: Int) -> String {
        "Epoch \(epoch + 1)/\(epochs)"
    }

    static func counter(_ step: Int, of total: Int) -> String {
        let digits = String(total).count
        let text = String(step)
        return String(repeating: " ", count: max(0, digits - text.count)) + text + "/" + String(total)
    }

    /// `[=====>....]`: the arrow head marks the current position until the epoch is complete.
    static func bar(_ step: Int, of total: Int, width: Int) -> String {
        let filled = total > 0 ? min(width, step * width / total) : 0
        if filled >= width { return "[" + String(repeating: "=", count: width) + "]" }
        let body = String(repeating: "=", count: max(0, filled - 1)) + (filled > 0 ? ">" : "")
        return "[" + body + String(repeating: ".", count: width - body.count) + "]"
    }

    static func figure(_ value: Float) -> String {
        String(format: "%.4f", Double(value))
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 0.9995 { return String(format: "%.0fms", seconds * 1000) }
        if seconds < 60 { return String(format: "%.0fs", seconds.rounded()) }
        let whole = Int(seconds.rounded())
        return whole < 3600
            ? String(format: "%d:%02d", whole / 60, whole % 60)
            : String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
    }

    static func milliseconds(_ seconds: Double) -> String {
        seconds < 0.001 ? String(format: "%.0fus", seconds * 1e6) : String(format: "%.0fms", seconds * 1000)
    }
}
