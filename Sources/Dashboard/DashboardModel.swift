import Training

/// The whole dashboard as data: one `DashboardState` per config that has run, which config is
/// on screen, and the view's own settings (help, picker, chart smoothing).
///
/// Keys become `DashboardAction`s through `handle(_:)` without changing anything; `perform(_:)`
/// applies the actions that concern the view. Trainers live elsewhere (`DashboardController`).
public struct DashboardModel: Sendable {
    /// The chart smoothing weights the `s` key cycles through.
    public static let smoothingLevels: [Float] = [0, 0.6, 0.8, 0.9, 0.95, 0.99]

    /// The configs the picker offers, in catalog order.
    public internal(set) var entries: [ConfigEntry]
    /// Run state per config identifier.
    public internal(set) var runs: [String: DashboardState] = [:]
    /// The identifier of the config on screen.
    public internal(set) var current: String
    public private(set) var showsHelp = false
    /// Whether the digits panel shows the digits learned and forgotten at the last validation.
    public private(set) var showsFlips = false
    /// The drawing `d` opens, while it is open.
    public private(set) var canvas: DigitCanvas?
    /// What the model on screen last made of the drawing.
    public private(set) var canvasReading: CanvasReading?
    /// The picker's highlighted entry (an index into `pickerEntries`) while it is open.
    public private(set) var pickerSelection: Int?
    public private(set) var smoothingIndex = 3
    /// A short notice for the status line; replaced by the next one.
    public internal(set) var notice: String?
    /// The configs whose training failed, in the order they failed; a restart takes one out.
    public private(set) var failedRuns: [String] = []
    /// Set while a recorded run plays back (`neurotop replay`).
    public private(set) var playback: Playback?
    /// What the user did to each run (freeze, learning rate...), marked on its charts.
    public private(set) var markers: [String: [Intervention]] = [:]
    /// Set when several runs are shown together (`neurotop compare`).
    public internal(set) var comparison: Comparison?
    /// A run pinned with `b`, drawn dimmed behind the one on screen.
    public private(set) var baseline: Baseline?
    /// Set while the guided tour is on screen (`neurotop tour`).
    public private(set) var tour: TourGuide?
    /// Set while runs another program writes are shown (`neurotop watch`): nothing can be
    /// steered, and new runs join as they appear.
    public internal(set) var isWatching = false
    /// The highlighted entry of the scalar list (`v`) while it is open: 0 is accuracy, then the
    /// watched run's other scalars in the order they came.
    public internal(set) var scalarListSelection: Int?
    /// Set while the run on screen is forked into two branches.
    public private(set) var fork: ForkView?

    public init(entries: [ConfigEntry], current: String) {
        self.entries = entries
        self.current = current
        if !entries.contains(where: { $0.identifier == current }) {
            self.entries.insert(ConfigEntry(identifier: current, name: current, group: "other"), at: 0)
        }
    }

    /// The state of the config on screen.
    public var state: DashboardState { runs[current] ?? DashboardState() }

    public var smoothing: Float { Self.smoothingLevels[smoothingIndex] }

    public var isPickerOpen: Bool { pickerSelection != nil }

    /// The entries in the order the picker lists them: grouped MLP, CNN, autoencoder, others.
    public var pickerEntries: [ConfigEntry] {
        let order = ["mlp", "cnn", "autoencoder"]
        func rank(_ entry: ConfigEntry) -> Int { order.firstIndex(of: entry.group.lowercased()) ?? order.count }
        return entries.enumerated()
            .sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
            .map(\.element)
    }

    // MARK: - Events

    /// Feeds one event from the trainer of config `identifier`.
    public mutating func apply(_ event: TrainingEvent, to identifier: String) {
        runs[identifier, default: DashboardState()].apply(event)
        if case .failed = event {
            failedRuns.removeAll { $0 == identifier }
            failedRuns.append(identifier)
            // The status line shows the failure until the next notice.
            notice = nil
        }
    }

    /// Marks something the user did on the charts of run `identifier`.
    public mutating func mark(_ marker: Intervention, on identifier: String) {
        markers[identifier, default: []].append(marker)
    }

    /// Shows where a playback stands (nil: not a replay).
    public mutating func setPlayback(_ playback: Playback?) {
        self.playback = playback
    }

