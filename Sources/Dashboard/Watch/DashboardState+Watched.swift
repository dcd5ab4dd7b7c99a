import Foundation
import NeuroEngine
import RunLogs
import Training

/// A TensorBoard log's values on neurotop's panels: losses and accuracies into the charts (per
/// batch, or one point per epoch when that is all the log has), validation figures on the epoch
/// marks and in the journal, histograms into the layer table, images into the digits panel, and
/// every other scalar into the list `v` charts from.
extension DashboardState {
    /// Most images of one step the digits panel keeps.
    static let watchedImageLimit = 64
    /// The steps a value may have to be charted: no training takes more, and a step outside is
    /// a writer's mistake (or a damaged file) that would push every other value off the chart.
    static let watchedSteps: ClosedRange<Int64> = 0...Int64(Int32.max)

    /// Starts the state of a run another program writes, named `name`.
    mutating func beginWatching(_ name: String, source: String) {
        guard watched == nil else { return }
        watched = WatchedRun()
        run = RunInfo(
            name: name, identifier: name, datasetName: source, trainCount: 0, testCount: 0, stageCount: 1,
            referenceAccuracy: nil)
        stage = StageInfo(
            index: 0, count: 1, title: name, epochs: 0, stepsPerEpoch: 1, batchSize: 0, learningRate: .nan,
            optimizer: "", loss: "", reportsAccuracy: true, layers: [],
            parameterCounts: ParameterCounts(total: 0, trainable: 0))
        runState = .running
        note("watching \(name) (\(source))")
    }

    mutating func record(_ point: ScalarPoint) {
        guard var watched else { return }
        defer { self.watched = watched }
        watched.heard(at: point.wallTime)
        guard Self.watchedSteps.contains(point.step) else {
            if watched.skippedSteps == 0 {
                note("\(point.tag) at step \(point.step): values at steps outside 0...\(Int32.max) are skipped")
            }
            watched.skippedSteps += 1
            return
        }
        let value = Float(point.value)
        let step = Int(point.step)
        guard let meaning = point.meaning else {
            if Self.namesLearningRate(point.tag) { learningRate = value }
            watched.record(scalar: point.tag, step: step, value: value)
            return
        }
        switch (meaning.split, meaning.granularity) {
        case (.train, .epoch):
            fillEpoch(step, meaning, value, &watched)
            if !watched.hasBatchFigures { chart(meaning.metric, step: step + 1, value: value) }
        case (.train, _):
            if !watched.hasBatchFigures {
                // Epoch points charted before the first batch figure give way to the batches.
                watched.hasBatchFigures = true
                losses = MetricSeries()
                accuracies = MetricSeries()
            }
            watched.firstBatchStep = min(watched.firstBatchStep ?? step, step)
            watched.lastBatchStep = max(watched.lastBatchStep, step)
            chart(meaning.metric, step: step, value: value)
        case (.validation, .batch):
            // Keras's `evaluation_loss_vs_iterations`: a validation figure at a training step.
            watched.record(scalar: point.tag, step: step, value: value)
        case (.validation, _):
            fillEpoch(step, meaning, value, &watched)
        }
    }

    mutating func record(_ point: HistogramPoint) {
        guard var watched else { return }
        defer { self.watched = watched }
        watched.heard(at: point.wallTime)
        let name = WatchedTensorName(tag: point.tag)
        if name.isGradient, watched.layerFigure == .weights {
            // Gradients are what the table is for: weight readings give way to them.
            watched.layerFigure = .gradients
            for index in layers.indices { layers[index].clearReadings() }
        }
        let index = layers.firstIndex { $0.summary.name == name.layer } ?? addWatchedLayer(name.layer)
        watched.tensorSizes[name.layer, default: [:]][name.tensor] = Int(point.statistics.count)
        if name.isKernel { watched.layersWithKernel.insert(name.layer) }
        let size = watched.tensorSizes[name.layer]?.values.reduce(0, +) ?? 0
        layers[index].summary.parameterCount = size
        layers[index].summary.trainableParameterCount = size
        if name.isKernel { layers[index].summary.kernelCount = Int(point.statistics.count) }
        let total = layers.reduce(0) { $0 + $1.summary.parameterCount }
        stage?.parameterCounts = ParameterCounts(total: total, trainable: total)
        // The kernel stands for the layer, as in the gradient study; else its one tensor.
        let figure: WatchedRun.LayerFigure = name.isGradient ? .gradients : .weights
        guard figure == watched.layerFigure, name.isKernel || !watched.layersWithKernel.contains(name.layer) else {
            return
        }
        layers[index].record(
            ParameterStatistics(
                layerIndex: index, layerName: name.layer, parameterName: name.tensor, isKernel: name.isKernel,
                meanAbsGradient: Float(point.statistics.meanAbsolute),
                maxAbsGradient: Float(point.statistics.maximumAbsolute), updateRatio: nil))
    }

