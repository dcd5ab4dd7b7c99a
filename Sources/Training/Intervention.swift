/// Something the user did to a run, with where in the run it took effect: recorded in the
/// run's event log so that a replay can mark it on the charts.
public struct Intervention: Sendable, Codable, Equatable {
    public enum Action: String, Sendable, Codable {
        case freeze, unfreeze
        case learningRate = "learning_rate"
        case pause, resume, step, restart
        case switchAway = "switch_away"
        case switchBack = "switch_back"
        case checkpoint
        case resumeRun = "resume_run"
    }

    public var action: Action
    /// Steps done in the stage when it took effect (the batch_end lines' `global_step`).
    public var globalStep: Int
    /// 0-based stage index.
    public var stage: Int
    /// The layer frozen or unfrozen.
    public var layer: String?
    /// The new learning rate.
    public var learningRate: Float?

    public init(action: Action, globalStep: Int, stage: Int, layer: String? = nil, learningRate: Float? = nil) {
        self.action = action
        self.globalStep = globalStep
        self.stage = stage
        self.layer = layer
        self.learningRate = learningRate
    }
}
