import ArgumentParser
import Experiments
import Foundation
import Training

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print a config's model as a Keras-style layer table with exact parameter counts.")

    @Argument(help: "A config file or the name of a bundled config.")
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
            let layers: [[String: Any]] = model.summary.map {
                [
                    "name": $0.name, "type": $0.kind, "output_shape": $0.outputShape,
                    "params": $0.parameterCount, "trainable_params": $0.trainableParameterCount,
                    "trainable": $0.trainable,
                ]
            }
            writeOut(
                TrainingEvent.line([
                    "name": name, "total_params": counts.total, "trainable_params": counts.trainable,
                    "non_trainable_params": counts.nonTrainable, "layers": layers,
                ]) + "\n")
        } else {
            writeOut(
                SummaryFormatter.table(
                    title: name, layers: model.summary,
                    counts: ParameterCounts(
                        total: counts.total, trainable: counts.trainable, nonTrainable: counts.nonTrainable))
                    + "\n")
        }
    }
}
