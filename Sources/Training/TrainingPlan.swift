import Datasets
import NeuroEngine

/// Everything a trainer needs for one run: the stages to train, in order, and the data.
///
/// Most configs have a single stage (fit a classifier). Greedy autoencoder pre-training adds
/// stages before the final one; the last stage's test figures are the run's result.
public final class TrainingPlan {
    /// Test images per inference batch when a run validates; plans are checked to fit memory
    /// at this batch, and the trainer uses it unless told otherwise.
    public static let inferenceBatchSize = 500

    /// The config's display name (`Tanh 100-10`).
    public let name: String
    /// The config's short name (`mlp-tanh-1`).
    public let identifier: String
    public let data: Dataset
    public let stages: [TrainingStage]
    public let seed: UInt64
    /// The article's figure for this experiment, when it has one.
    public let reference: ReferenceResult?

    public init(
        name: String, identifier: String, data: Dataset, stages: [TrainingStage], seed: UInt64,
        reference: ReferenceResult? = nil
    ) {
        precondition(!stages.isEmpty, "a plan needs at least one stage")
        self.name = name
        self.identifier = identifier
        self.data = data
        self.stages = stages
        self.seed = seed
        self.reference = reference
    }

    /// The same run cut after its first `count` stages, to stop after a pre-training stage.
    /// The stages (and their models) are shared with this plan, not copied.
    public func prefix(stages count: Int) -> TrainingPlan {
        TrainingPlan(
            name: name, identifier: identifier, data: data, stages: Array(stages.prefix(max(1, count))), seed: seed,
            reference: count >= stages.count ? reference : nil)
    }
}
