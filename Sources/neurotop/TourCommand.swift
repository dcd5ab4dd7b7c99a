import ArgumentParser
import Dashboard
import Experiments
import Foundation
import TerminalUI
import Training

struct TourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tour",
        abstract: "A guided tour of the article's experiments, one live config per step, in English or Thai.",
        discussion: """
            Each step trains one bundled config, explains in a side panel what it shows and which panel \
            to watch, suggests a key to try, and sets the article's figure beside the one just measured. \
            --plain prints the same steps and trains them headless with Keras-style progress lines. \
            The texts are configs/tour/<lang>.yaml.
            """)

    @Option(
        help: ArgumentHelp(
            "The tour's language: en or th (default: from LC_ALL, LC_MESSAGES or LANG, Thai for th_*).",
            valueName: "lang"))
    var lang: TourLanguage?

    @Flag(help: "Print each step's text and train its config headless, without the full-screen dashboard.")
    var plain = false

    @Option(
        help: ArgumentHelp(
            "Begin at this step (its id, or its number from 1); with --plain, run only this step.", valueName: "step"))
    var step: String?

    @OptionGroup var options: RunOptions

    @OptionGroup var record: RecordOptions

    func run() throws {
        let language = lang ?? TourLanguage.preferred(environment: ProcessInfo.processInfo.environment)
        let (catalog, script) = try reportingErrors {
            let catalog = try ConfigCatalog.locate()
            return (catalog, try TourScript.load(language, catalog: catalog))
        }
        let steps = script.dashboardSteps
        let first = try startIndex(in: steps)
        if plain {
            let chosen = step == nil ? Array(steps[first...]) : [steps[first]]
            try PlainTour(
                labels: script.dashboardLabels, total: steps.count, options: options, record: record, catalog: catalog
            ).run(chosen, numberedFrom: first + 1)
        } else {
            try runFullScreen(
                steps: steps, labels: script.dashboardLabels, first: first, language: language, catalog: catalog)
        }
    }

    /// The dashboard with the tour's side panel, on the first step's config.
    private func runFullScreen(
        steps: [TourStep], labels: TourLabels, first: Int, language: TourLanguage, catalog: ConfigCatalog
    ) throws {
        if let problem = DashboardApp.terminalProblem() {
            throw exitWithError(
                problem.replacingOccurrences(of: "`neurotop train CONFIG`", with: "`neurotop tour --plain`"))
        }
        if let problem = language.localeProblem(codeset: DashboardApp.localeCodeset()) {
            throw exitWithError(problem)
        }
        let initial = steps[first].config
        let controller = DashboardCommand.makeController(
            config: initial, initial: initial, catalog: catalog, options: options, record: record)
        // The first config and its data load before the terminal changes mode, so that a
        // problem is one plain line on stderr.
        try reportingErrors { try controller.start() }
        controller.startTour(TourGuide(steps: steps, labels: labels, index: first))
        let status = DashboardApp(controller: controller).run()
        if status != 0 { throw ExitCode(status) }
    }

    /// The index of the step `--step` names (the first when not given).
    private func startIndex(in steps: [TourStep]) throws -> Int {
        guard let step else { return 0 }
        if let index = steps.firstIndex(where: { $0.id == step }) { return index }
        if let number = Int(step), steps.indices.contains(number - 1) { return number - 1 }
        throw exitWithError(
            "no tour step '\(step)'; the steps are 1 to \(steps.count): \(steps.map(\.id).joined(separator: ", "))")
    }
}

extension TourLanguage: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
