import ArgumentParser
import Foundation
import Training

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a config headless: Keras-style progress, then the test score and accuracy.")

    @Argument(help: .configArgument)
    var config: String

    @OptionGroup var options: RunOptions

    @Flag(help: "Print one JSON object per event per line; the last line is the result.")
    var json = false

    func run() throws {
        let plan = try reportingErrors { try PlanLoader(data: options.data).plan(config, options: options) }
        var trainerOptions = Trainer.Options.headless
        trainerOptions.stepsPerEpoch = options.stepsPerEpoch
        let trainer = Trainer(plan: plan, options: trainerOptions)
        let reporter: any HeadlessReporter =
            json ? JSONReporter() : ProgressReporter()
        do {
            _ = try trainer.runToEnd { reporter.report($0) }
        } catch {
            throw exitWithError("\(error)")
        }
    }
}
