/// One value of a scalar summary.
public struct ScalarPoint: Sendable, Equatable {
    public var tag: String
    public var step: Int64
    /// Seconds since the Unix epoch when the writer wrote it.
    public var wallTime: Double
    /// The value as written (float32 for most writers, widened exactly).
    public var value: Double
    /// Which panel it feeds, by the tag conventions of Keras and PyTorch; nil for other scalars.
    public var meaning: TagMeaning?
}
