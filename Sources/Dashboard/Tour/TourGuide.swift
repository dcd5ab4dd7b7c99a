import Training

/// Where the reader is in the guided tour, and the figures measured for its steps.
///
/// The tour is a way through the configs: each step shows one config's run (kept by the model
/// like any other) with the step's text beside it. The guide holds only what the runs do not:
/// the texts, the current step, and figures measured apart from the runs (the gradient study of
/// a fresh model).
public struct TourGuide: Sendable, Equatable {
    public let steps: [TourStep]
    public let labels: TourLabels
    public private(set) var index: Int
    /// Figures measured apart from the runs, by step id.
    public private(set) var measured: [String: String] = [:]

    /// A guide at step `index` (held within the steps); `steps` must not be empty.
    public init(steps: [TourStep], labels: TourLabels, index: Int = 0) {
        precondition(!steps.isEmpty, "a tour needs at least one step")
        self.steps = steps
        self.labels = labels
        self.index = min(max(index, 0), steps.count - 1)
    }

    public var current: TourStep { steps[index] }

    /// Moves to step `index`, held within the steps.
    public mutating func go(to index: Int) {
        self.index = min(max(index, 0), steps.count - 1)
    }

    /// Keeps a figure measured for step `id` apart from its run.
    public mutating func record(_ figure: String, for id: String) {
        measured[id] = figure
    }

    /// Whether step `step` still needs a figure measured apart from its run.
    public func needsMeasurement(_ step: TourStep) -> Bool {
        step.measure != .testAccuracy && measured[step.id] == nil
    }

    /// What "you" shows for `step` given its run: the test accuracy once the run has finished,
    /// the last validation accuracy while it trains (with the epoch), the figure measured apart
    /// for a gradient step; the pending label until there is one.
    public func figure(for step: TourStep, run: DashboardState) -> String {
        switch step.measure {
        case .firstKernelGradient, .gradientFirstOutput:
            return measured[step.id] ?? labels.pending
        case .testAccuracy:
            if let accuracy = run.result?.testAccuracy { return TourFigure.accuracy(accuracy) }
            guard let last = run.epochs.last(where: { $0.validationAccuracy != nil }),
                let accuracy = last.validationAccuracy
            else { return labels.pending }
            return "\(TourFigure.accuracy(accuracy)) (\(last.epoch + 1)/\(last.epochs))"
        }
    }
}
