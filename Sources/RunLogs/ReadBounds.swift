/// How much the file readers hold at once: the window they read through, and the largest record
/// or line they take (a larger one is refused without being read into memory).
public struct ReadBounds: Sendable, Equatable {
    /// Bytes read at a time when records are small.
    public var window: Int
    /// The largest record or line.
    public var maximum: Int

    public init(window: Int, maximum: Int) {
        self.window = max(window, 1)
        self.maximum = maximum
    }

    /// TFRecords: 1 MiB windows, records up to 64 MiB. TensorBoard's own records are scalars of a
    /// few dozen bytes, histograms and images of kilobytes, graphs of a few megabytes.
    public static let tfRecords = ReadBounds(window: 1 << 20, maximum: 64 << 20)

    /// Event streams: 1 MiB windows, lines up to 16 MiB. neurotop's longest lines
    /// (`test_predictions`, 10,000 classes) are about 20 KB.
    public static let eventLines = ReadBounds(window: 1 << 20, maximum: 16 << 20)
}
