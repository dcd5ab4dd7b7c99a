import ArgumentParser
import Foundation

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Open the live dashboard (the default command).")

    @Argument(help: "A config file or the name of a bundled config.")
    var config: String = "mlp-tanh-4"

    @OptionGroup var options: RunOptions

    func run() throws {
        throw exitWithError("the dashboard is not available in this build; use `neurotop train \(config)`")
    }
}
