/// What a scalar's tag stands for on neurotop's panels, read by convention from the tag and the
/// directory it was written in; nil (a plain entry of the scalars list) when the tag names
/// neither a loss nor an accuracy.
///
/// Keras writes `epoch_loss`, `epoch_accuracy`, `batch_loss` and `evaluation_loss_vs_iterations`
/// under `train/` and `validation/`; its History has `loss`, `val_loss`, `accuracy`,
/// `val_accuracy`; PyTorch scripts write `Loss/train`, `Accuracy/test`, `train_loss`, `val_acc`.
public struct TagMeaning: Sendable, Equatable {
    public enum Metric: String, Sendable { case loss, accuracy }
    public enum Split: String, Sendable { case train, validation }
    public enum Granularity: String, Sendable { case batch, epoch }

    public var metric: Metric
    public var split: Split
    /// Per batch or per epoch, when the tag says (`batch_loss`, `epoch_loss`).
    public var granularity: Granularity?
}
