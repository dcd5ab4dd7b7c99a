import NeuroEngine
import Training

/// What no training writes: counts and steps outside 0...2³¹-1, images whose pixels do not
/// make their size. A line that has them is skipped with a notice when a run is read, so that
/// every view can count on its figures (an epoch number can be printed one-based, a step be
/// placed on a chart, a pixel be looked up) whoever wrote the file.
extension TrainingEvent {
    /// The largest count or step an event may hold.
    public static let plausibleCounts = 0...Int(Int32.max)
    /// `plausibleCounts` in a message's words.
    static let plausibleCountWords = "a whole number from 0 to \(plausibleCounts.upperBound)"
    /// The largest side of an image an event may carry.
    public static let plausibleImageSide = 1...1024

    /// Why the event cannot be shown as it is; nil when it can.
    public var implausibility: String? {
        switch self {
        case .started(let info):
            return Self.check([
                ("train_count", info.trainCount), ("test_count", info.testCount), ("stage_count", info.stageCount),
            ])
        case .stageStarted(let info):
            let layers = info.layers.flatMap { layer in
                [
                    ("layers.parameter_count", layer.parameterCount), ("layers.kernel_count", layer.kernelCount),
                    ("layers.trainable_parameter_count", layer.trainableParameterCount),
                ]
            }
            return Self.check(
                [
                    ("index", info.index), ("count", info.count), ("epochs", info.epochs),
                    ("steps_per_epoch", info.stepsPerEpoch), ("batch_size", info.batchSize),
                    ("parameter_counts.total", info.parameterCounts.total),
                    ("parameter_counts.trainable", info.parameterCounts.trainable),
                ] + layers)
        case .batchEnded(let progress):
            return Self.check([
                ("epoch", progress.epoch), ("step", progress.step), ("steps_per_epoch", progress.stepsPerEpoch),
                ("global_step", progress.globalStep),
            ])
        case .epochEnded(let summary):
            return Self.check([
                ("epoch", summary.epoch), ("epochs", summary.epochs), ("steps_per_epoch", summary.stepsPerEpoch),
                ("learned", summary.learned ?? 0), ("forgotten", summary.forgotten ?? 0),
                ("never_learned", summary.neverLearned ?? 0),
            ])
        case .gradients(let snapshot):
            return Self.check(
                [("global_step", snapshot.globalStep)]
                    + snapshot.parameters.map { ("parameters.layer_index", $0.layerIndex) })
        case .samples(let samples):
            let images = [samples.inputs, samples.reconstructions ?? [], samples.cleanInputs ?? []]
            return Self.checkImages(images.flatMap { $0 }, rows: samples.rows, columns: samples.columns)
                ?? Self.sameCount(
                    samples.inputs.count,
                    [
                        "labels": samples.labels.count, "predictions": samples.predictions?.count,
                        "confidences": samples.confidences?.count, "reconstructions": samples.reconstructions?.count,
                        "clean_inputs": samples.cleanInputs?.count,
                    ])
        case .flips(let flips):
            let digits = flips.learned + flips.forgotten
            return Self.check([
                ("epoch", flips.epoch), ("learned_count", flips.learnedCount),
                ("forgotten_count", flips.forgottenCount),
            ])
                ?? Self.checkImages(digits.map(\.image), rows: flips.rows, columns: flips.columns)
        case .testPredictions(let predictions):
            return Self.check([("stage", predictions.stage), ("epoch", predictions.epoch)])
        case .finished(let result):
            return Self.check([("epochs", result.epochs)])
        case .layersChanged, .stateChanged, .learningRateChanged, .log, .failed, .intervention, .checkpoint:
            return nil
        }
    }

    private static func check(_ fields: [(name: String, value: Int)]) -> String? {
        fields.first { !plausibleCounts.contains($0.value) }.map {
            "`\($0.name)` is \($0.value), and it must be \(plausibleCountWords)"
        }
    }

    private static func checkImages(_ images: [[Float]], rows: Int, columns: Int) -> String? {
        guard plausibleImageSide.contains(rows), plausibleImageSide.contains(columns) else {
            return "its images are \(rows)x\(columns) pixels: each side must be in \(plausibleImageSide)"
        }
        guard images.allSatisfy({ $0.count == rows * columns }) else {
            return "an image does not have the \(rows)x\(columns) pixels its size says"
        }
        return nil
    }

    private static func sameCount(_ count: Int, _ lists: KeyValuePairs<String, Int?>) -> String? {
        for case (let name, let other?) in lists where other != count {
            return "`\(name)` has \(other) entries for \(count) images"
        }
        return nil
    }
}

extension Intervention {
    /// Why the intervention cannot be marked on a chart; nil when it can.
    public var implausibility: String? {
        TrainingEvent.plausibleCounts.contains(globalStep) && TrainingEvent.plausibleCounts.contains(stage)
            ? nil : "its `global_step` \(globalStep) or `stage` \(stage) is outside \(TrainingEvent.plausibleCounts)"
    }
}
