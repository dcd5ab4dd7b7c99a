/// One file to read, what it is, and the run it belongs to.
public struct WatchedFile: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A TensorBoard event file (TFRecord framing of `Event` protobufs).
        case tensorBoard
        /// A neurotop event stream (`events.jsonl`).
        case eventStream
    }

    public var path: String
    public var kind: Kind
    /// The run's name, as `WatchedRecord.run`.
    public var run: String
    /// Keras's `train/` or `validation/` when the file is in one.
    public var directorySplit: TagMeaning.Split?

    public init(path: String, kind: Kind, run: String, directorySplit: TagMeaning.Split? = nil) {
        self.path = path
        self.kind = kind
        self.run = run
        self.directorySplit = directorySplit
    }
}
