/// Something the user did to a run (a freeze, a learning-rate change, a pause), marked on the
/// charts at the step where it took effect.
public struct ChartMarker: Sendable, Equatable {
    /// 0-based stage index; a marker shows only while its stage is on screen.
    public var stage: Int
    /// The stage's step count when it took effect.
    public var globalStep: Int
    /// A short text for the journal (`freeze dense`).
    public var label: String

    public init(stage: Int, globalStep: Int, label: String) {
        self.stage = stage
        self.globalStep = globalStep
        self.label = label
    }
}
