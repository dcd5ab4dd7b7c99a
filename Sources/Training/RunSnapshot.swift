import NeuroEngine

/// Everything a run needs to continue exactly where it was: a value, taken on the trainer's
/// queue between two batches, that can be written to disk and handed back to a new trainer.
///
/// Weights and optimizer tensors are named as in Keras (`dense/kernel`, optimizer slots as
/// `<slot>/<layer>/<parameter>`), so a checkpoint file can use the names as they are.
public struct RunSnapshot: Sendable, Equatable {
    /// A tensor's values under its name.
    public struct NamedTensor: Sendable, Equatable {
        public var name: String
        public var shape: [Int]
        public var values: [Float]

        public init(name: String, shape: [Int], values: [Float]) {
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    /// One stage's model and optimizer.
    public struct Stage: Sendable, Equatable {
        /// Every weight, learnable or not (BatchNorm's moving statistics too), as `<layer>/<parameter>`.
        public var weights: [NamedTensor]
        /// The optimizer's tensors as `<slot>/<layer>/<parameter>`.
        public var optimizerSlots: [NamedTensor]
        public var optimizerIterations: Int
        /// The learning rate, as the user may have changed it.
        public var learningRate: Float
        /// The layers frozen, by name, as the user may have changed them.
        public var frozenLayers: [String]
        /// The generators of layers that draw random numbers (Dropout), by layer name.
        public var layerGenerators: [String: SeededRandom]
        /// The optimizer in use when it is not the config's (SGD in a fork's branch); nil: the config's.
        public var switchedOptimizer: SwitchedOptimizer?

        public init(
            weights: [NamedTensor], optimizerSlots: [NamedTensor], optimizerIterations: Int, learningRate: Float,
            frozenLayers: [String], layerGenerators: [String: SeededRandom], switchedOptimizer: SwitchedOptimizer? = nil
        ) {
            self.switchedOptimizer = switchedOptimizer
            self.weights = weights
            self.optimizerSlots = optimizerSlots
            self.optimizerIterations = optimizerIterations
            self.learningRate = learningRate
            self.frozenLayers = frozenLayers
            self.layerGenerators = layerGenerators
        }
    }

    /// An optimizer the user switched to, by Keras's name.
    public struct SwitchedOptimizer: Sendable, Equatable, Codable {
        public var kind: String
        public var momentum: Float?

        public init(kind: String, momentum: Float?) {
            self.kind = kind
            self.momentum = momentum
        }
    }

    /// Where the run is, and the running sums of the epoch under way.
    public struct Position: Sendable, Equatable, Codable {
        public var stageIndex: Int
        /// 0-based epoch within the stage (the next one to train when `step` is 0).
        public var epoch: Int
        /// Batches done in the epoch; the next batch starts at `step * batchSize` in `order`.
        public var step: Int
        public var globalStep: Int
        public var epochLossSum: Double
        public var epochCorrect: Int
        public var epochSeen: Int
        public var epochNanoseconds: UInt64
        public var trainNanoseconds: UInt64
        public var trainSamples: Int
        public var lastValidationLoss: Float?
        public var lastValidationAccuracy: Float?
    }

    /// Per stage of the plan, in order.
    public var stages: [Stage]
    public var position: Position
    /// Shuffles the training order each epoch.
    public var shuffleRandom: SeededRandom
    /// Corrupts training inputs (denoising stages).
    public var augmentationRandom: SeededRandom
    /// Corrupts the images shown in sample events.
    public var sampleRandom: SeededRandom
    /// The training order of the epoch under way (shuffled again at the next epoch's start).
    public var order: [Int]
    /// Where each test example stood at the current stage's last validation, so that a resumed
    /// run counts learned and forgotten examples as the run would have; nil before the first
    /// validation of a classifying stage (and in checkpoints written before it was kept).
    public var exampleHistory: ExampleHistory?

    public init(
        stages: [Stage], position: Position, shuffleRandom: SeededRandom, augmentationRandom: SeededRandom,
        sampleRandom: SeededRandom, order: [Int], exampleHistory: ExampleHistory? = nil
    ) {
        self.stages = stages
        self.position = position
        self.shuffleRandom = shuffleRandom
        self.augmentationRandom = augmentationRandom
        self.sampleRandom = sampleRandom
        self.order = order
        self.exampleHistory = exampleHistory
    }
}
