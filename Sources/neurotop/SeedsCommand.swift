import ArgumentParser
import Datasets
import Experiments
import Foundation
import Training

struct SeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seeds",
        abstract: "Train a config once per seed and show how far the test accuracy moves with the seed alone.",
        discussion: """
            Five epochs end wherever the last one leaves them; a single run cannot tell a better
            recipe from a luckier seed. Each seed trains a fresh model (its own initial weights and
            shuffling) to the end; a line per seed, then the mean, standard deviation, and the
            seeds at both ends.
            """)

    @Argument(help: "A config file or the name of a bundled config.")
    var config: String

    @Option(
        name: .customLong("seeds"), help: "The seeds: a range (1-5), a list (1,4,9) or both (1-3,10). (default: 1-5)",
        transform: { text in try SeedList(parsing: text) })
    var seedList = SeedList(1...5)

    @OptionGroup var recipe: RecipeOptions

    @Flag(help: "Print a JSON object per seed and one for the spread, a line each.")
    var json = false

    func run() throws {
        let (config, dataset) = try reportingErrors {
            let config = try ConfigLoader.load(self.config)
            return (config, try DatasetCatalog.load(name: config.dataset, directory: recipe.data))
        }
        let seedWidth = seedList.seeds.map { String($0).count }.max() ?? 1
        var figures: [(seed: UInt64, value: Double)] = []
        var isAccuracy = true
        let progress = isatty(STDOUT_FILENO) == 1 && !json ? SeedProgress() : nil
        for (index, seed) in seedList.seeds.enumerated() {
            let plan = try reportingErrors {
                try config.makePlan(data: dataset, epochs: recipe.epochs, batchSize: recipe.batchSize, seed: seed)
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
            let trainer = Trainer(plan: plan, options: options)
            let result: FinalResult
            do {
                result = try trainer.runToEnd { event in
                    progress?.show(event, seed: seed, index: index, of: seedList.seeds.count)
                }
            } catch {
                progress?.clear()
                throw exitWithError("seed \(seed): \(error)")
            }
            progress?.clear()
            isAccuracy = isAccuracy && result.testAccuracy != nil
            figures.append((seed, Double(result.testAccuracy ?? result.testLoss)))
            if json {
                var fields = TrainingEvent.fields(of: result)
                fields["event"] = "seed_result"
                fields["seed"] = seed
                writeOut(TrainingEvent.line(fields) + "\n")
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
        var fields: [String: Any] = [
            "event": "seed_spread", "figure": isAccuracy ? "test_accuracy" : "test_loss",
            "seeds": figures.map(\.seed), "values": figures.map(\.value), "mean": spread.mean,
            "sd": spread.standardDeviation, "min": spread.minimum, "max": spread.maximum,
        ]
        if isAccuracy, let reference {
            fields["reference"] = reference
            fields["reaching_reference"] = SeedSpread.count(of: figures.map(\.value), reaching: reference)
        }
        writeOut(TrainingEvent.line(fields) + "\n")
    }
}

/// The in-place line while a seed trains: which seed, which epoch, how far into it.
private final class SeedProgress {
    private var lastDraw: Date = .distantPast

    func show(_ event: TrainingEvent, seed: UInt64, index: Int, of count: Int) {
        guard case .batchEnded(let progress) = event else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        writeOut(
            "\r\u{1B}[2Kseed \(seed) (\(index + 1)/\(count))  epoch \(progress.epoch + 1)  step \(progress.step)/\(progress.stepsPerEpoch)"
        )
    }

    func clear() {
        writeOut("\r\u{1B}[2K")
    }
}
