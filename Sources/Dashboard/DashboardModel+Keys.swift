import Training

extension DashboardModel {
    /// What a key asks for in the current view. Changes nothing: the caller performs the actions.
    public func handle(_ key: Key) -> [DashboardAction] {
        if showsHelp { return helpKey(key) }
        if let selection = pickerSelection { return pickerKey(key, selection: selection) }
        if scalarListSelection != nil { return scalarListKey(key) }
        if canvas != nil { return canvasKey(key) }
        if playback != nil { return replayKey(key) }
        if isWatching { return watchKey(key) }
        if comparison != nil { return compareKey(key) }
        if let fork, let actions = forkKey(key, fork) { return actions }
        if let tour { return tourKey(key, tour) ?? mainKey(key) }
        return mainKey(key)
    }

    /// The tour's own keys: next and previous step, leaving the tour; nil for the others, which
    /// act on the run as in the plain dashboard (`r` restarts the step's run).
    private func tourKey(_ key: Key, _ tour: TourGuide) -> [DashboardAction]? {
        switch key {
        case .right, .character("]"): return [.tourStep(tour.index + 1)]
        case .left, .character("["): return [.tourStep(tour.index - 1)]
        case .character("x"): return [.leaveTour]
        default: return nil
        }
    }

    /// The drawing's keys: the arrows move the cursor, space inks, `x` clears, Escape or `d` close.
    private func canvasKey(_ key: Key) -> [DashboardAction] {
        switch key {
        case .up, .character("k"): return [.moveCanvasCursor(rows: -1, columns: 0)]
        case .down, .character("j"): return [.moveCanvasCursor(rows: 1, columns: 0)]
        case .left, .character("h"): return [.moveCanvasCursor(rows: 0, columns: -1)]
        case .right, .character("l"): return [.moveCanvasCursor(rows: 0, columns: 1)]
        case .character(" "), .enter: return [.paintCanvas]
        case .character("x"): return [.clearCanvas]
        case .escape, .character("d"): return [.toggleCanvas]
        case .character("q"): return [.quit]
        case .character("?"): return [.toggleHelp]
        default: return []
        }
    }

    private func helpKey(_ key: Key) -> [DashboardAction] {
        key == .character("q") ? [.quit] : [.toggleHelp]
    }

    private func pickerKey(_ key: Key, selection: Int) -> [DashboardAction] {
        switch key {
        case .up, .character("k"), .backTab: return [.movePicker(-1)]
        case .down, .character("j"): return [.movePicker(1)]
        case .enter, .character(" "):
            let entries = pickerEntries
            guard entries.indices.contains(selection) else { return [.closePicker] }
            let identifier = entries[selection].identifier
            return identifier == current ? [.closePicker] : [.switchConfig(identifier)]
        case .escape, .tab, .character("c"): return [.closePicker]
        case .character("q"): return [.quit]
        case .character("?"): return [.toggleHelp]
        default: return []
        }
    }

    func mainKey(_ key: Key) -> [DashboardAction] {
        let run = state
        switch key {
        case .character("q"): return [.quit]
        case .up, .character("k"): return [.selectLayer(run.selectedLayer - 1)]
        case .down, .character("j"): return [.selectLayer(run.selectedLayer + 1)]
        case .pageUp, .home: return [.selectLayer(0)]
        case .pageDown, .end: return [.selectLayer(run.layers.count - 1)]
        case .character(" "): return freezeKey(run)
        case .character("p"):
            switch run.runState {
            case .running: return [.trainer(.pause)]
            case .paused: return [.trainer(.resume)]
            case .ready: return []
            default: return [.notify("the run has ended; r trains it again")]
            }
        case .character("n"):
            switch run.runState {
            case .paused: return [.trainer(.step)]
            case .running: return [.notify("n trains one batch while paused; p pauses")]
            default: return []
            }
        case .character("+"), .character("="): return scaleLearningRate(by: 2, run)
        case .character("-"), .character("_"): return scaleLearningRate(by: 0.5, run)
        case .character("s"): return [.cycleSmoothing]
        case .character("r"): return [.restart]
        case .character("w"): return [.trainer(.checkpoint)]
        case .tab, .character("c"): return [.openPicker]
        case .character("b"): return [.toggleBaseline]
        case .character("g"): return [.toggleFlips]
        case .character("d"): return [.toggleCanvas]
        case .character("f"): return run.isActive ? [.fork] : [.notify("the run has ended; r trains it again")]
        case .character("?"), .character("h"): return [.toggleHelp]
        default: return []
        }
    }

    /// Doubles or halves the rate; at the ends of what training takes the trainer holds it
    /// there, and the notice says so.
    private func scaleLearningRate(by factor: Float, _ run: DashboardState) -> [DashboardAction] {
        let command = DashboardAction.trainer(.scaleLearningRate(factor))
        let limits = TrainerCommand.learningRateLimits
        guard let rate = run.learningRate ?? run.stage?.learningRate, !limits.contains(rate * factor) else {
            return [command]
        }
        let held = factor > 1 ? limits.upperBound : limits.lowerBound
        let range = "\(Format.scientific(limits.lowerBound, 0))..\(Format.scientific(limits.upperBound, 0))"
        return [command, .notify("learning rate held at \(Format.scientific(held)): training takes \(range)")]
    }

    private func freezeKey(_ run: DashboardState) -> [DashboardAction] {
        guard run.layers.indices.contains(run.selectedLayer) else { return [] }
        let row = run.layers[run.selectedLayer]
        guard row.hasWeights else { return [.notify("\(row.summary.name) has no weights to freeze")] }
        return [.trainer(.toggleTrainable(layer: run.selectedLayer))]
    }
}
