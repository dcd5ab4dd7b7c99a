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

/// One stretch of training of one model with one loss and optimizer.
public final class TrainingStage {
    /// Shown in the header and in progress lines (`fit`, `pre-train 2/4`).
    public let title: String
    public let model: Sequential
    public let loss: Loss
    public let optimizer: any Optimizer
    public let epochs: Int
    public let batchSize: Int
    /// What the model is asked to produce.
    public let target: StageTarget
    /// Whether to evaluate on the test set at the end of every epoch (Keras's validation_data).
    public let validates: Bool
    /// Corrupts every training input, afresh each epoch, before the model sees it; the target
    /// stays clean (denoising autoencoders). Evaluation always uses clean inputs.
    public let augmenter: Augmenter?
    /// Runs once on the trainer's thread when the stage starts, before its first batch:
    /// copies weights in from the previous stage's model, for example.
    public let prepare: (@Sendable (_ previous: Sequential?, _ current: Sequential) -> Void)?

    public init(
        title: String, model: Sequential, loss: Loss, optimizer: any Optimizer, epochs: Int,
        batchSize: Int, target: StageTarget = .labels, validates: Bool = true, augmenter: Augmenter? = nil,
        prepare: (@Sendable (_ previous: Sequential?, _ current: Sequential) -> Void)? = nil
    ) {
        self.title = title
        self.model = model
        self.loss = loss
        self.optimizer = optimizer
        self.epochs = epochs
        self.batchSize = batchSize
        self.target = target
        self.validates = validates
        self.augmenter = augmenter
        self.prepare = prepare
    }
}

/// What a stage's model learns to output.
public enum StageTarget: Sendable, Equatable {
    /// One-hot class labels (classification; accuracy is reported).
    case labels
    /// The input image itself (autoencoders; the input may be corrupted first, the target never).
    case inputs
}

/// A figure the article reports for an experiment.
public struct ReferenceResult: Sendable, Equatable {
    public var testAccuracy: Double?
    public var source: String

    public init(testAccuracy: Double?, source: String) {
        self.testAccuracy = testAccuracy
        self.source = source
    }
}
