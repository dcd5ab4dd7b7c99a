import Runs
import Training

/// One thing read from a run, in neurotop's terms (made by the readers of this module; the value
/// types have no public initialisers): a neurotop event or intervention from an
/// event stream, or a scalar, histogram or image from TensorBoard's event files.
public enum WatchedEvent: Sendable, Equatable {
    case recorded(RecordedEntry)
    case scalar(ScalarPoint)
    case histogram(HistogramPoint)
    case image(ImagePoint)
}
