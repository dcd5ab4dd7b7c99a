import ArgumentParser
import Runs

/// `--runs DIR`: where recorded runs are read (and written), for every command that reads them.
struct RunsRootOption: ParsableArguments {
    @Option(
        name: .customLong("runs"),
        help: ArgumentHelp("The runs directory (default: $NEUROTOP_RUNS, else ./runs).", valueName: "dir"))
    var root: String?

    var catalog: RunCatalog { RunCatalog(option: root) }

    /// The recorded run an argument names (a run directory, a run id, or a config meaning its
    /// newest run), read whole; a damaged one ends the command with one line.
    func load(_ argument: String) throws -> RecordedRun {
        try reportingErrors { () throws(RunReadError) in try RecordedRun.load(catalog.locate(argument)) }
    }
}

extension ArgumentHelp {
    /// The help of every command's RUN argument.
    static let runArgument = ArgumentHelp(
        "A run directory, a run id from `neurotop runs`, or a config name (its newest run).", valueName: "run")
}
