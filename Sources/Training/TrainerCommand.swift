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
    /// Multiply the learning rate (the dashboard's + and - keys), held within `learningRateLimits`.
    case scaleLearningRate(Float)
    /// Another config was put on screen: pause, recorded as a switch.
    case switchAway
    /// This config is back on screen: resume after `switchAway`, recorded as a switch.
    case switchBack
    /// The run is replaced by a fresh one: stop, recorded as a restart.
    case restart
    /// Hand a checkpoint of the run to the trainer's taps (the dashboard's `w`).
    case checkpoint
    /// Put these values (one array per parameter, in the layer's order: freshly initialised
    /// weights, say) into the layer at this index, and zero the optimizer's state for them.
    case resetLayer(layer: Int, values: [[Float]])
    /// Replace the current stage's optimizer with SGD at this rate and momentum (its state
    /// starting at zero).
    case useSGD(learningRate: Float, momentum: Float)
}

extension TrainerCommand {
    /// The learning rates training takes, the range the config loader accepts: beyond it a
    /// 32-bit float soon holds 0 or infinity, from which doubling or halving never comes back.
    public static let learningRateLimits: ClosedRange<Float> = 1e-30...1e30
}
