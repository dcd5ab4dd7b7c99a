import Datasets
import NeuroEngine

/// One stretch of training of one model with one loss and optimizer.
public final class TrainingStage {
    /// Shown in the header and in progress lines (`fit`, `pre-train 2/4`).
    public let title: String
    public let model: Sequential
    public let loss: Loss
    /// The config's optimizer, or the one the user switched to (a fork's branch B).
    public internal(set) var optimizer: any Optimizer
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
    /// Validates `model` (on both cores where there are two); made at the first validation.
    lazy var evaluator = StageEvaluator(model: model)

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
