import ArgumentParser
import Runs

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot", abstract: "Draw recorded runs' curves as one SVG file.",
        discussion: """
            Loss and accuracy per epoch (validation dashed) and per batch, the runs overlaid one \
            colour each, a legend with each run's test accuracy, and the interventions (freeze, \
            learning-rate change, pause...) as dashed lines where they took effect. The SVG is \
            self-contained: it opens in a browser and goes into a report as it is. A pre-training \
            config is drawn from its last stage (the fine-tuning).
            """)

    @Argument(help: .runArgument)
    var runs: [String]

    @Option(name: .shortAndLong, help: "Write the SVG to this file instead of standard output.")
    var output: String?

    @OptionGroup var runsRoot: RunsRootOption

    func validate() throws {
        if runs.isEmpty { throw ValidationError("give at least one run to plot (`neurotop runs` lists them)") }
    }

    func run() throws {
        let plotted = try runs.map { argument in
            let recorded = try runsRoot.load(argument)
            return CurvePlot.Run(label: recorded.directory.id, history: RunHistory(recorded))
        }
        try ExportOutput.write(CurvePlot(runs: plotted).svg(), to: output)
    }
}
