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

    @OptionGroup var record: RecordOptions

    @Flag(help: "Print one JSON object per event per line; the last line is the result (with \"run_dir\").")
    var json = false

    func run() throws {
        let loader = PlanLoader(data: options.data)
        let (config, plan) = try reportingErrors { try loader.configAndPlan(self.config, options: options) }
        let (trainer, recorder) = Recording.headlessTrainer(record, plan: plan, config: config, options: options)
        try Recording.runToEnd(trainer, recorder: recorder, json: json)
    }
}
