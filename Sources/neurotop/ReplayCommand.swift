import ArgumentParser
import Dashboard
import Runs
import TerminalUI

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Open the dashboard on a recorded run and play it back.",
        discussion: """
            The charts, the layer table and the journal are rebuilt from the run's events as they \
            happened, at 10x the pace it trained; what the user did (freeze, learning rate, pause...) \
            is marked on the charts with a triangle. Keys: 1, 2, 3 play at 1x, 10x, 100x; p pauses; \
            e jumps to the end; r plays again from the start; q quits.
            """)

    @Argument(help: .runArgument)
    var recordedRun: String

    @OptionGroup var runsRoot: RunsRootOption

    func run() throws {
        let recorded = try runsRoot.load(recordedRun)
        if let problem = DashboardApp.terminalProblem() { throw exitWithError(problem) }
        let replay = ReplayController(
            timeline: recorded.timeline, entry: recorded.configEntry(identifier: recorded.directory.id))
        let status = DashboardApp(controller: replay).run()
        if status != 0 { throw ExitCode(status) }
    }
}
