/// Why a recorded run cannot be used; each message says what to do.
public enum RunError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    /// A run's file is a directory, a FIFO, a device: reading it would fail or never end.
    case notAFile(path: String, kind: String)
    case noSuchRun(String, root: String)
    case checkpointMissing(path: String)
    case checkpointDamaged(path: String, reason: String)
    case checkpointMismatch(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .notAFile(let path, let kind):
            "\(path) is \(kind), not a regular file: put the run's file back or resume another run"
        case .noSuchRun(let run, let root):
            "no run '\(run)': it is neither a run directory nor a run id under \(root); see `neurotop runs`"
        case .checkpointMissing(let path):
            "\(path) is missing, so the run cannot be resumed; train the config again"
        case .checkpointDamaged(let path, let reason):
            "\(path) is damaged (\(reason)); it was not loaded: train the config again or resume a copy of the run with an intact checkpoint"
        case .checkpointMismatch(let path, let reason):
            "\(path) does not fit its run's config.yaml (\(reason)); it was not loaded: train the config again"
        }
    }
}
