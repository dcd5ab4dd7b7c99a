import ArgumentParser
import Foundation
import Runs

/// Where a training command records its run (`runs/<id>/`), or that it does not.
struct RecordOptions: ParsableArguments {
    @Option(name: .customLong("runs"), help: "Record runs under this directory (default: $NEUROTOP_RUNS, else ./runs).")
    var runs: String?

    @Flag(name: .customLong("no-record"), help: "Do not record the run.")
    var noRecord = false

    /// The runs directory, or nil when recording is off.
    var root: String? {
        noRecord ? nil : Self.root(explicit: runs)
    }

    /// `--runs`, else `$NEUROTOP_RUNS`, else `runs` under the current directory.
    static func root(explicit: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let variable = ProcessInfo.processInfo.environment["NEUROTOP_RUNS"], !variable.isEmpty { return variable }
        return "runs"
    }
}

extension RecordOptions {
    /// The recorded run an argument names, read from the same runs directory (see `RunsRootOption.load`).
    func load(_ argument: String) throws -> RecordedRun {
        try reportingErrors { () throws(RunReadError) in
            try RecordedRun.load(RunCatalog(option: runs).locate(argument))
        }
    }
}
