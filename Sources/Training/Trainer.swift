import Datasets
import Dispatch
import Foundation
import NeuroEngine

/// Trains a `TrainingPlan` on its own serial DispatchQueue and reports through an `EventChannel`.
///
/// Training runs as a chain of short work items (a few milliseconds of batches each), so commands
/// sent from another thread are applied between batches, and `withModel` can look at the model
/// between two work items without stopping the run. Everything but `events` and the command
/// mailbox is touched only on `queue`.
public final class Trainer: @unchecked Sendable {
    /// Tuning for how often heavy payloads are posted.
    public struct Options: Sendable {
        /// Seconds between gradient-statistics events.
        public var gradientInterval: Double = 0.25
        /// Seconds between sample-prediction events; 0 turns them off.
        public var sampleInterval: Double = 1
        /// How many fixed test images the sample events carry.
        public var sampleCount: Int = 16
        /// Test images per inference batch during validation.
        public var evaluationBatchSize: Int = TrainingPlan.inferenceBatchSize
        /// Keras's `steps_per_epoch`: end each epoch after this many batches (nil: the whole set).
        public var stepsPerEpoch: Int?
        /// When set, the time of each part of a training step accumulates here.
        public var profiler: StepProfiler?

        public init() {}

        /// For headless runs: no sample images, rarer gradient figures.
        public static var headless: Options {
            var options = Options()
            options.sampleInterval = 0
            options.gradientInterval = 1
            return options
        }
    }

    public let events: EventChannel<TrainingEvent>
    public let plan: TrainingPlan
    let options: Options
    let queue: DispatchQueue

    private let mailboxLock = NSLock()
    private var mailbox: [TrainerCommand] = []  // guarded by mailboxLock

    // MARK: Queue-confined state
    var state: RunState = .ready
    private var chainActive = false
    private var stepsRequested = 0
    var stageIndex = 0
    var epoch = 0
    var step = 0
    var globalStep = 0
    var rng: SeededRandom
    /// Draws the corruption of training inputs; apart from `rng` so that augmenting a stage
    /// does not change the shuffling.
    var augmentationRandom: SeededRandom
    /// Draws the corruption shown in sample events, so that views do not change training.
    var sampleRandom: SeededRandom
    var order: [Int] = []
    let input = Tensor(shape: [0])
    let target = Tensor(shape: [0])
    /// One clean image, the source that augmentation resamples from.
    let cleanImage = Tensor(shape: [0])
    var epochLossSum: Double = 0
    var epochCorrect = 0
    var epochSeen = 0
    var epochNanoseconds: UInt64 = 0
    var trainNanoseconds: UInt64 = 0
    var trainSamples = 0
    var lastValidation: (loss: Float, accuracy: Float?)?
    var lastGradientPost: UInt64 = 0
    var lastSamplePost: UInt64 = 0
    var startTime: UInt64 = 0

    public init(plan: TrainingPlan, events: EventChannel<TrainingEvent> = EventChannel(), options: Options = Options())
    {
        self.plan = plan
        self.events = events
        self.options = options
        self.rng = SeededRandom(seed: plan.seed &+ 0x5EED)
        self.augmentationRandom = SeededRandom(seed: plan.seed &+ 0xA065)
        self.sampleRandom = SeededRandom(seed: plan.seed &+ 0x5A4B)
        self.queue = DispatchQueue(label: "neurotop.trainer.\(plan.identifier)", qos: .userInitiated)
    }

    // MARK: - Control

    /// Starts the run; with `paused`, it waits for `resume` or `step`.
    public func start(paused: Bool = false) {
        queue.async {
            guard self.state == .ready else { return }
            guard self.begin() else { return }
            self.setState(paused ? .paused : .running)
            self.kick()
        }
    }

    /// Queues a command; it takes effect before the next batch.
    public func send(_ command: TrainerCommand) {
        mailboxLock.lock()
        mailbox.append(command)
        mailboxLock.unlock()
        queue.async {
            self.applyPendingCommands()
            self.kick()
        }
    }

    /// Runs `body` on the trainer's queue between two work items, with the current stage's model.
    public func withModel<T>(_ body: (Sequential) throws -> T) rethrows -> T {
        try queue.sync { try body(currentStage.model) }
    }

    /// The state as last set on the trainer's queue (waits for the current work item).
    public var currentState: RunState { queue.sync { state } }

    var currentStage: TrainingStage { plan.stages[stageIndex] }

    // MARK: - The work chain

    private var shouldTrain: Bool {
        state == .running || (state == .paused && stepsRequested > 0)
    }

    private func kick() {
        guard !chainActive, shouldTrain else { return }
        chainActive = true
        queue.async { self.tick() }
    }

    private func tick() {
        applyPendingCommands()
        let sliceEnd = DispatchTime.now().uptimeNanoseconds + 15_000_000
        while shouldTrain {
            if state == .paused { stepsRequested -= 1 }
            trainOneBatch()
            applyPendingCommands()
            if DispatchTime.now().uptimeNanoseconds >= sliceEnd { break }
        }
        if shouldTrain {
            queue.async { self.tick() }
        } else {
            chainActive = false
        }
    }

    func applyPendingCommands() {
        mailboxLock.lock()
        let commands = mailbox
        mailbox.removeAll(keepingCapacity: true)
        mailboxLock.unlock()
        for command in commands { apply(command) }
    }

    private func apply(_ command: TrainerCommand) {
        let finished = state == .finished || state == .stopped || state == .failed
        switch command {
        case .pause where state == .running:
            setState(.paused)
        case .resume where state == .paused:
            stepsRequested = 0
            setState(.running)
        case .step where state == .paused:
            stepsRequested += 1
        case .stop where !finished:
            setState(.stopped)
        case .setTrainable(let index, let trainable):
            setTrainable(index, trainable)
        case .toggleTrainable(let index):
            let layers = currentStage.model.layers
            if layers.indices.contains(index) { setTrainable(index, !layers[index].trainable) }
        case .setLearningRate(let rate) where rate > 0 && rate.isFinite:
            setLearningRate(rate)
        case .scaleLearningRate(let factor) where factor > 0 && factor.isFinite:
            setLearningRate(currentStage.optimizer.learningRate * factor)
        default:
            break
        }
    }

    /// Sets the rate, held within `TrainerCommand.learningRateLimits`.
    private func setLearningRate(_ rate: Float) {
        let limits = TrainerCommand.learningRateLimits
        let held = min(max(rate, limits.lowerBound), limits.upperBound)
        currentStage.optimizer.learningRate = held
        events.post(.learningRateChanged(held))
    }

    private func setTrainable(_ index: Int, _ trainable: Bool) {
        let layers = currentStage.model.layers
        guard layers.indices.contains(index), layers[index].trainable != trainable else { return }
        layers[index].trainable = trainable
        events.post(.layersChanged(currentStage.model.summary))
        events.post(.log("\(layers[index].name) \(trainable ? "unfrozen" : "frozen") at step \(globalStep)"))
    }

    func setState(_ newState: RunState) {
        guard newState != state else { return }
        state = newState
        events.post(.stateChanged(newState))
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
