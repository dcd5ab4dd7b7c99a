import NeuroEngine

/// What the layer table knows about one layer: its summary and its latest gradient figures.
public struct LayerRow: Sendable, Equatable {
    /// How many gradient readings each row remembers for its history sparkline.
    public static let historyLength = 48

    public var summary: LayerSummary
    /// Mean |dL/dW| of the layer's kernel (or first weight tensor) at the last reading; nil when
    /// the last reading did not include the layer (frozen below every trainable layer).
    public var meanAbsGradient: Float?
    public var maxAbsGradient: Float?
    /// ‖Δw‖ / ‖w‖ of the last update; nil when the layer was not updated.
    public var updateRatio: Float?
    /// Mean |dL/dW| of past readings, oldest first.
    public var history: [Float] = []

    public init(summary: LayerSummary) {
        self.summary = summary
    }

    /// Whether the layer has weights an optimizer could change (freezing it means something).
    public var hasWeights: Bool { summary.parameterCount > 0 }

    /// Forgets the readings (a watched log's weight figures, when its gradients come).
    mutating func clearReadings() {
        meanAbsGradient = nil
        maxAbsGradient = nil
        updateRatio = nil
        history = []
    }

    mutating func record(_ statistics: ParameterStatistics?) {
        meanAbsGradient = statistics?.meanAbsGradient
        maxAbsGradient = statistics?.maxAbsGradient
        updateRatio = statistics?.updateRatio
        if let mean = statistics?.meanAbsGradient {
            history.append(mean)
            if history.count > Self.historyLength { history.removeFirst(history.count - Self.historyLength) }
        }
    }
}
