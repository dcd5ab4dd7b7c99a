import Datasets
import Dispatch
import NeuroEngine

/// The queue-owned half of a `Trainer`: every piece of state a run changes, touched only on the
/// trainer's serial queue (checked with `dispatchPrecondition` where work enters it), so that
/// nothing here needs a lock. The front reaches it only through `queue`.
final class TrainerRun: @unchecked Sendable {
    // @unchecked: confined to `queue`; it is Sendable only so that work items for that queue can
    // carry it there.

    let plan: TrainingPlan
    let options: Trainer.Options
    let queue: DispatchQueue
    let events: EventFanOut
    private let control: TrainerControl

    private(set) var state: RunState = .ready
    private var chainActive = false
    private var stepsRequested = 0
    /// Set by `restore`: the run continues from a snapshot instead of starting its first stage.
    var resumed = false
    /// Set on the twin of a fork: it starts as the branch of another run, not as a resumed one.
    var forked = false
    /// The fork this run is a branch of, and which of the two it is (0: the original).
    var lockstep: (pair: Lockstep, member: Int)?
    /// Optimizers switched to by the user, by stage index (a checkpoint keeps them).
    var switchedOptimizers: [Int: RunSnapshot.SwitchedOptimizer] = [:]
    /// Parked by the lockstep until the other branch catches up.
    private var waitingForTwin = false
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
    /// Where each test example stood at the current stage's last validation (nil before the
    /// first): what learned and forgotten are counted against.
    var exampleHistory: ExampleHistory?
    var lastGradientPost: UInt64 = 0
    var lastSamplePost: UInt64 = 0
    var startTime: UInt64 = 0

    init(
        plan: TrainingPlan, options: Trainer.Options, queue: DispatchQueue, events: EventFanOut, control: TrainerControl
    ) {
        self.plan = plan
        self.options = options
        self.queue = queue
        self.events = events
        self.control = control
        self.rng = SeededRandom(seed: plan.seed &+ 0x5EED)
        self.augmentationRandom = SeededRandom(seed: plan.seed &+ 0xA065)
        self.sampleRandom = SeededRandom(seed: plan.seed &+ 0x5A4B)
    }

    var currentStage: TrainingStage { plan.stages[stageIndex] }

    // MARK: - Control

    func start(paused: Bool) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard state == .ready else { return }
        guard resumed ? beginResumed() : begin() else { return }
        setState(paused ? .paused : .running)
        kick()
    }

    /// Applies the commands queued by the front and goes on training if there is reason to.
    func commandsArrived() {
        dispatchPrecondition(condition: .onQueue(queue))
        applyPendingCommands()
        kick()
    }

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
        dispatchPrecondition(condition: .onQueue(queue))
        applyPendingCommands()
        waitingForTwin = false
        let sliceEnd = DispatchTime.now().uptimeNanoseconds + 15_000_000
        while shouldTrain {
            if let lockstep,
                !lockstep.pair.mayTrain(lockstep.member, wake: { self.queue.async { self.twinCaughtUp() } })
            {
                waitingForTwin = true
                break
            }
            if state == .paused { stepsRequested -= 1 }
            trainOneBatch()
            if let lockstep { lockstep.pair.trainedOne(lockstep.member) }
            applyPendingCommands()
            if DispatchTime.now().uptimeNanoseconds >= sliceEnd { break }
        }
        if shouldTrain, !waitingForTwin {
            queue.async { self.tick() }
        } else {
            chainActive = false
        }
    }

    /// The other branch of the fork caught up: train on.
    private func twinCaughtUp() {
        waitingForTwin = false
        kick()
    }

    private func applyPendingCommands() {
        for command in control.takeCommands() { apply(command) }
    }

    private func apply(_ command: TrainerCommand) {
        let finished = state == .finished || state == .stopped || state == .failed
        switch command {
        case .pause where state == .running:
            setState(.paused)
            intervene(.pause)
        case .resume where state == .paused:
            stepsRequested = 0
            setState(.running)
            intervene(.resume)
        case .step where state == .paused:
            stepsRequested += 1
            intervene(.step)
        case .switchAway where state == .running || state == .ready:
            intervene(.switchAway)
            setState(.paused)
        case .switchBack where state == .paused:
            intervene(.switchBack)
            stepsRequested = 0
            setState(.running)
        case .stop where !finished:
            setState(.stopped)
        case .restart where !finished:
            intervene(.restart)
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
        case .checkpoint where state != .ready:
            intervene(.checkpoint)
            postCheckpoint()
        case .resetLayer(let index, let values):
            resetLayer(index, to: values)
        case .useSGD(let rate, let momentum)
        where TrainerCommand.learningRateLimits.contains(rate) && (0..<1).contains(momentum):
            currentStage.optimizer = SGD(learningRate: rate, momentum: momentum)
            switchedOptimizers[stageIndex] = RunSnapshot.SwitchedOptimizer(kind: "SGD", momentum: momentum)
            events.post(.learningRateChanged(rate))
            events.post(.log("optimizer now SGD with momentum \(momentum) at step \(globalStep)"))
            intervene(.switchOptimizer, learningRate: rate)
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
        intervene(.learningRate, learningRate: held)
    }

    private func resetLayer(_ index: Int, to values: [[Float]]) {
        let stage = currentStage
        guard stage.model.layers.indices.contains(index) else { return }
        let layer = stage.model.layers[index]
        let parameters = layer.parameters
        guard parameters.count == values.count, zip(parameters, values).allSatisfy({ $0.value.count == $1.count })
        else {
            events.post(.log("\(layer.name) not reset: the new weights do not fit its shapes"))
            return
        }
        for (parameter, fresh) in zip(parameters, values) {
            fresh.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { parameter.value.pointer.update(from: base, count: fresh.count) }
            }
            if parameter.isLearnable {
                for slot in stage.optimizer.slots(for: parameter) { slot.tensor.fill(0) }
            }
        }
        events.post(.log("\(layer.name) reset to fresh weights at step \(globalStep)"))
        intervene(.resetLayer, layer: layer.name)
    }

    private func setTrainable(_ index: Int, _ trainable: Bool) {
        let layers = currentStage.model.layers
        guard layers.indices.contains(index), layers[index].trainable != trainable else { return }
        layers[index].trainable = trainable
        events.post(.layersChanged(currentStage.model.summary))
        events.post(.log("\(layers[index].name) \(trainable ? "unfrozen" : "frozen") at step \(globalStep)"))
        intervene(trainable ? .unfreeze : .freeze, layer: layers[index].name)
    }

    /// Announces what the user did, at the step it takes effect.
    func intervene(_ action: Intervention.Action, layer: String? = nil, learningRate: Float? = nil) {
        events.post(
            .intervention(
                Intervention(
                    action: action, globalStep: globalStep, stage: stageIndex, layer: layer, learningRate: learningRate)
            ))
    }

    /// Hands a snapshot to the taps (recorders), when there are any.
    func postCheckpoint() {
        guard events.wantsCheckpoints else { return }
        events.postToTaps(.checkpoint(snapshot()))
    }

    func setState(_ newState: RunState) {
        guard newState != state else { return }
        state = newState
        control.state = newState
        if newState == .finished || newState == .stopped || newState == .failed, let lockstep {
            lockstep.pair.leave(lockstep.member)
            self.lockstep = nil
        }
        events.post(.stateChanged(newState))
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
