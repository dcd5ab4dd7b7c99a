/// Why a file or directory given to read cannot be read at all.
public enum RunLogError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    /// A directory, FIFO or device given as a file: reading it would fail or never end.
    case notAFile(path: String, kind: String)
    /// A directory with no tfevents file and no `events.jsonl` anywhere below it.
    case nothingToRead(path: String)
    /// A file that is neither a tfevents file nor an event stream.
    case unknownKind(path: String)

    public var description: String {
        switch self {
        case .missing(let path): "\(path) does not exist: give a run directory, an events.jsonl or a tfevents file"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .notAFile(let path, let kind):
            "\(path) is \(kind), not a regular file: give a run directory, an events.jsonl or a tfevents file"
        case .nothingToRead(let path):
            "\(path) holds no TensorBoard event file (*tfevents*) and no events.jsonl: give a log or run directory"
        case .unknownKind(let path):
            "\(path) is neither a TensorBoard event file (its name holds \"tfevents\") nor an events.jsonl "
                + "(JSON lines): give one of those, or the directory that holds them"
        }
    }
}
