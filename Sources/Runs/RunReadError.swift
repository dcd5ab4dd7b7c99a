/// Why a recorded run cannot be read: each message names the file and says what to do.
public enum RunReadError: Error, Equatable, CustomStringConvertible {
    /// The argument is no run directory, run id or config with a recorded run.
    case unknownRun(argument: String, root: String)
    /// A directory that is not a recorded run (or whose recording never wrote its summary).
    case missingSummary(directory: String)
    case unreadableSummary(path: String, reason: String)
    case damagedSummary(path: String, reason: String)
    case missingEvents(directory: String)
    case unreadableEvents(path: String, reason: String)
    /// `run.json` or `events.jsonl` is a directory, a FIFO, a device: reading it would fail or never end.
    case notAFile(path: String, kind: String)
    /// A complete line that is not JSON: the file was damaged there (an unfinished last line is not an error).
    case notJSON(path: String, line: Int)
    case unsupportedVersion(path: String, line: Int, version: Int)
    /// A JSON line that is not the event it names.
    case badEvent(path: String, line: Int, problem: EventDecodingError)

    public var description: String {
        switch self {
        case .unknownRun(let argument, let root):
            "no recorded run '\(argument)' in \(root) (not a run directory, a run id or a config with a recorded run); "
                + "`neurotop runs` lists them, `--runs DIR` or NEUROTOP_RUNS reads another directory"
        case .missingSummary(let directory):
            "\(directory) has no run.json, so it is not a recorded run (or its recording never started); "
                + "give a run that `neurotop runs` lists"
        case .unreadableSummary(let path, let reason):
            "cannot read \(path): \(reason); check its permissions"
        case .damagedSummary(let path, let reason):
            "\(path) is damaged: \(reason); restore it from a backup or remove the run's directory"
        case .missingEvents(let directory):
            "\(directory) has no events.jsonl, so there is nothing to show; give a run that `neurotop runs` lists"
        case .unreadableEvents(let path, let reason):
            "cannot read \(path): \(reason); check its permissions"
        case .notAFile(let path, let kind):
            "\(path) is \(kind), not a regular file: put the run's file back or give another run"
        case .notJSON(let path, let line):
            "\(path) line \(line) is not JSON: the file is damaged there; delete that line to read the rest"
        case .unsupportedVersion(let path, let line, let version):
            "\(path) line \(line) has schema version \(version), newer than this neurotop reads "
                + "(\(EventLogReader.supportedVersion)); update neurotop"
        case .badEvent(let path, let line, let problem):
            "\(path) line \(line) is \(problem): the file is damaged there; delete that line to read the rest"
        }
    }
}
