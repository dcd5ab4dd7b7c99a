import ArgumentParser
import Experiments
import Foundation
import Training

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print a config's model as a Keras-style layer table with exact parameter counts.")

    @Argument(help: .configArgument)
    var config: String

    @Flag(help: "Print the counts and layers as one JSON object.")
    var json = false

    func run() throws {
        let (name, model) = try reportingErrors {
            let config = try ConfigLoader.load(self.config)
            return (config.name, try config.makeModel(seed: config.seed))
        }
        let counts = model.parameterCounts
        if json {
            JSONLine.write(
                ModelSummary(
                    name: name, totalParams: counts.total, trainableParams: counts.trainable,
                    nonTrainableParams: counts.nonTrainable,
                    layers: model.summary.map {
                        ModelSummary.Layer(
                            name: $0.name, type: $0.kind, outputShape: $0.outputShape, params: $0.parameterCount,
                            trainableParams: $0.trainableParameterCount, trainable: $0.trainable)
                    }))
        } else {
            writeOut(
                SummaryFormatter.table(
                    title: name, layers: model.summary,
                    counts: counts) + "\n")
        }
    }

    /// `--json`: the parameter counts and one object per layer.
    private struct ModelSummary: Encodable {
        struct Layer: Encodable {
            var name, type: String
            var outputShape: [Int]
            var params, trainableParams: Int
            var trainable: Bool
        }

        var name: String
        var totalParams, trainableParams, nonTrainableParams: Int
        var layers: [Layer]
    }
}
