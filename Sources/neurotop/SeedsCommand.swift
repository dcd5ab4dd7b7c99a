import ArgumentParser
import Foundation
import Training

struct SeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seeds",
        abstract: "Train a config once per seed and show how far the test accuracy moves with the seed alone.",
        discussion: """
            Five epochs end wherever the last one leaves them; a single run cannot tell a better \
            recipe from a luckier seed. Each seed trains a fresh model (its own initial weights and \
            shuffling) to the end; a line per seed, then the mean, standard deviation, and the \
            seeds at both ends.
            """)

    @Argument(help: .configArgument)
    var config: String

    @Option(
        name: .customLong("seeds"), parsing: .unconditional,
        help: "The seeds: a range (1-5), a list (1,4,9) or both (1-3,10). (default: 1-5)",
        transform: { text in try SeedList(parsing: text) })
    var seedList = SeedList(1...5)

    @OptionGroup var recipe: RecipeOptions

    @OptionGroup var record: RecordOptions

    @Flag(help: "Print a JSON object per seed and one for the spread, a line each.")
    var json = false

    func run() throws {
        let loader = PlanLoader(data: recipe.data)
        let config = try reportingErrors { try loader.config(self.config) }
        let seedWidth = seedList.seeds.map { String($0).count }.max() ?? 1
        var figures: [(seed: UInt64, value: Double)] = []
        var isAccuracy = true
        let progress = OutputSink.current.isTerminal && !json ? ProgressLine() : nil
        for (index, seed) in seedList.seeds.enumerated() {
            let plan = try reportingErrors {
                try loader.plan(for: config, epochs: recipe.epochs, batchSize: recipe.batchSize, seed: seed)
            }
            if index == 0, !json {
                let epochCount = plan.stages.last?.epochs ?? 0
                let epochWord = epochCount == 1 ? "epoch" : "epochs"
                writeOut(
                    "\(plan.name) (\(plan.identifier)) on \(plan.data.name), \(epochCount) \(epochWord), "
                        + "seeds \(seedList.description)\n")
            }
            var options = Trainer.Options.headless
            options.stepsPerEpoch = recipe.stepsPerEpoch
            let recorder = Recording.begin(
                record, plan: plan, config: config,
                configYAML: config.resolvedYAML(epochs: recipe.epochs, batchSize: recipe.batchSize, seed: seed),
                stepsPerEpoch: recipe.stepsPerEpoch)
            let trainer = Trainer(plan: plan, options: options, taps: recorder.map { [$0.tap] } ?? [])
            defer { Recording.end(recorder, trainer: trainer) }
            let result: FinalResult
            do {
                result = try trainer.runToEnd { event in
                    guard case .batchEnded(let step) = event else { return }
                    progress?.update(
                        "seed \(seed) (\(index + 1)/\(seedList.seeds.count))  epoch \(step.epoch + 1)  "
                            + "step \(step.step)/\(step.stepsPerEpoch)")
                }
            } catch {
                progress?.clear()
                throw exitWithError("seed \(seed): \(error)")
            }
            progress?.clear()
            isAccuracy = isAccuracy && result.testAccuracy != nil
            figures.append((seed, Double(result.testAccuracy ?? result.testLoss)))
            if json {
                JSONLine.write(SeedResultLine(seed: seed, result: result))
            } else {
                writeOut(SeedSweepFormatter.runLine(seed: seed, result: result, seedWidth: seedWidth) + "\n")
            }
        }
        // The article's figure is for its own recipe: compare only when nothing was overridden.
        report(figures, isAccuracy: isAccuracy, reference: recipe.followsConfig ? config.reference?.testAccuracy : nil)
    }

    private func report(_ figures: [(seed: UInt64, value: Double)], isAccuracy: Bool, reference: Double?) {
        guard json else {
            writeOut(SeedSweepFormatter.summary(figures, isAccuracy: isAccuracy, reference: reference) + "\n")
            return
        }
        guard let spread = SeedSpread(figures.map(\.value)) else { return }
        var line = SpreadLine(
            figure: isAccuracy ? "test_accuracy" : "test_loss", seeds: figures.map(\.seed),
            values: figures.map(\.value), mean: spread.mean, sd: spread.standardDeviation, min: spread.minimum,
            max: spread.maximum)
        if isAccuracy, let reference {
            line.reference = reference
            line.reachingReference = SeedSpread.count(of: figures.map(\.value), reaching: reference)
        }
        JSONLine.write(line)
    }

    /// `--json`, one per seed: the run's result fields with `"event": "seed_result"` and the seed.
    private struct SeedResultLine: Encodable {
        var seed: UInt64
        var result: FinalResult

        private enum CodingKeys: String, CodingKey { case event, seed }

        func encode(to encoder: any Encoder) throws {
            try result.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("seed_result", forKey: .event)
            try container.encode(seed, forKey: .seed)
        }
    }

    /// `--json`, last: the spread over the seeds; the reference only for the config's own recipe.
    private struct SpreadLine: Encodable {
        let event = "seed_spread"
        var figure: String
        var seeds: [UInt64]
        var values: [Double]
        var mean, sd, min, max: Double
        var reference: Double?
        var reachingReference: Int?
    }
}
