import NeuroEngine
import Training

/// Everything the dashboard knows about one training run, built only from its events.
///
/// `apply` is pure bookkeeping: the same event sequence always gives the same state, which is
/// what makes whole screens snapshot-testable from recorded events.
public struct DashboardState: Sendable {
    /// How many lines the journal keeps.
    public static let journalLength = 200

    public internal(set) var run: RunInfo?
    public internal(set) var stage: StageInfo?
    public internal(set) var runState: RunState = .ready
    public internal(set) var batch: BatchProgress?
    /// Per-batch loss and accuracy of the current stage.
    public internal(set) var losses = MetricSeries()
    public internal(set) var accuracies = MetricSeries()
    /// The current stage's finished epochs.
    public internal(set) var epochs: [EpochSummary] = []
    public internal(set) var layers: [LayerRow] = []
    public internal(set) var samples: SampleSnapshot?
    /// A few test digits learned and forgotten at the stage's last validation.
    public internal(set) var flips: FlipSnapshot?
    public internal(set) var learningRate: Float?
    /// Epoch summaries, stage changes and trainer log lines, oldest first.
    public internal(set) var journal: [String] = []
    public internal(set) var result: FinalResult?
    public internal(set) var failure: String?
    /// Training seconds of the finished epochs of this stage.
    public internal(set) var finishedEpochSeconds: Double = 0
    /// Set for a run another program writes (`neurotop watch`): what its panels need beyond
    /// neurotop's own events.
    public internal(set) var watched: WatchedRun?
    /// The layer the keys act on (an index into `layers`).
    public var selectedLayer: Int = 0
    /// Set on the copy that starts a fork's twin: its trainer announces the run and its stage
    /// again, which must not clear the history the two branches share.
    private var continuesAsTwin = false

    public init() {}

    /// The trainer's step count in the stage, 0 before the first batch.
    public var globalStep: Int { batch?.globalStep ?? 0 }

    /// Steps the current stage will take in all.
    public var totalSteps: Int { (stage?.epochs ?? 0) * (stage?.stepsPerEpoch ?? 0) }

    /// Whether the run can still train (so pause, resume and step mean something).
    public var isActive: Bool { runState == .running || runState == .paused || runState == .ready }

    /// The state a fork's twin starts from: this run's history so far, kept when the twin
    /// announces itself.
    public func twin() -> DashboardState {
        var copy = self
        copy.continuesAsTwin = true
        return copy
    }

    // MARK: - Events

    public mutating func apply(_ event: TrainingEvent) {
        switch event {
        case .started(let info) where continuesAsTwin:
            run = info
        case .stageStarted(let info) where continuesAsTwin && info.index == stage?.index:
            stage = info
            continuesAsTwin = false
        case .started(let info):
            run = info
            // A run another program writes may not say what it trains on.
            let data =
                info.trainCount > 0
                ? ": \(Format.grouped(info.trainCount)) training, \(Format.grouped(info.testCount)) test images" : ""
            note(info.datasetName.isEmpty ? "\(info.name) started" : "\(info.name) on \(info.datasetName)\(data)")
        case .stageStarted(let info):
            beginStage(info)
        case .batchEnded(let progress):
            batch = progress
            losses.append(step: progress.globalStep, value: progress.loss)
            accuracies.append(step: progress.globalStep, value: progress.accuracy)
        case .epochEnded(let summary):
            epochs.append(summary)
            finishedEpochSeconds += summary.seconds
            note(epochLine(summary))
        case .gradients(let snapshot):
            record(snapshot)
        case .samples(let snapshot):
            samples = snapshot
        case .flips(let snapshot):
            flips = snapshot
        case .testPredictions:
            break  // the run's record; the counts arrive with the epoch and the digits as flips
        case .layersChanged(let summaries):
            updateLayers(summaries)
        case .stateChanged(let state):
            runState = state
        case .learningRateChanged(let rate):
            learningRate = rate
            note("learning rate \(Format.scientific(rate))")
        case .log(let line):
            note(line)
        case .finished(let final):
            result = final
            var line = "finished: test loss \(Format.fixed(final.testLoss, 4))"
            if let accuracy = final.testAccuracy { line += ", test accuracy \(Format.percent(accuracy, 2))" }
            line += ", trained at \(Format.grouped(final.trainSamplesPerSecond)) samples/s"
            note(line)
        case .failed(let message):
            failure = message
            runState = .failed
            note("failed: \(message)")
        case .intervention, .checkpoint:
            break  // the run's record; the view shows their effects through the other events
        }
    }

    /// Moves the layer selection by `offset` rows, staying inside the table.
    public mutating func moveSelection(by offset: Int) {
        guard !layers.isEmpty else { return }
        selectedLayer = min(max(selectedLayer + offset, 0), layers.count - 1)
    }

    // MARK: - Helpers

    private mutating func beginStage(_ info: StageInfo) {
        stage = info
        batch = nil
        losses = MetricSeries()
        accuracies = MetricSeries()
        epochs = []
        flips = nil
        finishedEpochSeconds = 0
        learningRate = info.learningRate
        layers = info.layers.map(LayerRow.init)
        selectedLayer = min(selectedLayer, max(layers.count - 1, 0))
        if info.count > 1 { note("stage \(info.index + 1)/\(info.count): \(info.title)") }
    }

    private mutating func updateLayers(_ summaries: [LayerSummary]) {
        if summaries.count == layers.count {
            for index in summaries.indices { layers[index].summary = summaries[index] }
        } else {
            layers = summaries.map(LayerRow.init)
            selectedLayer = min(selectedLayer, max(layers.count - 1, 0))
        }
        // A layer frozen or thawed live changes how many weights train.
        if let counts = stage?.parameterCounts {
            let trainable = summaries.reduce(0) { $0 + $1.trainableParameterCount }
            stage?.parameterCounts = ParameterCounts(total: counts.total, trainable: trainable)
        }
    }

    private mutating func record(_ snapshot: GradientSnapshot) {
        var byLayer: [Int: ParameterStatistics] = [:]
        for statistics in snapshot.parameters {
            // The kernel stands for the layer, as in the gradient study; otherwise the first tensor.
            if let existing = byLayer[statistics.layerIndex], existing.isKernel || !statistics.isKernel { continue }
            byLayer[statistics.layerIndex] = statistics
        }
        for index in layers.indices where layers[index].hasWeights {
            layers[index].record(byLayer[index])
        }
    }

    mutating func note(_ line: String) {
        journal.append(line)
        if journal.count > Self.journalLength { journal.removeFirst(journal.count - Self.journalLength) }
    }

    private func epochLine(_ summary: EpochSummary) -> String {
        let reportsAccuracy = stage?.reportsAccuracy ?? true
        var line = "epoch \(summary.epoch + 1)/\(summary.epochs)  loss \(Format.fixed(summary.loss, 4))"
        if reportsAccuracy { line += "  acc \(Format.percent(summary.accuracy, 2))" }
        if let loss = summary.validationLoss { line += "  val_loss \(Format.fixed(loss, 4))" }
        if reportsAccuracy, let accuracy = summary.validationAccuracy {
            line += "  val_acc \(Format.percent(accuracy, 2))"
        }
        line += "  \(Format.fixed(summary.seconds, 1))s"
        return line
    }
}
