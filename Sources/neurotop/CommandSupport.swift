import ArgumentParser
import Datasets
import Experiments
import Foundation
import Runs
import Training

// What every command needs, in one place: configs into plans, JSON lines, the progress line.

extension ArgumentHelp {
    /// The help of every command's CONFIG argument.
    static let configArgument: ArgumentHelp = "A config file or the name of a bundled config."
}

/// Loads configs and builds their plans: config -> dataset -> plan, with the command line's
/// overrides. Datasets are loaded once and shared by every plan built here.
final class PlanLoader {
    /// `--data`: the directory to read every dataset from, instead of the catalog's.
    private let directory: String?
    private var datasets: [String: Dataset] = [:]

    init(data directory: String?) {
        self.directory = directory
    }

    /// The config a command-line argument names (a file, or a bundled config in `catalog`).
    func config(_ argument: String, catalog: ConfigCatalog? = nil) throws -> ExperimentConfig {
        try ConfigLoader.load(argument, catalog: catalog)
    }

    /// The dataset `config` trains on.
    func dataset(for config: ExperimentConfig) throws -> Dataset {
        if let dataset = datasets[config.dataset] { return dataset }
        let dataset = try DatasetCatalog.load(name: config.dataset, directory: directory)
        datasets[config.dataset] = dataset
        return dataset
    }

    /// A fresh plan for `config` on its dataset; nil arguments keep the config's own values.
    func plan(for config: ExperimentConfig, epochs: Int? = nil, batchSize: Int? = nil, seed: UInt64? = nil) throws
        -> TrainingPlan
    {
        try config.makePlan(data: dataset(for: config), epochs: epochs, batchSize: batchSize, seed: seed)
    }

    /// The config `argument` names and its plan, with the overrides of a training command.
    func configAndPlan(_ argument: String, options: RunOptions, catalog: ConfigCatalog? = nil) throws
        -> (ExperimentConfig, TrainingPlan)
    {
        let config = try config(argument, catalog: catalog)
        let plan = try plan(for: config, epochs: options.epochs, batchSize: options.batchSize, seed: options.seed)
        return (config, plan)
    }
}

/// Prints values as JSON objects, one per line, with the training events' encoding
/// (snake_case keys, sorted), so that every `--json` output reads the same way.
enum JSONLine {
    static func write(_ value: some Encodable) {
        guard let data = try? TrainingEvent.makeJSONEncoder().encode(value) else {
            // Only a value that cannot be encoded at all gets here; say so rather than print half.
            writeError("neurotop: cannot encode \(type(of: value)) as JSON\n")
            return
        }
        writeOut(String(decoding: data, as: UTF8.self) + "\n")
    }
}

/// Lets something happen at most ten times a second: progress redraws and batch lines, which
/// come far faster than anyone reads them.
struct Throttle {
    private var last: Date = .distantPast

    /// True (and the clock restarts) when a tenth of a second has passed since the last true.
    mutating func allows(now: Date = Date()) -> Bool {
        guard now.timeIntervalSince(last) >= 0.1 else { return false }
        last = now
        return true
    }
}

/// The line a terminal redraws in place while something runs (Keras's progress bar, the
/// current seed): redrawn at most ten times a second, and replaced or closed before ordinary
/// lines are printed.
final class ProgressLine {
    private static let eraseLine = "\r\u{1B}[2K"
    private var throttle = Throttle()
    private var isOpen = false

    /// Draws `text` over the line, unless it was drawn less than a tenth of a second ago
    /// (`text` is then not even built).
    func update(_ text: @autoclosure () -> String) {
        guard throttle.allows() else { return }
        writeOut(Self.eraseLine + text())
        isOpen = true
    }

    /// Replaces the line by a finished one (an epoch's line) and moves below it.
    func replace(with line: String) {
        writeOut((isOpen ? Self.eraseLine : "") + line + "\n")
        isOpen = false
    }

    /// Leaves the line as it is and moves below it, so a message does not overwrite it.
    func keep() {
        if isOpen { writeOut("\n") }
        isOpen = false
    }

    /// Erases the line.
    func clear() {
        if isOpen { writeOut(Self.eraseLine) }
        isOpen = false
    }
}

/// Where an export goes: standard output, or the file of `-o FILE`, replaced whole (a reader
/// of the file never sees half of it), or written through when it is a device or a FIFO
/// (`AtomicFile.writeOutput`).
enum ExportOutput {
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            writeOut(text)
            return
        }
        do {
            try AtomicFile.writeOutput(Array(text.utf8), to: path)
        } catch {
            throw exitWithError("\(error); choose another file with -o")
        }
    }
}
