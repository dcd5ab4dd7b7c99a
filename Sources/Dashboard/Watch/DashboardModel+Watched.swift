import RunLogs
import Training

/// The dashboard on runs another program writes (`neurotop watch`): each run an entry of the
/// picker as it appears, several overlaid as `compare` does, the keys those of a view.
extension DashboardModel {
    /// A model for watching; runs join with `watch(run:source:)`.
    public static func watching() -> DashboardModel {
        var model = DashboardModel(entries: [], current: "")
        model.entries = []
        model.isWatching = true
        return model
    }

    /// Adds a run found under the watched paths (the first one goes on screen); with two or
    /// more, their curves are overlaid.
    public mutating func watch(run name: String, source: String) {
        guard !entries.contains(where: { $0.identifier == name }) else { return }
        entries.append(ConfigEntry(identifier: name, name: name, group: "watched"))
        if current.isEmpty { current = name }
        if source != WatchSource.eventStream {
            runs[name, default: DashboardState()].beginWatching(name, source: source)
        }
        if entries.count > 1 {
            comparison = Comparison(
                members: entries.map { Comparison.Member(label: $0.identifier, testAccuracy: nil) }, drawsBand: false)
        }
    }

    /// Shows run `name` afresh: its writer started over (a file of it shrank).
    mutating func startOver(_ name: String, source: String) {
        var fresh = DashboardState()
        fresh.selectedLayer = runs[name]?.selectedLayer ?? 0
        if source != WatchSource.eventStream { fresh.beginWatching(name, source: source) }
        runs[name] = fresh
    }

    /// Feeds one thing read from a watched run (which `watch(run:source:)` announced).
    public mutating func apply(_ record: WatchedRecord) {
        switch record.event {
        case .recorded(.event(let event)):
            apply(event, to: record.run)
            if case .finished(let result) = event { updateLegend(record.run, testAccuracy: result.testAccuracy) }
        case .recorded(.intervention(let intervention)): mark(intervention, on: record.run)
        case .scalar(let point): runs[record.run]?.record(point)
        case .histogram(let point): runs[record.run]?.record(point)
        case .image(let point): runs[record.run]?.record(point)
        }
    }

    /// Keys while watching: `c` lists the runs, tab goes to the next one, `v` lists the other
    /// scalars to chart one; the view's own keys as usual; nothing that would steer a trainer.
    func watchKey(_ key: Key) -> [DashboardAction] {
        switch key {
        case .tab: return entries.count > 1 ? [.nextComparedRun] : [.notify("one run is watched")]
        case .character("v"): return [.scalarList(.open)]
        default: return viewOnly(mainKey(key), what: "watch", shown: "runs another program writes", keepsPicker: true)
        }
    }

    /// The scalar list's entries for the run on screen: accuracy, then its other scalars.
    public var scalarListEntries: [String] { ["accuracy"] + (state.watched?.scalarTags ?? []) }

    /// Keys while the scalar list is open: the arrows move, enter charts, escape or `v` close.
    func scalarListKey(_ key: Key) -> [DashboardAction] {
        switch key {
        case .up, .character("k"), .backTab: return [.scalarList(.move(-1))]
        case .down, .character("j"), .tab: return [.scalarList(.move(1))]
        case .enter, .character(" "): return [.scalarList(.choose)]
        case .escape, .character("v"): return [.scalarList(.close)]
        case .character("q"): return [.quit]
        default: return []
        }
    }

    mutating func perform(_ command: ScalarListCommand) {
        let entries = scalarListEntries
        switch command {
        case .open:
            guard let watched = state.watched else {
                notice = "\(current) is a neurotop run: its charts are fixed"
                return
            }
            guard !watched.scalarTags.isEmpty else {
                notice = "no other scalars in \(current) yet"
                return
            }
            scalarListSelection = watched.chartedScalar.flatMap { entries.firstIndex(of: $0) } ?? 0
        case .move(let offset):
            guard let selection = scalarListSelection else { return }
            scalarListSelection = min(max(selection + offset, 0), entries.count - 1)
        case .choose:
            guard let selection = scalarListSelection, entries.indices.contains(selection) else { return }
            let tag = selection == 0 ? nil : entries[selection]
            runs[current]?.chartScalar(tag)
            scalarListSelection = nil
            notice = "lower chart: \(tag ?? "accuracy")"
        case .close:
            scalarListSelection = nil
        }
    }

    private mutating func updateLegend(_ name: String, testAccuracy: Float?) {
        guard var shown = comparison, let index = shown.members.firstIndex(where: { $0.label == name }) else { return }
        shown.members[index].testAccuracy = testAccuracy
        comparison = shown
    }
}

/// How a watched run's source is named in its header.
public enum WatchSource {
    public static let tensorBoard = "TensorBoard log"
    public static let eventStream = "event stream"
}

extension DashboardModel {
    /// Adds a line to the journal of run `name`.
    mutating func note(_ line: String, on name: String) {
        runs[name, default: DashboardState()].note(line)
    }
}
