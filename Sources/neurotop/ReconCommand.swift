import ArgumentParser
import Datasets
import Experiments
import Foundation
import Training

struct ReconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recon",
        abstract: "Pre-train an autoencoder config headless, then print test digits beside their reconstructions.",
        discussion: """
            Trains the config's pre-training stages 1 to --stage (Keras-style progress), then prints the \
            first --count test digits and what the stage's autoencoder stack makes of them as text art \
            (reconstructions scaled to their maximum, since ReLU has no upper bound; for a denoising \
            config the clean digit, the corrupted one the model sees, and the reconstruction), and the \
            stage's reconstruction MSE over the whole test set.
            """)

    @Argument(help: "An autoencoder config (with a pretrain section), e.g. ae-pretrain or ae-denoise.")
    var config: String

    @Option(parsing: .unconditional, help: "Show the reconstructions after this pre-training stage.")
    var stage = 1

    @Option(parsing: .unconditional, help: "How many test digits to show.")
    var count = 8

    @Option(
        parsing: .unconditional, help: "Seed for initial weights, shuffling and corruption instead of the config's.",
        transform: SeedOption.parse)
    var seed: UInt64?

    @OptionGroup var dataOptions: DataOptions

    @OptionGroup var record: RecordOptions

    func validate() throws {
        if stage < 1 { throw ValidationError("--stage must be at least 1 (got \(stage))") }
        if !(1...64).contains(count) { throw ValidationError("--count must be between 1 and 64 (got \(count))") }
    }

    func run() throws {
        let (config, plan) = try reportingErrors { try loadStages() }
        var options = Trainer.Options.headless
        options.stepsPerEpoch = dataOptions.stepsPerEpoch
        options.sampleCount = count
        // Samples only when forced: at every stage start and epoch end, so the last set before
        // `finished` comes from the trained stack.
        options.sampleInterval = 1e6
        // The recorded config is the whole one: `resume` continues a cut plan only as far as it went.
        let recorder = Recording.begin(
            record, plan: plan, config: config,
            configYAML: config.resolvedYAML(epochs: nil, batchSize: nil, seed: seed),
            stepsPerEpoch: dataOptions.stepsPerEpoch)
        let trainer = Trainer(plan: plan, options: options, taps: recorder.map { [$0.tap] } ?? [])
        defer { Recording.end(recorder, trainer: trainer) }
        let progress = ProgressReporter()
        var latest: SampleSnapshot?
        let result: FinalResult
        do {
            result = try trainer.runToEnd { event in
                if case .samples(let samples) = event, samples.reconstructions != nil {
                    latest = samples
                } else if case .finished = event {
                    return  // reported below, with the reconstructions
                } else {
                    progress.report(event)
                }
            }
        } catch {
            throw exitWithError("\(error)")
        }
        report(result, samples: latest, testCount: plan.data.test.count)
    }

    /// The config's plan cut after pre-training stage `stage`.
    private func loadStages() throws -> (ExperimentConfig, TrainingPlan) {
        let loader = PlanLoader(data: dataOptions.data)
        let config = try loader.config(self.config)
        guard let schedule = config.pretraining else {
            throw ReconError.noPretraining(config: config.identifier)
        }
        guard stage <= schedule.stages.count else {
            throw ReconError.noSuchStage(stage, config: config.identifier, stages: schedule.stages.count)
        }
        return (config, try loader.plan(for: config, seed: seed).prefix(stages: stage))
    }

    private func report(_ result: FinalResult, samples: SampleSnapshot?, testCount: Int) {
        if let samples {
            writeOut("\n" + ReconstructionArt.render(samples, count: count) + "\n\n")
        }
        writeOut(
            "Test reconstruction MSE after stage \(stage): \(String(format: "%.4f", Double(result.testLoss)))"
                + " (\(testCount) clean test images)\n")
    }
}

/// Why `recon` cannot run on a config.
enum ReconError: Error, CustomStringConvertible {
    case noPretraining(config: String)
    case noSuchStage(Int, config: String, stages: Int)

    var description: String {
        switch self {
        case .noPretraining(let config):
            "\(config) has no pretrain section, so there is nothing to reconstruct; try ae-pretrain or ae-denoise"
        case .noSuchStage(let stage, let config, let stages):
            "\(config) has \(stages) pre-training stages, so --stage \(stage) does not exist; use 1 to \(stages)"
        }
    }
}
