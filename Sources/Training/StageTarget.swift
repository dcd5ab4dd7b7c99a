/// What a stage's model learns to output.
public enum StageTarget: Sendable, Equatable {
    /// One-hot class labels (classification; accuracy is reported).
    case labels
    /// The input image itself (autoencoders; the input may be corrupted first, the target never).
    case inputs
}
