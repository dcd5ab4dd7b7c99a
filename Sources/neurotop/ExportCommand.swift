import ArgumentParser
import Runs

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a recorded run's figures for other tools.",
        discussion: """
            --csv: one row per epoch with epoch (from 1), loss, accuracy, val_loss, val_accuracy, \
            seconds and learning_rate; a figure that was not measured is an empty cell. A run that \
            was resumed or restarted gives the epochs it finally trained. For a pre-training config \
            the rows are its last stage (the fine-tuning) unless --stage says otherwise.
            """)

    @Argument(help: .runArgument)
    var recordedRun: String

    @Flag(help: "Comma-separated values, one row per epoch (the only format so far).")
    var csv = false

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(parsing: .unconditional, help: "The stage to export, from 1 (default: the last).")
    var stage: Int?

    @OptionGroup var runsRoot: RunsRootOption

    func validate() throws {
        guard csv else { throw ValidationError("say which format to export: --csv") }
        if let stage, stage < 1 { throw ValidationError("--stage must be at least 1 (got \(stage))") }
    }

    func run() throws {
        let recorded = try runsRoot.load(recordedRun)
        let history = RunHistory(recorded)
        let stages = history.stages
        guard let chosen = stage.map({ $0 - 1 }) ?? (stages.isEmpty ? nil : stages.count - 1) else {
            throw exitWithError("\(recorded.directory.path) recorded no epoch yet; export it once it has trained one")
        }
        guard stages.indices.contains(chosen) else {
            throw exitWithError(
                "\(recorded.directory.id) has \(stages.count) stage\(stages.count == 1 ? "" : "s"); "
                    + "give --stage from 1 to \(stages.count)")
        }
        try ExportOutput.write(stages[chosen].epochCSV(), to: output)
    }
}
