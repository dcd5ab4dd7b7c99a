import Runs
import Training

/// One thing read from a run, in neurotop's terms: a neurotop event or intervention from an
/// event stream, or a scalar, histogram or image from TensorBoard's event files.
public enum WatchedEvent: Sendable, Equatable {
    case recorded(RecordedEntry)
    case scalar(ScalarPoint)
    case histogram(HistogramPoint)
    case image(ImagePoint)
}

/// An event and the run it came from.
public struct WatchedRecord: Sendable, Equatable {
    /// The run's name: the directory below the path given, without Keras's `train/` or
    /// `validation/` (the split is part of a scalar's meaning), or the path's own name.
    public var run: String
    public var event: WatchedEvent

    public init(run: String, event: WatchedEvent) {
        self.run = run
        self.event = event
    }
}

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

    public init(tag: String, step: Int64, wallTime: Double, value: Double, meaning: TagMeaning?) {
        self.tag = tag
        self.step = step
        self.wallTime = wallTime
        self.value = value
        self.meaning = meaning
    }
}

/// A histogram summary (of weights or gradients), reduced to what the layer table shows.
public struct HistogramPoint: Sendable, Equatable {
    public var tag: String
    public var step: Int64
    public var wallTime: Double
    public var statistics: HistogramStatistics

    public init(tag: String, step: Int64, wallTime: Double, statistics: HistogramStatistics) {
        self.tag = tag
        self.step = step
        self.wallTime = wallTime
        self.statistics = statistics
    }
}

/// An image summary: its size, and its pixels when they could be decoded.
public struct ImagePoint: Sendable, Equatable {
    public var tag: String
    public var step: Int64
    public var wallTime: Double
    public var width: Int
    public var height: Int
    /// 1 grayscale, 2 grayscale and alpha, 3 RGB, 4 RGBA (0 when the writer did not say).
    public var channels: Int

    public init(tag: String, step: Int64, wallTime: Double, width: Int, height: Int, channels: Int) {
        self.tag = tag
        self.step = step
        self.wallTime = wallTime
        self.width = width
        self.height = height
        self.channels = channels
    }
}
