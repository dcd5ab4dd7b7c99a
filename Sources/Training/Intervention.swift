import Foundation

/// Something the user did to a run (froze a layer, changed the learning rate, paused...), with
/// the step it took effect at: posted by the trainer, recorded in `events.jsonl` on an
/// `"event":"intervention"` line, and marked on the charts of a replay or a comparison.
public struct Intervention: Sendable, Codable, Equatable {
    /// What was done. A struct rather than an enum, so a log written by a newer neurotop with
    /// an action this one does not know still reads (the action then shows by its name).
    public struct Action: OpenVocabulary {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let freeze = Action(rawValue: "freeze")
        public static let unfreeze = Action(rawValue: "unfreeze")
        public static let learningRate = Action(rawValue: "learning_rate")
        public static let pause = Action(rawValue: "pause")
        public static let resume = Action(rawValue: "resume")
        public static let step = Action(rawValue: "step")
        public static let restart = Action(rawValue: "restart")
        public static let switchAway = Action(rawValue: "switch_away")
        public static let switchBack = Action(rawValue: "switch_back")
        public static let checkpoint = Action(rawValue: "checkpoint")
        public static let resumeRun = Action(rawValue: "resume_run")
        /// The first line of a fork's branch: it goes on from its parent's state at this step.
        public static let fork = Action(rawValue: "fork")
        /// The layer's weights drawn afresh (and its optimizer state zeroed).
        public static let resetLayer = Action(rawValue: "reset_layer")
        /// The optimizer replaced by SGD with momentum (its state starts at zero).
        public static let switchOptimizer = Action(rawValue: "switch_optimizer")

        /// The actions of schema version 1 (docs/events.md).
        public static let known: [Action] = [
            .freeze, .unfreeze, .learningRate, .pause, .resume, .step, .restart, .switchAway, .switchBack,
            .checkpoint, .resumeRun, .fork, .resetLayer, .switchOptimizer,
        ]
    }

    public var action: Action
    /// Steps done in the stage when it took effect (the batch_end lines' `global_step`).
    public var globalStep: Int
    /// 0-based stage index; a chart marker shows only while its stage is on screen.
    public var stage: Int
    /// The layer frozen or unfrozen.
    public var layer: String?
    /// The new learning rate.
    public var learningRate: Float?

    public init(action: Action, globalStep: Int, stage: Int = 0, layer: String? = nil, learningRate: Float? = nil) {
        self.action = action
        self.globalStep = globalStep
        self.stage = stage
        self.layer = layer
        self.learningRate = learningRate
    }

    /// A short text for a chart marker or a journal: `freeze dense_1`, `learning_rate 2.00e-03`.
    public var details: String {
        var text = action.rawValue
        if let layer { text += " \(layer)" }
        if let learningRate { text += " " + String(format: "%.2e", Double(learningRate)) }
        return text
    }

    private enum CodingKeys: String, CodingKey {
        case action, globalStep, stage, layer, learningRate
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        action = try container.decode(Action.self, forKey: .action)
        globalStep = try container.decode(Int.self, forKey: .globalStep)
        // Single-stage runs may leave the stage out.
        stage = try container.decodeIfPresent(Int.self, forKey: .stage) ?? 0
        layer = try container.decodeIfPresent(String.self, forKey: .layer)
        learningRate = try container.decodeIfPresent(Float.self, forKey: .learningRate)
    }
}
