import ArgumentParser
import Datasets
import Experiments
import Foundation
import Runs

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a recorded run's figures, or a config as a Keras script.",
        discussion: """
            --keras (the argument is then a CONFIG, not a RUN): a standalone Keras 3 training script of \
            the config: the same layers with their names and initialisers, the same optimizer, loss \
            and recipe, MNIST read from the same IDX files, the run recorded under --runs by \
            neurotop's Keras callback (inlined), and --distribute for data-parallel training over \
            every device Keras sees. Images are channels-last there.

            --csv: one row per epoch with epoch (from 1), loss, accuracy, val_loss, val_accuracy, \
            seconds and learning_rate; a figure that was not measured is an empty cell. A run that \
            was resumed or restarted gives the epochs it finally trained. For a pre-training config \
            the rows are its last stage (the fine-tuning) unless --stage says otherwise.
            """)

    @Argument(help: "A recorded run (--csv), or a config file or bundled config's name (--keras).")
    var recordedRun: String

    @Flag(help: "Comma-separated values, one row per epoch.")
    var csv = false

    @Flag(help: "A Keras 3 training script of the config.")
    var keras = false

    @OptionGroup var dataset: DatasetOption

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(parsing: .unconditional, help: "The stage to export, from 1 (default: the last).")
    var stage: Int?

    @OptionGroup var runsRoot: RunsRootOption

    func validate() throws {
        guard csv != keras else {
            throw ValidationError("say which one to export: --csv (a run) or --keras (a config)")
        }
        if let stage, stage < 1 { throw ValidationError("--stage must be at least 1 (got \(stage))") }
    }

    func run() throws {
        if keras {
            try exportKeras()
            return
        }
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

    private func exportKeras() throws {
        let text = try reportingErrors { () throws -> String in
            let catalog = try ConfigCatalog.locate()
            let config = try ConfigLoader.load(recordedRun, catalog: catalog)
            let integrations = ((catalog.directory as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent("integrations/keras/neurotop_callback.py")
            guard let callback = FileManager.default.contents(atPath: integrations) else {
                throw ExportError.missingCallback(integrations)
            }
            guard let data = dataset.data ?? BundledDataSearch.forCurrentProcess().locate(config.dataset) else {
                throw ExportError.missingData(config.dataset)
            }
            return try KerasScript.text(
                config: config, callbackSource: String(decoding: callback, as: UTF8.self),
                dataDirectory: URL(fileURLWithPath: data).standardizedFileURL.path)
        }
        try ExportOutput.write(text, to: output)
    }
}

/// What keeps a config from being exported.
enum ExportError: Error, CustomStringConvertible {
    case missingCallback(String)
    case missingData(String)

    var description: String {
        switch self {
        case .missingCallback(let path):
            "the Keras callback is not at \(path) (it ships beside configs/ in integrations/keras); reinstall neurotop"
        case .missingData(let name):
            "cannot find the \(name) IDX files for the script to read; give their directory with --data"
        }
    }
}
