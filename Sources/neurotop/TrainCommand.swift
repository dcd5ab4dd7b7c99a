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
        let (config, plan) = try reportingErrors {
            let config = try loader.config(self.config)
            let plan = try loader.plan(
                for: config, epochs: options.epochs, batchSize: options.batchSize, seed: options.seed)
            return (config, plan)
        }
        let recorder = Recording.begin(
            record, plan: plan, config: config,
            configYAML: config.resolvedYAML(epochs: options.epochs, batchSize: options.batchSize, seed: options.seed),
            stepsPerEpoch: options.stepsPerEpoch)
        var trainerOptions = Trainer.Options.headless
        trainerOptions.stepsPerEpoch = options.stepsPerEpoch
        let trainer = Trainer(plan: plan, options: trainerOptions, taps: recorder.map { [$0.tap] } ?? [])
        try Recording.runToEnd(trainer, recorder: recorder, json: json)
    }
}
