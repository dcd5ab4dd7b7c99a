import Training

/// The two header rows: what runs and its state, then epoch progress, speed and time left.
struct HeaderWidget {
    let state: DashboardState
    let entry: ConfigEntry?
    let theme: Theme

    func draw(into buffer: inout ScreenBuffer, rect: Rect) {
        guard rect.height >= 2 else { return }
        buffer.fill(rect.row(0), style: theme.headerBar)
        drawTitle(into: &buffer, rect: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1))
        drawProgress(into: &buffer, rect: Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: 1))
    }

    private func drawTitle(into buffer: inout ScreenBuffer, rect: Rect) {
        let bar = theme.headerBar
        var line = Segments()
        line.add("neurotop", bar.emphasized)
        line.add("  " + (state.run?.name ?? entry?.name ?? "starting"), bar.emphasized)
        if let identifier = state.run?.identifier ?? entry?.identifier {
            line.add(" (\(identifier))", bar, priority: 3)
        }
        if let run = state.run, state.watched != nil {
            line.add("  \(run.datasetName)", bar, priority: 2)
        } else if let run = state.run, !run.datasetName.isEmpty, run.trainCount > 0 {
            line.add(
                "  \(run.datasetName) \(Format.grouped(run.trainCount))/\(Format.grouped(run.testCount))", bar,
                priority: 2)
        }
        if let stage = state.stage, stage.count > 1 {
            line.add("  stage \(stage.index + 1)/\(stage.count) \(stage.title)", bar, priority: 1)
        }

        var right = Segments()
        if state.watched != nil {
            if let rate = state.learningRate, rate.isFinite {
                right.add("lr \(Format.scientific(rate))  ", bar, priority: 1)
            }
        } else if let stage = state.stage {
            let rate = state.learningRate ?? stage.learningRate
            right.add("\(stage.optimizer) lr \(Format.scientific(rate))  ", bar, priority: 1)
        }
        right.add(stateLabel, stateStyle)
        let used = right.draw(into: &buffer, rect: rect, alignRight: true)
        line.draw(into: &buffer, rect: Rect(x: rect.x, y: rect.y, width: rect.width - used - 2, height: 1))
    }

    private var stateLabel: String {
        let mark = theme.glyphs.isUnicode ? "● " : "* "
        if state.watched != nil { return mark + "watching" }
        switch state.runState {
        case .ready: return mark + "starting"
        case .running: return mark + "running"
        case .paused: return mark + "paused"
        case .finished: return mark + "finished"
        case .stopped: return mark + "stopped"
        case .failed: return mark + "failed"
        }
    }

    private var stateStyle: CellStyle {
        var style = theme.headerBar.emphasized
        guard theme.palette == .ansi256 else { return style }
        switch state.runState {
        case .running: style.foreground = 120
        case .paused: style.foreground = 221
        case .finished: style.foreground = 159
        case .failed: style.foreground = 210
        default: break
        }
        return style
    }

    private func drawProgress(into buffer: inout ScreenBuffer, rect: Rect) {
        if let watched = state.watched {
            drawWatched(watched, into: &buffer, rect: rect)
            return
        }
        guard let stage = state.stage else {
            buffer.put("loading the config and the data...", in: rect, style: theme.muted)
            return
        }
        let batch = state.batch
        let finished = state.runState == .finished
        let epochIndex = finished ? stage.epochs : min((batch?.epoch ?? 0) + 1, stage.epochs)
        let step = finished ? stage.stepsPerEpoch : (batch?.step ?? 0)
        let fraction = stage.stepsPerEpoch > 0 ? Float(step) / Float(stage.stepsPerEpoch) : 0
        let barWidth = min(max(rect.width / 6, 10), 30)

        var line = Segments()
        line.add("epoch ", theme.muted)
        line.add("\(epochIndex)/\(stage.epochs) ", theme.title)
        line.add(bar(fraction, width: barWidth), theme.gradientBar)
        line.add(" \(Int((fraction * 100).rounded(.down)))%", theme.normal)
        line.add("  step ", theme.muted, priority: 1)
        line.add("\(step)/\(stage.stepsPerEpoch)", theme.normal, priority: 1)
        line.add("  total \(Format.grouped(state.globalStep))", theme.muted, priority: 5)
        line.add("  ", theme.normal)
        line.add(Format.rate(batch?.samplesPerSecond ?? 0), theme.normal)
        line.add(" samples/s", theme.muted, priority: 3)
        line.add("  ETA ", theme.muted)
        line.add(eta, theme.normal)
        line.add("  trained ", theme.muted, priority: 4)
        line.add(Format.duration(state.finishedEpochSeconds + (batch?.epochElapsed ?? 0)), theme.normal, priority: 4)
        line.add("  params \(Format.grouped(stage.parameterCounts.total))", theme.muted, priority: 6)
        line.draw(into: &buffer, rect: rect)
    }

    /// A watched log's progress: how far its writer got, and when it last wrote.
    private func drawWatched(_ watched: WatchedRun, into buffer: inout ScreenBuffer, rect: Rect) {
        var line = Segments()
        line.add("step ", theme.muted)
        line.add(Format.grouped(max(state.losses.steps.last ?? 0, state.accuracies.steps.last ?? 0)), theme.normal)
        if let epoch = state.epochs.last {
            line.add("  epoch ", theme.muted)
            line.add("\(epoch.epoch + 1)", theme.normal)
        }
        line.add("  \(Format.grouped(watched.valueCount)) values", theme.muted, priority: 2)
        if !watched.scalarTags.isEmpty {
            let count = watched.scalarTags.count
            line.add("  \(count) other scalar\(count == 1 ? "" : "s") (v)", theme.muted, priority: 3)
        }
        if watched.lastWallTime > 0, watched.lastWallTime < 1e15 {
            line.add("  last write ", theme.muted, priority: 1)
            line.add(Self.clockTime(watched.lastWallTime), theme.normal, priority: 1)
        }
        if let counts = state.stage?.parameterCounts, counts.total > 0 {
            line.add("  params \(Format.grouped(counts.total))", theme.muted, priority: 4)
        }
        line.draw(into: &buffer, rect: rect)
    }

    /// "14:03:27 UTC" of seconds since the Unix epoch.
    static func clockTime(_ seconds: Double) -> String {
        let day = Int(seconds.rounded(.down)) % 86_400
        let text = [day / 3600, day / 60 % 60, day % 60].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
        return text + " UTC"
    }

    private func bar(_ fraction: Float, width: Int) -> String {
        let filled = min(width, max(0, Int((fraction * Float(width)).rounded(.down))))
        let glyphs = theme.glyphs
        return String(String.UnicodeScalarView(repeatElement(glyphs.barFull, count: filled)))
            + String(String.UnicodeScalarView(repeatElement(glyphs.barEmpty, count: width - filled)))
    }

    /// Time left in the stage at the current epoch's speed.
    private var eta: String {
        guard let stage = state.stage else { return "--:--" }
        switch state.runState {
        case .finished: return "done"
        case .failed, .stopped: return "--:--"
        default: break
        }
        guard let batch = state.batch, batch.samplesPerSecond > 0 else { return "--:--" }
        let remainingSteps = (stage.epochs - batch.epoch - 1) * stage.stepsPerEpoch + (stage.stepsPerEpoch - batch.step)
        let samples = Double(max(remainingSteps, 0) * stage.batchSize)
        return Format.duration(samples / batch.samplesPerSecond)
    }
}
