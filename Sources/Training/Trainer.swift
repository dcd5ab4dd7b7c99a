import Datasets
import Dispatch
import Foundation
import NeuroEngine

/// Trains a `TrainingPlan` on its own serial DispatchQueue and reports through an `EventChannel`.
///
/// This is the thread-safe front: the event channel(s), a command mailbox and the last state,
/// each safe to use from any thread. The run itself (`TrainerRun`: weights, generators, the
/// position in the data) belongs to `queue` and is reached only through it. Training runs as a
/// chain of short work items (a few milliseconds of batches each), so commands sent from another
/// thread are applied between batches, and `withModel` or `snapshot` can look at the run between
/// two work items without stopping it.
public final class Trainer: @unchecked Sendable {
    // @unchecked: `plan` and `run` are classes that only the queue's work items touch; the other
    // stored properties are Sendable.

    /// Tuning for how often heavy payloads are posted.
    public struct Options: Sendable {
        /// Seconds between gradient-statistics events.
        public var gradientInterval: Double = 0.25
        /// Seconds between sample-prediction events; 0 turns them off.
        public var sampleInterval: Double = 1
        /// How many fixed test images the sample events carry.
        public var sampleCount: Int = 16
        /// How many learned and how many forgotten test digits the flip events carry (with
        /// their images); 0 turns them off.
        public var flipCount: Int = 12
        /// Test images per inference batch during validation, at most: a trainer validates in
        /// batches no larger than its plan's largest training batch.
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
            options.flipCount = 0
            options.gradientInterval = 1
            return options
        }
    }

    public let events: EventChannel<TrainingEvent>
    /// Channels that receive every event `events` does, plus a `checkpoint` at the start, at
    /// every epoch end and on request: recorders.
    public let taps: [EventChannel<TrainingEvent>]
    public let plan: TrainingPlan
    let options: Options
    let queue: DispatchQueue
    private let control = TrainerControl()
    let run: TrainerRun

    public init(
        plan: TrainingPlan, events: EventChannel<TrainingEvent> = EventChannel(), options: Options = Options(),
        taps: [EventChannel<TrainingEvent>] = []
    ) {
        self.plan = plan
        self.events = events
        self.taps = taps
        // Validation in training-size batches: their activations stay in the caches where
        // batches of 500 did not (cnn-mp-conv inference 40K -> 62K samples/s), and it needs no
        // memory beyond what training holds (batches of 500 raised it by some 50 MiB each time).
        // Each test example's prediction is the same whatever the batch; the mean loss, summed
        // batch by batch, may differ in its last bits.
        var options = options
        if let largestBatch = plan.stages.map(\.batchSize).max() {
            options.evaluationBatchSize = min(options.evaluationBatchSize, largestBatch)
        }
        self.options = options
        self.queue = DispatchQueue(label: "neurotop.trainer.\(plan.identifier)", qos: .userInitiated)
        self.run = TrainerRun(
            plan: plan, options: options, queue: queue, events: EventFanOut(main: events, taps: taps),
            control: control)
    }

    // MARK: - Control

    /// Starts the run (or continues a restored one); with `paused`, it waits for `resume` or `step`.
    public func start(paused: Bool = false) {
        queue.async { self.run.start(paused: paused) }
    }

    /// Queues a command; it takes effect before the next batch.
    public func send(_ command: TrainerCommand) {
        control.post(command)
        queue.async { self.run.commandsArrived() }
    }

    /// Runs `body` on the trainer's queue between two work items, with the current stage's model.
    public func withModel<T>(_ body: (Sequential) throws -> T) rethrows -> T {
        try queue.sync { try body(run.currentStage.model) }
    }

    /// The state once every command sent so far is applied (waits for the current work item).
    public var currentState: RunState { queue.sync { run.state } }

    /// The state the run last announced, without waiting (for views and other threads).
    public var observedState: RunState { control.state }

    /// Everything the run needs to continue, taken between two batches.
    public func snapshot() -> RunSnapshot {
        queue.sync { run.snapshot() }
    }

    /// Makes this (not yet started) trainer continue from `snapshot` when started; nothing is
    /// changed unless the snapshot fits the plan (the same stages, layers and shapes).
    public func restore(_ snapshot: RunSnapshot) throws(SnapshotMismatch) {
        let outcome: Result<Void, SnapshotMismatch> = queue.sync {
            do throws(SnapshotMismatch) {
                try run.restore(snapshot)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try outcome.get()
    }

    /// Runs `body` on the queue with the run itself (tests look at its buffers).
    func withRun<T>(_ body: (TrainerRun) throws -> T) rethrows -> T {
        try queue.sync { try body(run) }
    }

    static func now() -> UInt64 { TrainerRun.now() }
}
