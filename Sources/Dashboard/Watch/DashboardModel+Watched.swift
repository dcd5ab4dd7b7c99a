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

    /// Keys while watching: `c` lists the runs, tab goes to the next one, `v` charts the next
    /// scalar of the list; the view's own keys as usual; nothing that would steer a trainer.
    func watchKey(_ key: Key) -> [DashboardAction] {
        switch key {
        case .tab: return entries.count > 1 ? [.nextComparedRun] : [.notify("one run is watched")]
        case .character("v"): return [.chartNextScalar]
        default: return viewOnly(mainKey(key), what: "watch", shown: "runs another program writes", keepsPicker: true)
        }
    }

    /// Puts the next scalar of the run on screen in the lower chart, after the last one
    /// accuracy again.
    mutating func chartNextScalar() {
        guard var run = runs[current], let watched = run.watched else {
            notice = "\(current) is a neurotop run: its charts are fixed"
            return
        }
        let tags = watched.scalarTags
        guard !tags.isEmpty else {
            notice = "no other scalars in \(current) yet"
            return
        }
        let next: String?
        if let shown = watched.chartedScalar, let index = tags.firstIndex(of: shown) {
            next = index + 1 < tags.count ? tags[index + 1] : nil
        } else {
            next = tags[0]
        }
        run.chartScalar(next)
        runs[current] = run
        let position = next.flatMap { tags.firstIndex(of: $0) }.map { " (\($0 + 1)/\(tags.count))" } ?? ""
        notice = "lower chart: \(next ?? "accuracy")\(position); v for the next"
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
