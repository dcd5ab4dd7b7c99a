/// How much the file readers hold at once: the window they read through, the largest record or
/// line they take (a larger one is refused without being read into memory), and how many bytes
/// of the file one call reads before it hands back what it has (a log of gigabytes is read in
/// batches, never whole).
public struct ReadBounds: Sendable, Equatable {
    /// Bytes read at a time when records are small.
    public var window: Int
    /// The largest record or line.
    public var maximum: Int
    /// Bytes of the file one call reads at most (one record or line more when it is longer).
    /// A megabyte: a live view reads a call per frame, and decoding more held frames up for
    /// seconds.
    public var batch: Int

    public init(window: Int, maximum: Int, batch: Int = 1 << 20) {
        self.window = max(window, 1)
        self.maximum = maximum
        self.batch = max(batch, 1)
    }

    /// TFRecords: 1 MiB windows, records up to 64 MiB. TensorBoard's own records are scalars of a
    /// few dozen bytes, histograms and images of kilobytes, graphs of a few megabytes.
    public static let tfRecords = ReadBounds(window: 1 << 20, maximum: 64 << 20)

    /// Event streams: 1 MiB windows, lines up to 16 MiB. neurotop's longest lines
    /// (`test_predictions`, 10,000 classes) are about 20 KB.
    public static let eventLines = ReadBounds(window: 1 << 20, maximum: 16 << 20)
}
