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

    public init(metric: Metric, split: Split, granularity: Granularity?) {
        self.metric = metric
        self.split = split
        self.granularity = granularity
    }

    static let validationWords: Set<String> = ["val", "validation", "valid", "test", "eval", "evaluation"]
    static let trainWords: Set<String> = ["train", "training"]
    static let batchWords: Set<String> = ["batch", "step", "steps", "iteration", "iterations", "iter"]

    /// The meaning of `tag` written in a directory whose own split (Keras's `train/`,
    /// `validation/`) is `directorySplit`.
    public init?(tag: String, directorySplit: Split? = nil) {
        let words = tag.lowercased().split { !$0.isLetter }.map(String.init)
        if words.contains("loss") {
            metric = .loss
        } else if words.contains("accuracy") || words.contains("acc") {
            metric = .accuracy
        } else {
            return nil
        }
        if !Self.validationWords.isDisjoint(with: words) {
            split = .validation
        } else if !Self.trainWords.isDisjoint(with: words) {
            split = .train
        } else {
            split = directorySplit ?? .train
        }
        if words.contains("epoch") {
            granularity = .epoch
        } else if !Self.batchWords.isDisjoint(with: words) {
            granularity = .batch
        } else {
            granularity = nil
        }
    }

    /// The split a directory's name stands for: Keras writes `train/` and `validation/`.
    public static func split(ofDirectory name: String) -> Split? {
        let name = name.lowercased()
        if validationWords.contains(name) { return .validation }
        if trainWords.contains(name) { return .train }
        return nil
    }
}
