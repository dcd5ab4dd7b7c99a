/// What a view may ask of a running trainer. Commands are applied between batches, in order.
public enum TrainerCommand: Sendable, Equatable {
    case pause
    case resume
    /// While paused: train exactly one batch, then stay paused.
    case step
    /// End the run; no `finished` event follows.
    case stop
    /// Freeze (false) or unfreeze (true) the layer at this index of the current stage's model.
    case setTrainable(layer: Int, trainable: Bool)
    case toggleTrainable(layer: Int)
    case setLearningRate(Float)
    /// Multiply the learning rate (the dashboard's + and - keys).
    case scaleLearningRate(Float)
}
