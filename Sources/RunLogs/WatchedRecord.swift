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
