extension DashboardModel {
    /// Keys while a recorded run plays back: speed, pause, the end and the start; the view's
    /// own keys (layers, smoothing, help) as usual; nothing that would steer a trainer.
    func replayKey(_ key: Key) -> [DashboardAction] {
        switch key {
        case .character("1"): return [.playback(.speed(Playback.speeds[0]))]
        case .character("2"): return [.playback(.speed(Playback.speeds[1]))]
        case .character("3"): return [.playback(.speed(Playback.speeds[2]))]
        case .character("p"), .character(" "): return [.playback(.togglePause)]
        case .character("e"), .character("G"): return [.playback(.jumpToEnd)]
        case .character("r"): return [.playback(.restart)]
        default: return viewOnly(mainKey(key), what: "a replay")
        }
    }

    /// Keys while runs are compared: tab picks the run the header and layer table show.
    func compareKey(_ key: Key) -> [DashboardAction] {
        switch key {
        case .tab, .character("c"): return [.nextComparedRun]
        default: return viewOnly(mainKey(key), what: "compare")
        }
    }

    /// `actions` without those that change a run, which a recorded run cannot do, nor a drawing,
    /// which has no model here to read it.
    func viewOnly(
        _ actions: [DashboardAction], what: String, shown: String = "recorded runs", keepsPicker: Bool = false
    ) -> [DashboardAction] {
        if actions.contains(.toggleCanvas) {
            return [.notify("\(what) has no model to read a drawing: d draws a digit for a run being trained")]
        }
        let kept = actions.filter { action in
            switch action {
            case .openPicker, .switchConfig: keepsPicker
            case .trainer, .restart, .toggleBaseline: false
            default: true
            }
        }
        guard kept.count < actions.count else { return kept }
        return kept + [.notify("\(what) shows \(shown): they cannot be changed")]
    }
}
