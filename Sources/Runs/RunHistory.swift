import Training

/// A recorded run's curves, stage by stage: batch points, epoch rows and interventions, as
/// export, plot and compare draw them.
///
/// Built from the events in file order. A run that was restarted, or resumed from a checkpoint
/// after a crash, repeats steps it had already logged; the later values replace the earlier
/// ones from the first repeated step on, so every curve is the one the run finally took.
public struct RunHistory: Sendable {
    public struct BatchPoint: Sendable, Equatable {
        public var globalStep: Int
        public var loss: Float
        public var accuracy: Float
    }

    public struct EpochRow: Sendable, Equatable {
        /// 0-based, as in `epoch_end`.
        public var epoch: Int
        public var loss: Float
        public var accuracy: Float
        public var validationLoss: Float?
        public var validationAccuracy: Float?
        public var seconds: Double
        /// The learning rate in effect when the epoch ended.
        public var learningRate: Float?
        /// The stage's step count at the epoch's end (where it sits on a per-batch axis).
        public var globalStep: Int
        /// Test examples learned, forgotten and never learned at the epoch's validation (see
        /// `EpochSummary`); nil when none ran, or the run was recorded before they were counted.
        public var learned: Int? = nil
        public var forgotten: Int? = nil
        public var neverLearned: Int? = nil
    }

    public struct Stage: Sendable {
        public var index: Int
        public var info: StageInfo?
        public var batches: [BatchPoint] = []
        public var epochs: [EpochRow] = []
        public var interventions: [Intervention] = []

        /// Whether the stage's accuracy means anything (a classification stage).
        public var reportsAccuracy: Bool { info?.reportsAccuracy ?? true }
    }

    /// Stages by index; a stage without any event is still listed (empty).
    public private(set) var stages: [Stage] = []
    public private(set) var run: RunInfo?
    public private(set) var result: FinalResult?
    public private(set) var failure: String?

    public init(entries: [RecordedEntry]) {
        var current = 0
        var learningRates: [Int: Float] = [:]
        for entry in entries {
            switch entry {
            case .intervention(let intervention):
                stages[ensure(intervention.stage)].interventions.append(intervention)
                if let rate = intervention.learningRate { learningRates[intervention.stage] = rate }
            case .event(let event):
                switch event {
                case .started(let info): run = info
                case .stageStarted(let info):
                    current = info.index
                    stages[ensure(current)].info = info
                    if learningRates[current] == nil { learningRates[current] = info.learningRate }
                case .batchEnded(let progress): add(progress, to: current)
                case .epochEnded(let summary): add(summary, learningRate: learningRates[current], to: current)
                case .learningRateChanged(let rate): learningRates[current] = rate
                case .finished(let final): result = final
                case .failed(let message): failure = message
                case .gradients, .samples, .testPredictions, .flips, .layersChanged, .stateChanged, .log: break
                // Interventions arrive as their own entries above; checkpoints never reach a file.
                case .intervention, .checkpoint: break
                }
            }
        }
    }

    public init(_ run: RecordedRun) {
        self.init(entries: run.entries)
    }

    /// The last stage: the fit for pre-training configs, the only one otherwise.
    public var finalStage: Stage? { stages.last }

    // MARK: - Building

    /// Makes sure stage `index` exists and returns its position.
    private mutating func ensure(_ index: Int) -> Int {
        let index = max(0, index)
        while stages.count <= index { stages.append(Stage(index: stages.count)) }
        return index
    }

    private mutating func add(_ progress: BatchProgress, to stage: Int) {
        let position = ensure(stage)
        // Only a repeated step (a resumed or restarted run) costs a pass over the points.
        if let last = stages[position].batches.last, last.globalStep >= progress.globalStep {
            stages[position].batches.removeAll { $0.globalStep >= progress.globalStep }
        }
        stages[position].batches.append(
            BatchPoint(globalStep: progress.globalStep, loss: progress.loss, accuracy: progress.accuracy))
    }

    private mutating func add(_ summary: EpochSummary, learningRate: Float?, to stage: Int) {
        let position = ensure(stage)
        if let last = stages[position].epochs.last, last.epoch >= summary.epoch {
            stages[position].epochs.removeAll { $0.epoch >= summary.epoch }
        }
        stages[position].epochs.append(
            EpochRow(
                epoch: summary.epoch, loss: summary.loss, accuracy: summary.accuracy,
                validationLoss: summary.validationLoss, validationAccuracy: summary.validationAccuracy,
                seconds: summary.seconds, learningRate: learningRate,
                globalStep: (summary.epoch + 1) * summary.stepsPerEpoch, learned: summary.learned,
                forgotten: summary.forgotten, neverLearned: summary.neverLearned))
    }
}