    /// Shows runs together; their states must already be in `runs` under their labels.
    public mutating func compare(_ comparison: Comparison) {
        self.comparison = comparison
    }

    /// Shows the guided tour beside the runs (nil: the plain dashboard).
    public mutating func startTour(_ guide: TourGuide?) {
        tour = guide
    }

    /// Pins `state` as the dimmed baseline curve (nil removes it).
    public mutating func pinBaseline(_ baseline: Baseline?) {
        self.baseline = baseline
    }

    /// Shows what the model made of the drawing.
    public mutating func setCanvasReading(_ reading: CanvasReading?) {
        canvasReading = reading
    }

    // MARK: - Actions

    /// Applies an action's effect on the view. Trainer commands and quitting are not the
    /// model's business and leave it unchanged.
    public mutating func perform(_ action: DashboardAction) {
        switch action {
        case .selectLayer(let index):
            var run = state
            run.moveSelection(by: index - run.selectedLayer)
            runs[current] = run
        case .cycleSmoothing:
            smoothingIndex = (smoothingIndex + 1) % Self.smoothingLevels.count
            notice = "smoothing \(Format.fixed(smoothing, 2))"
        case .toggleHelp:
            showsHelp.toggle()
        case .toggleFlips:
            showsFlips.toggle()
        case .toggleCanvas:
            canvas = canvas == nil ? DigitCanvas() : nil
            canvasReading = nil
        case .moveCanvasCursor(let rows, let columns):
            canvas?.move(rows: rows, columns: columns)
        case .paintCanvas:
            canvas?.paint()
        case .clearCanvas:
            canvas?.clear()
        case .openPicker:
            let index = pickerEntries.firstIndex { $0.identifier == current } ?? 0
            pickerSelection = index
        case .closePicker:
            pickerSelection = nil
        case .movePicker(let offset):
            guard let selection = pickerSelection, !entries.isEmpty else { return }
            pickerSelection = (selection + offset % entries.count + entries.count) % entries.count
        case .switchConfig(let identifier):
            pickerSelection = nil
            current = identifier
            if !entries.contains(where: { $0.identifier == identifier }) {
                entries.append(ConfigEntry(identifier: identifier, name: identifier, group: "other"))
            }
        case .restart:
            let selection = state.selectedLayer
            var fresh = DashboardState()
            fresh.selectedLayer = selection
            runs[current] = fresh
            failedRuns.removeAll { $0 == current }
            notice = "restarted \(current)"
        case .notify(let text):
            notice = text
        case .toggleBaseline:
            if let pinned = baseline {
                baseline = nil
                notice = "baseline \(pinned.label) removed"
            } else {
                baseline = Baseline(label: current, state: state)
                notice = "\(current) pinned as the baseline; r trains it again beside it"
            }
        case .nextComparedRun:
            guard let members = comparison?.members, !members.isEmpty else { return }
            let index = members.firstIndex { $0.label == current } ?? -1
            current = members[(index + 1) % members.count].label
        case .scalarList(let command):
            perform(command)
        case .tourStep(let index):
            tour?.go(to: index)
        case .tourFigure(let step, let figure):
            tour?.record(figure, for: step)
        case .leaveTour:
            guard tour != nil else { return }
            tour = nil
            notice = "left the tour; \(current) goes on training"
        case .forkStarted(let view):
            fork = view
            runs[view.twin] = state.twin()
            notice = "forked at step \(view.globalStep): the next change goes to branch B alone"
        case .changeTwin(let change):
            guard var view = fork else { return }
            view.change = describe(change)
            view.phase = .running
            fork = view
            notice = "branch B: \(view.change ?? "")"
        case .askWhichBranch(let asking):
            if fork?.phase != .choosing { fork?.phase = asking ? .keeping : .running }
        case .keepBranch(let keepsTwin):
            guard let view = fork else { return }
            if keepsTwin, let twin = runs[view.twin] { runs[view.original] = twin }
            runs[view.twin] = nil
            failedRuns.removeAll { $0 == view.twin }
            fork = nil
            notice = keepsTwin ? "kept branch B (\(view.change ?? "unchanged")); A dropped" : "kept branch A; B dropped"
        case .trainer, .playback, .quit, .fork:
            break
        }
    }
}
