import ArgumentParser
import Dashboard
import Experiments
import Foundation
import Runs
import TerminalUI
import Training

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a recorded run from its checkpoint, exactly as if it had never stopped.",
        discussion: """
            RUN is a run directory (runs/mlp-tanh-1-20261130-213500) or a run id under the runs \
            directory. The run goes on from its last checkpoint (written at every epoch end, on w in \
            the dashboard and on quit) with its own config.yaml, appending to its events.jsonl and \
            updating its run.json. --epochs N trains the final stage to N epochs: a finished run \
            trains on.
            """)

    @Argument(help: ArgumentHelp("A run directory or a run id.", valueName: "run"))
    var runArgument: String

    @Option(parsing: .unconditional, help: "Train the final stage to this many epochs (extends a finished run).")
    var epochs: Int?

    @Option(name: .customLong("runs"), help: "Where run ids are looked up (default: $NEUROTOP_RUNS, else ./runs).")
    var runs: String?

    @OptionGroup var dataset: DatasetOption

    @Flag(help: "Print one JSON object per event per line; the last line is the result (with \"run_dir\").")
    var json = false

    @Flag(help: "Continue in the dashboard instead of headless.")
    var dashboard = false

    func validate() throws {
        if let epochs, !(1...RecipeOptions.largestEpochs).contains(epochs) {
            throw ValidationError("--epochs must be between 1 and \(RecipeOptions.largestEpochs) (got \(epochs))")
        }
        if json && dashboard { throw ValidationError("--json and --dashboard exclude each other; choose one") }
    }

    func run() throws {
        let resumed = try reportingErrors {
            try ResumedRun(
                runArgument, root: RecordOptions.root(explicit: runs), epochs: epochs, data: dataset.data,
                headless: !dashboard)
        }
        if dashboard {
            try ResumedRun.openDashboard(resumed)
        } else {
            try Recording.runToEnd(resumed.trainer, recorder: resumed.recorder, json: json)
        }
    }
}

/// A recorded run made ready to go on: its config, a trainer restored from its checkpoint and a
/// recorder appending to its directory.
struct ResumedRun {
    let directory: RunDirectory
    let config: ExperimentConfig
    let trainer: Trainer
    let recorder: RunRecorder?

    init(_ argument: String, root: String, epochs: Int?, data: String?, headless: Bool) throws {
        directory = try RunDirectory.locate(argument, root: root)
        try directory.checkFileKinds()
        let summary = try RecordedRun.loadSummary(directory)
        let snapshot = try directory.loadCheckpoint()
        guard let yaml = try? String(contentsOfFile: directory.configPath, encoding: .utf8) else {
            throw RunError.unreadable(
                path: directory.configPath, reason: "it is missing or not text; train the config again")
        }
        config = try ConfigLoader.parse(yaml: yaml, file: directory.configPath, identifier: summary.config)
        let plan = try PlanLoader(data: data).plan(for: config, epochs: epochs)
        var options = headless ? Trainer.Options.headless : Trainer.Options()
        options.stepsPerEpoch = summary.stepsPerEpoch
        if epochs != nil {
            let resolved = config.resolvedYAML(epochs: epochs, batchSize: nil, seed: nil)
            try AtomicFile.replace(directory.configPath, with: Array(resolved.utf8))
        }
        let recorder = try? RunRecorder.reopen(directory, summary: summary, notice: { writeError("neurotop: \($0)\n") })
        if recorder == nil {
            writeError("neurotop: recording stopped: cannot write to \(directory.path); training goes on unrecorded\n")
        }
        let trainer = Trainer(plan: plan, options: options, taps: recorder.map { [$0.tap] } ?? [])
        do {
            try trainer.restore(snapshot)
        } catch {
            throw RunError.checkpointMismatch(path: directory.checkpointPath, reason: error.reason)
        }
        recorder?.start()
        self.trainer = trainer
        self.recorder = recorder
    }
}

extension ResumedRun {
    /// Continues the run in the dashboard; other configs picked there start fresh, unrecorded.
    static func openDashboard(_ resumed: ResumedRun) throws {
        if let problem = DashboardApp.terminalProblem() { throw exitWithError(problem) }
        let catalog = try? ConfigCatalog.locate()
        let entries = (catalog?.entries() ?? []).filter { $0.problem == nil }.map {
            ConfigEntry(identifier: $0.identifier, name: $0.name, group: $0.group.rawValue)
        }
        let loader = PlanLoader(data: nil)
        let controller = DashboardController(entries: entries, initial: resumed.config.identifier) { identifier in
            try loader.plan(for: loader.config(identifier, catalog: catalog))
        }
        controller.start(resuming: resumed.trainer, recorder: resumed.recorder)
        let status = DashboardApp(controller: controller).run()
        if status != 0 { throw ExitCode(status) }
    }
}
