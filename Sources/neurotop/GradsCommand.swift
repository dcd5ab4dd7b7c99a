import ArgumentParser
import Foundation
import NeuroEngine
import Training

struct GradsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grads",
        abstract: "Print the article's gradient table: mean |dL/dW| per kernel, one row per layer.",
        discussion: """
            The gradient of the batch-mean loss on the first training samples, in inference mode \
            (no dropout, BatchNormalization on its moving statistics), for the freshly initialised \
            model or after some epochs of training. Biases and BatchNormalization are left out. \
            A lowest layer far below the rest is the vanishing gradient the article looks at.
            """)

    @Argument(help: .configArgument)
    var config: String

    @Option(
        name: .customLong("after-epochs"), parsing: .unconditional,
        help: "Train this many epochs first (default: the fresh model).")
    var afterEpochs: Int?

    @Option(parsing: .unconditional, help: "How many of the first training samples the loss is taken over.")
    var samples = GradientStudy.defaultSampleCount

    @Option(
        parsing: .unconditional, help: "Seed for the initial weights (and shuffling) instead of the config's.",
        transform: SeedOption.parse)
    var seed: UInt64?

    @OptionGroup var dataset: DatasetOption

    @Flag(help: "Print {\"layers\": [{\"name\": ..., \"mean_abs_grad\": ...}, ...]} instead of the table.")
    var json = false

    static let largestSampleCount = 1_000

    func validate() throws {
        if let afterEpochs, afterEpochs > RecipeOptions.largestEpochs {
            throw ValidationError("--after-epochs must be at most \(RecipeOptions.largestEpochs) (got \(afterEpochs))")
        }
        if let afterEpochs, afterEpochs < 1 {
            throw ValidationError(
                "--after-epochs must be at least 1 (got \(afterEpochs)); leave it out for the fresh model")
        }
        if samples < 1 { throw ValidationError("--samples must be at least 1 (got \(samples))") }
        // The loss is taken over all of them in one batch.
        if samples > Self.largestSampleCount {
            throw ValidationError("--samples must be at most \(Self.largestSampleCount) (got \(samples))")
        }
    }

    func run() throws {
        let plan = try reportingErrors {
            let loader = PlanLoader(data: dataset.data)
            return try loader.plan(for: loader.config(config), epochs: afterEpochs, seed: seed)
        }
        guard let stage = plan.stages.last else { throw exitWithError("\(config): the config has no model to study") }
        guard samples <= plan.data.train.count else {
            throw exitWithError(
                "--samples \(samples) is more than the \(plan.data.train.count) training images of \(plan.data.name)")
        }
        let rows: [KernelGradient]
        if afterEpochs != nil {
            rows = try trainThenMeasure(plan, stage: stage)
        } else {
            rows = GradientStudy.measure(stage.model, loss: stage.loss, data: plan.data, samples: samples)
        }
        guard !rows.isEmpty else { throw exitWithError("\(plan.name) has no layer with a kernel to study") }
        if json {
            JSONLine.write(
                GradientTable(
                    config: plan.identifier, seed: plan.seed, samples: samples, afterEpochs: afterEpochs ?? 0,
                    layers: rows.map {
                        GradientTable.Row(
                            name: $0.layerName, type: $0.layerKind, kernelShape: $0.kernelShape,
                            meanAbsGrad: Double($0.meanAbsGradient))
                    }))
        } else {
            let when = afterEpochs.map { "after \($0) epoch\($0 == 1 ? "" : "s") of training" } ?? "freshly initialised"
            writeOut(
                "Mean |dL/dW| per kernel: \(plan.name), \(when) (seed \(plan.seed))\n"
                    + "first \(samples) training sample\(samples == 1 ? "" : "s"), inference mode; "
                    + "biases and BatchNormalization left out\n\n"
                    + GradientTableFormatter.table(rows) + "\n")
        }
    }

    /// Trains the plan headless (Keras-style progress unless `--json`), then measures its model.
    private func trainThenMeasure(_ plan: TrainingPlan, stage: TrainingStage) throws -> [KernelGradient] {
        let trainer = Trainer(plan: plan, options: .headless)
        let reporter: (any HeadlessReporter)? = json ? nil : ProgressReporter()
        do {
            _ = try trainer.runToEnd { reporter?.report($0) }
        } catch {
            throw exitWithError("\(error)")
        }
        if !json { writeOut("\n") }
        // On the trainer's queue, so the study never races a work item.
        return trainer.withModel { model in
            GradientStudy.measure(model, loss: stage.loss, data: plan.data, samples: samples)
        }
    }

    /// `--json`: `{"config": ..., "layers": [{"name": ..., "mean_abs_grad": ...}, ...], ...}`.
    private struct GradientTable: Encodable {
        struct Row: Encodable {
            var name, type: String
            var kernelShape: [Int]
            var meanAbsGrad: Double
        }

        var config: String
        var seed: UInt64
        var samples, afterEpochs: Int
        var layers: [Row]
    }
}
