import Dispatch
import Runs
import Training

/// Runs the dashboard's trainers and keeps the model in step with them.
///
/// One trainer per config that has been shown, created on first show and kept: switching
/// configs pauses the one on screen and resumes (or starts) the other, so every config keeps
/// its trained state. Only the config on screen trains. Use from one thread (the UI's); the
/// trainers work on their own queues and talk back through their event channels.
public final class DashboardController {
    /// Builds the plan for a config identifier (loading its data as needed).
    public typealias PlanFactory = (String) throws -> TrainingPlan
    /// Starts recording a run of the plan (nil: not recorded), a fork of the recorded run
    /// `parent` when given; `notice` takes a line for the status line, from any thread
    /// (recording stopped).
    public typealias RecorderFactory = (
        TrainingPlan, _ parent: String?, _ notice: @escaping @Sendable (String) -> Void
    ) -> RunRecorder?

    public internal(set) var model: DashboardModel
    let makePlan: PlanFactory
    private let options: Trainer.Options
    var sessions: [String: Session] = [:]
    let makeRecorder: RecorderFactory?
    /// Lines from recorders' threads for the status line, shown at the next `pump`.
    let notices = EventChannel<String>()
    /// The drawing changed since the model last read it (read at the next `pump`).
    private var canvasChanged = false
    /// When the drawing was last read (uptime nanoseconds).
    private var lastCanvasRead: UInt64 = 0
    /// A trainer was started by a key (r restarts, f forks) since the last `pump`: held down or
    /// pasted, such a key comes faster than a trainer starts, and further such presses read
    /// before the next frame are dropped.
    var startedTrainerSincePump = false

    struct Session {
        let trainer: Trainer
        let recorder: RunRecorder?
        /// Paused because another config was shown, so showing this one again resumes it.
        var pausedBySwitch = false
    }

    public init(
        entries: [ConfigEntry], initial: String, options: Trainer.Options = Trainer.Options(),
        makeRecorder: RecorderFactory? = nil, makePlan: @escaping PlanFactory
    ) {
        model = DashboardModel(entries: entries, current: initial)
        self.makePlan = makePlan
        self.makeRecorder = makeRecorder
        self.options = options
    }

    /// The trainer of the config on screen, once started.
    public var trainer: Trainer? { sessions[model.current]?.trainer }

    /// The trainer of config `identifier`, if it has been shown.
    public func trainer(for identifier: String) -> Trainer? { sessions[identifier]?.trainer }

    /// The earliest training failure not cleared by a restart, with the config's identifier.
    public var failure: (identifier: String, message: String)? {
        for identifier in model.failedRuns {
            if let message = model.runs[identifier]?.failure { return (identifier, message) }
        }
        return nil
    }

    /// Starts training the initial config.
    public func start() throws {
        try launch(model.current)
    }

    /// Shows the guided tour beside the runs, from its current step: trains that step's config
    /// (the one on screen when it is the same) and measures what the step measures apart.
    public func startTour(_ guide: TourGuide) {
        model.startTour(guide)
        showTourStep(guide.current)
    }

    /// Pins a run (a recorded one, say) as the dimmed baseline curve.
    public func pinBaseline(_ baseline: Baseline?) {
        model.pinBaseline(baseline)
    }

    /// Shows the initial config training with `trainer` (a resumed run), recorded by `recorder`.
    public func start(resuming trainer: Trainer, recorder: RunRecorder?) {
        sessions[model.current] = Session(trainer: trainer, recorder: recorder)
        trainer.start()
    }

    // MARK: - Keys and actions

    /// Handles a key press. Returns false when the key asks to quit.
    @discardableResult
    public func press(_ key: Key) -> Bool {
        var keepGoing = true
        for action in model.handle(key) where !perform(action) { keepGoing = false }
        return keepGoing
    }

    /// Carries out one action. Returns false for `quit`.
    @discardableResult
    public func perform(_ action: DashboardAction) -> Bool {
        switch action {
        case .quit:
            return false
        case .trainer(.checkpoint):
            guard let session = sessions[model.current] else { break }
            guard let recorder = session.recorder, !recorder.hasStopped else {
                model.perform(.notify("this run is not recorded, so there is nowhere to write a checkpoint"))
                break
            }
            session.trainer.send(.checkpoint)
            if let fork = model.fork, let twin = sessions[fork.twin], let twinRecorder = twin.recorder {
                twin.trainer.send(.checkpoint)
                model.perform(
                    .notify(
                        "checkpoint of A and B written (runs \(recorder.directory.id), \(twinRecorder.directory.id))"))
            } else {
                model.perform(.notify("checkpoint written to \(recorder.directory.checkpointPath)"))
            }
        case .trainer(let command):
            trainer?.send(command)
            if let fork = model.fork { sessions[fork.twin]?.trainer.send(command) }
        case .fork:
            beginFork()
        case .changeTwin(let change):
            changeTwin(change)
        case .keepBranch(let keepsTwin):
            keepBranch(twin: keepsTwin)
        case .switchConfig(let identifier):
            show(identifier)
        case .restart:
            restart()
        case .tourStep:
            model.perform(action)
            if let step = model.tour?.current { showTourStep(step) }
        case .toggleCanvas, .moveCanvasCursor, .paintCanvas, .clearCanvas:
            model.perform(action)
            canvasChanged = true
        default:
            model.perform(action)
        }
        return true
    }

