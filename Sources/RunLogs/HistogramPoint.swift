/// A histogram summary (of weights or gradients), reduced to what the layer table shows.
public struct HistogramPoint: Sendable, Equatable {
    public var tag: String
    public var step: Int64
    public var wallTime: Double
    public var statistics: HistogramStatistics
}
