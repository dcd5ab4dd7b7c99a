import ArgumentParser
import Dashboard
import Experiments
import Foundation
import Runs
import TerminalUI
import Training

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Open the live dashboard (the default command).")

    @Argument(help: .configArgument)
    var config: String = ConfigCatalog.defaultIdentifier

    @OptionGroup var options: RunOptions

    @Option(
        help: ArgumentHelp(
            "Pin this recorded run as the dim baseline curve (b pins the run on screen).", valueName: "run"))
    var baseline: String?

    @OptionGroup var record: RecordOptions

    func run() throws {
        let pinned = try baseline.map { try self.record.load($0) }
        if let problem = DashboardApp.terminalProblem() { throw exitWithError(problem) }
        let catalog = try? ConfigCatalog.locate()
        let controller = Self.makeController(
            config: config, initial: identifier(of: config, in: catalog), catalog: catalog, options: options,
            record: record)
        // Load the first config and its data before the terminal changes mode, so that a bad
        // config or missing data is one plain line on stderr.
        try reportingErrors { try controller.start() }
        if let pinned { controller.pinBaseline(Baseline(label: pinned.directory.id, state: pinned.finalState)) }
        let status = DashboardApp(controller: controller).run()
        if status != 0 { throw ExitCode(status) }
    }

    /// A dashboard on the bundled configs (the picker's entries) that starts on `initial`, which
    /// is loaded from `argument` (a file, or a bundled config's name); every run is trained with
    /// `options` and recorded as `record` says. Not started.
    static func makeController(
        config argument: String, initial: String, catalog: ConfigCatalog?, options: RunOptions, record: RecordOptions
    ) -> DashboardController {
        let entries = (catalog?.entries() ?? []).filter { $0.problem == nil }.map {
            ConfigEntry(identifier: $0.identifier, name: $0.name, group: $0.group.rawValue)
        }
        let loader = PlanLoader(data: options.data)
        var trainerOptions = Trainer.Options()
        trainerOptions.stepsPerEpoch = options.stepsPerEpoch
        let configs = ConfigMemo()
        return DashboardController(
            entries: entries, initial: initial, options: trainerOptions,
            makeRecorder: { plan, parent, notice in
                guard let config = configs.loaded[plan.identifier] else { return nil }
                return Recording.begin(
                    record, plan: plan, config: config,
                    configYAML: config.resolvedYAML(
                        epochs: options.epochs, batchSize: options.batchSize, seed: options.seed),
                    stepsPerEpoch: options.stepsPerEpoch, parent: parent, notice: notice)
            }
        ) { identifier in
            let config = try loader.config(identifier == initial ? argument : identifier, catalog: catalog)
            configs.loaded[config.identifier] = config
            return try loader.plan(
                for: config, epochs: options.epochs, batchSize: options.batchSize, seed: options.seed)
        }
    }

    /// The picker's identifier for the config argument: a path to a bundled file counts as
    /// that bundled config, so the picker does not list it twice.
    private func identifier(of argument: String, in catalog: ConfigCatalog?) -> String {
        guard argument.contains("/"), let catalog else { return argument }
        let stem = ((argument as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let bundled = catalog.path(for: stem) else { return argument }
        let same =
            (bundled as NSString).standardizingPath == (argument as NSString).standardizingPath
            || URL(fileURLWithPath: bundled).resolvingSymlinksInPath()
                == URL(fileURLWithPath: argument).resolvingSymlinksInPath()
        return same ? stem : argument
    }
}

/// The configs the dashboard loaded, by identifier, for recording them as resolved.
private final class ConfigMemo {
    var loaded: [String: ExperimentConfig] = [:]
}