    /// Moves every queued trainer event into the model. Returns whether there were any.
    @discardableResult
    public func pump() -> Bool {
        startedTrainerSincePump = false
        var changed = false
        for notice in notices.drain() {
            model.perform(.notify(notice))
            changed = true
        }
        for (identifier, session) in sessions {
            let events = session.trainer.events.drain()
            for event in events { model.apply(event, to: identifier) }
            changed = changed || !events.isEmpty
        }
        // Read once for all the keys since the last pump, and as training goes on a few times a
        // second, not at every frame: a read waits for the trainer's work item in progress
        // (up to a slice of batches), which would make every frame late.
        let now = DispatchTime.now().uptimeNanoseconds
        let trainingMoved = changed && now &- lastCanvasRead >= Self.canvasRereadInterval
        if model.canvas != nil, canvasChanged || trainingMoved {
            readCanvas()
            lastCanvasRead = now
            changed = true
        }
        canvasChanged = false
        return changed
    }

    /// Nanoseconds between two readings of an unchanged drawing while training goes on.
    static let canvasRereadInterval: UInt64 = 500_000_000

    /// Runs the model on screen over the drawing (between two batches, in inference mode), so
    /// the bars follow both the drawing and the training.
    private func readCanvas() {
        guard let canvas = model.canvas else { return }
        // A blank canvas has nothing to read: the overlay asks for a stroke instead of bars.
        guard !canvas.isBlank else {
            model.setCanvasReading(nil)
            return
        }
        guard let trainer else {
            model.setCanvasReading(.message("no model yet: the run has not started"))
            return
        }
        let input = canvas.modelInput
        model.setCanvasReading(trainer.withModel { CanvasReading.read(input, with: $0) })
    }

    /// Stops every trainer (before quitting).
    /// Each recorded run gets a last checkpoint; waits for the recorders to write everything.
    public func stopAll() {
        for session in sessions.values {
            if session.recorder != nil { session.trainer.send(.checkpoint) }
            session.trainer.send(.stop)
        }
        for session in sessions.values { finishRecording(session) }
    }

    func finishRecording(_ session: Session) {
        guard let recorder = session.recorder else { return }
        _ = session.trainer.currentState  // every command applied, every event posted
        recorder.finish()
    }

    // MARK: - Configs

    private func show(_ identifier: String) {
        guard identifier != model.current else {
            model.perform(.closePicker)
            return
        }
        guard model.fork == nil else {
            model.perform(.closePicker)
            model.perform(.notify("F keeps one branch of the fork first, then another config can be shown"))
            return
        }
        if sessions[identifier] == nil {
            do {
                try launch(identifier)
            } catch {
                model.perform(.closePicker)
                model.perform(.notify("cannot start \(identifier): \(error)"))
                return
            }
        }
        pauseCurrent()
        model.perform(.switchConfig(identifier))
        if var session = sessions[identifier], session.pausedBySwitch {
            session.trainer.send(.switchBack)
            session.pausedBySwitch = false
            sessions[identifier] = session
        }
    }

    /// Shows the step's config, and for a gradient step measures the gradient study of a
    /// freshly made model of it (the article's table: the first training digits, inference mode),
    /// once per step.
    private func showTourStep(_ step: TourStep) {
        if step.config != model.current { show(step.config) }
        guard let guide = model.tour, guide.needsMeasurement(step) else { return }
        do {
            let plan = try makePlan(step.config)
            guard let stage = plan.stages.last else { return }
            let rows = GradientStudy.measure(
                stage.model, loss: stage.loss, data: plan.data, samples: GradientStudy.defaultSampleCount)
            if let figure = TourFigure.gradient(rows, measure: step.measure) {
                model.perform(.tourFigure(step: step.id, figure: figure))
            }
        } catch {
            model.perform(.notify("cannot measure the gradients of \(step.config): \(error)"))
        }
    }

    private func pauseCurrent() {
        let identifier = model.current
        guard var session = sessions[identifier] else { return }
        let state = model.state.runState
        if state == .running || state == .ready {
            session.trainer.send(.switchAway)
            session.pausedBySwitch = true
            sessions[identifier] = session
        }
    }

    private func restart() {
        guard !startedTrainerSincePump else { return }
        startedTrainerSincePump = true
        if model.fork != nil { keepBranch(twin: false) }
        let identifier = model.current
        let old = sessions.removeValue(forKey: identifier)
        do {
            try launch(identifier)
            if let old {
                old.trainer.send(.restart)
                finishRecording(old)
            }
            model.perform(.restart)
        } catch {
            if let old { sessions[identifier] = old }
            model.perform(.notify("cannot restart \(identifier): \(error)"))
        }
    }

    private func launch(_ identifier: String) throws {
        let plan = try makePlan(identifier)
        let notices = notices
        let recorder = makeRecorder?(plan, nil) { notices.post($0) }
        let trainer = Trainer(
            plan: plan, events: EventChannel(), options: options, taps: recorder.map { [$0.tap] } ?? [])
        sessions[identifier] = Session(trainer: trainer, recorder: recorder)
        trainer.start()
    }
}