    mutating func record(_ point: ImagePoint) {
        guard var watched else { return }
        defer { self.watched = watched }
        watched.heard(at: point.wallTime)
        guard point.width > 0, point.height > 0, point.pixels.count == point.width * point.height else { return }
        // The first tag's images, the newest step's.
        if watched.imageTag == nil { watched.imageTag = point.tag }
        guard point.tag == watched.imageTag, point.step >= watched.imageStep else { return }
        let image = point.pixels.map { Float($0) / 255 }
        if var kept = samples, point.step == watched.imageStep, kept.rows == point.height,
            kept.columns == point.width, kept.inputs.count < Self.watchedImageLimit
        {
            kept.inputs.append(image)
            kept.labels.append(-1)
            samples = kept
        } else {
            samples = SampleSnapshot(rows: point.height, columns: point.width, inputs: [image], labels: [-1])
        }
        watched.imageStep = point.step
    }

    /// The accuracy chart shows `tag` instead (nil: accuracy again).
    mutating func chartScalar(_ tag: String?) {
        watched?.chartedScalar = tag
    }

    // MARK: - Helpers

    static func namesLearningRate(_ tag: String) -> Bool {
        let words = tag.lowercased().split { !$0.isLetter }
        return tag.lowercased().contains("learning_rate") || words.contains("lr")
            || tag.lowercased().contains("learning rate")
    }

    private mutating func chart(_ metric: TagMeaning.Metric, step: Int, value: Float) {
        switch metric {
        case .loss: losses.append(step: step, value: value)
        case .accuracy: accuracies.append(step: step, value: value)
        }
    }

    private mutating func addWatchedLayer(_ name: String) -> Int {
        layers.append(
            LayerRow(
                summary: LayerSummary(
                    name: name, kind: "", outputShape: [], parameterCount: 0, trainableParameterCount: 0,
                    trainable: true, kernelCount: 0)))
        return layers.count - 1
    }

    /// Puts an epoch's figure in its summary (made on the first one), and shows the summary in
    /// the journal, on one line that fills in as the figures come.
    private mutating func fillEpoch(
        _ epoch: Int, _ meaning: TagMeaning, _ value: Float, _ watched: inout WatchedRun
    ) {
        // Steps per epoch, as far as the log says: the batches so far over the epochs so far,
        // taken when an epoch's training figure comes (right after its last batch).
        var perEpoch = epochs.first { $0.epoch == epoch }?.stepsPerEpoch ?? stage?.stepsPerEpoch ?? 1
        if !watched.hasBatchFigures {
            perEpoch = 1
        } else if meaning.split == .train, let first = watched.firstBatchStep {
            perEpoch = max(1, (watched.lastBatchStep - first + 1) / (epoch + 1))
        }
        var summary =
            epochs.first { $0.epoch == epoch }
            ?? EpochSummary(
                epoch: epoch, epochs: 0, stepsPerEpoch: perEpoch, loss: .nan, accuracy: .nan, validationLoss: nil,
                validationAccuracy: nil, seconds: 0, samplesPerSecond: 0)
        switch (meaning.split, meaning.metric) {
        case (.train, .loss): summary.loss = value
        case (.train, .accuracy): summary.accuracy = value
        case (.validation, .loss): summary.validationLoss = value
        case (.validation, .accuracy): summary.validationAccuracy = value
        }
        summary.stepsPerEpoch = perEpoch
        stage?.stepsPerEpoch = perEpoch
        epochs.removeAll { $0.epoch == epoch }
        epochs.append(summary)
        epochs.sort { $0.epoch < $1.epoch }
        let line = Self.watchedEpochLine(summary)
        let prefix = "epoch \(epoch + 1) "
        if let shown = watched.journalLines[epoch], journal.indices.contains(shown), journal[shown].hasPrefix(prefix) {
            journal[shown] = line
        } else {
            // The journal keeps its last lines: a line trimmed from the front moves the others.
            if journal.count == Self.journalLength { watched.journalLines = watched.journalLines.mapValues { $0 - 1 } }
            note(line)
            watched.journalLines[epoch] = journal.count - 1
        }
    }

    static func watchedEpochLine(_ summary: EpochSummary) -> String {
        var line = "epoch \(summary.epoch + 1)"
        if !summary.loss.isNaN { line += "  loss \(Format.fixed(summary.loss, 4))" }
        if !summary.accuracy.isNaN { line += "  acc \(Format.percent(summary.accuracy, 2))" }
        if let loss = summary.validationLoss { line += "  val_loss \(Format.fixed(loss, 4))" }
        if let accuracy = summary.validationAccuracy { line += "  val_acc \(Format.percent(accuracy, 2))" }
        return line
    }
}
