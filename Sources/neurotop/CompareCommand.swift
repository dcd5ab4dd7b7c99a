import ArgumentParser
import Dashboard
import Runs
import TerminalUI

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Show recorded runs together in the dashboard.",
        discussion: """
            The runs' loss and accuracy curves are overlaid in the charts, one colour each, with a \
            legend of each run's final test accuracy; tab picks the run the header and the layer \
            table show. A run compared with its fork (`f` in the dashboard) is shown from the fork \
            point, as the fork is. Three or more runs of one config that differ only in seed (as `neurotop \
            seeds` records them) are drawn as their mean and min-max band: a seed set's spread, not \
            N tangled lines. --band and --lines choose either way.
            """)

    @Argument(
        help: ArgumentHelp(
            "Two or more runs: run directories, run ids, or config names (their newest run).", valueName: "run"))
    var recordedRuns: [String]

    @Flag(help: "Draw the runs as their mean and min-max band.")
    var band = false

    @Flag(help: "Draw one line per run, even for a seed set.")
    var lines = false

    @OptionGroup var runsRoot: RunsRootOption

    func validate() throws {
        if recordedRuns.count < 2 {
            throw ValidationError("give two or more runs to compare (`neurotop runs` lists them)")
        }
        if band && lines { throw ValidationError("--band and --lines exclude each other; give one") }
    }

    func run() throws {
        let runs = try recordedRuns.map { try runsRoot.load($0) }
        if let problem = DashboardApp.terminalProblem() { throw exitWithError(problem) }
        let model = Self.model(comparing: runs, drawsBand: band ? true : lines ? false : Self.isSeedSet(runs))
        let status = DashboardApp(controller: ComparisonSession(model: model)).run()
        if status != 0 { throw ExitCode(status) }
    }

    /// The dashboard model of `runs` shown together, the first one selected.
    static func model(comparing runs: [RecordedRun], drawsBand: Bool) -> DashboardModel {
        let labels = Self.labels(runs.map(\.summary))
        var model = DashboardModel(
            entries: zip(runs, labels).map { $0.configEntry(identifier: $1) }, current: labels.first ?? "")
        for (run, label) in zip(runs, labels) {
            // A run whose fork is compared with it shows from the fork point, as the fork does.
            let fork = runs.first { $0.summary.parent == run.summary.id && $0.summary.forkedAt != nil }
            let entries = fork?.summary.forkedAt.map { run.entries(since: $0) } ?? run.continuousEntries
            for entry in entries {
                switch entry {
                case .event(let event): model.apply(event, to: label)
                case .intervention(let intervention): model.mark(intervention, on: label)
                }
            }
        }
        model.compare(
            Comparison(
                members: zip(runs, labels).map { Comparison.Member(label: $1, testAccuracy: $0.testAccuracy) },
                drawsBand: drawsBand))
        return model
    }

    /// Short, distinct legend labels: the configs when they differ, `seed N` for runs of one
    /// config with distinct seeds, else the run ids.
    static func labels(_ summaries: [RunSummary]) -> [String] {
        let ids = Set(summaries.map(\.id))
        if summaries.contains(where: { $0.parent.map(ids.contains) == true }) {
            // A run and its fork(s): the fork named by where it parted.
            return summaries.map { summary in
                guard let parent = summary.parent, ids.contains(parent), let point = summary.forkedAt else {
                    return summary.id
                }
                return "fork at step \(point.globalStep)"
            }
        }
        let configs = summaries.map(\.config)
        if Set(configs).count == configs.count { return configs }
        let seeds = summaries.map(\.seed)
        if Set(configs).count == 1, Set(seeds).count == seeds.count {
            return seeds.map { "seed \($0)" }
        }
        var seen: [String: Int] = [:]
        return summaries.map { summary in
            // The same run given twice still gets two labels.
            seen[summary.id, default: 0] += 1
            let count = seen[summary.id] ?? 1
            return count == 1 ? summary.id : "\(summary.id) (\(count))"
        }
    }

    /// Three or more runs of one config whose seeds all differ: a seed set.
    static func isSeedSet(_ runs: [RecordedRun]) -> Bool {
        let seeds = runs.map(\.summary.seed)
        return runs.count >= 3 && Set(runs.map(\.summary.config)).count == 1 && Set(seeds).count == seeds.count
    }
}
