extension DashboardModel {
    /// Draws the whole screen into `buffer` (which is cleared first).
    public func render(into buffer: inout ScreenBuffer, theme: Theme) {
        buffer.clear()
        let bounds = buffer.bounds
        guard DashboardLayout.fits(width: bounds.width, height: bounds.height) else {
            drawTooSmall(into: &buffer, theme: theme)
            return
        }
        let run = state
        if let tour {
            // With the flipped digits asked for (g), their panel gets the row on narrow screens.
            let layout = TourLayout(
                bounds: bounds, layerCount: run.layers.count, focus: showsFlips ? .digits : tour.current.panel)
            drawPanels(into: &buffer, layout: layout.dashboard, theme: theme)
            // The figure is the step's run's, also while the picker shows another config.
            let stepRun = runs[tour.current.config] ?? DashboardState()
            TourPanelWidget(guide: tour, run: stepRun, theme: theme).draw(into: &buffer, rect: layout.panel)
            highlight(layout.rect(of: tour.current.panel), into: &buffer, theme: theme)
        } else {
            drawPanels(
                into: &buffer, layout: DashboardLayout(bounds: bounds, layerCount: run.layers.count), theme: theme)
        }
        if let selection = pickerSelection {
            ConfigPickerOverlay(model: self, selection: selection, theme: theme).draw(into: &buffer, bounds: bounds)
        }
        if let selection = scalarListSelection {
            ScalarListOverlay(model: self, selection: selection, theme: theme).draw(into: &buffer, bounds: bounds)
        }
        if let fork, fork.phase != .running {
            let layers = state.layers
            let name = layers.indices.contains(state.selectedLayer) ? layers[state.selectedLayer].summary.name : nil
            ForkPromptOverlay(fork: fork, selectedLayer: name, theme: theme).draw(into: &buffer, bounds: bounds)
        }
        if let canvas {
            CanvasOverlay(canvas: canvas, reading: canvasReading, theme: theme).draw(into: &buffer, bounds: bounds)
        }
        if showsHelp {
            HelpOverlay(theme: theme, mode: helpMode).draw(into: &buffer, bounds: bounds)
        }
    }

    /// The run's panels, each in its rectangle (an empty one is left out).
    private func drawPanels(into buffer: inout ScreenBuffer, layout: DashboardLayout, theme: Theme) {
        let run = state
        let entry = entries.first { $0.identifier == current }
        HeaderWidget(state: run, entry: entry, theme: theme).draw(into: &buffer, rect: layout.header)
        if !layout.charts.isEmpty {
            ChartsWidget(state: run, smoothing: smoothing, theme: theme, overlay: chartOverlay(theme: theme)).draw(
                into: &buffer, rect: layout.charts)
        }
        let branches = fork.flatMap { fork in runs[fork.twin].map { ForkBranches(original: run, twin: $0, fork: fork) }
        }
        if !layout.digits.isEmpty {
            if let branches, !showsFlips {
                ForkPanelWidget(branches: branches, theme: theme).draw(into: &buffer, rect: layout.digits)
            } else if showsFlips {
                FlipsWidget(state: run, theme: theme).draw(into: &buffer, rect: layout.digits)
            } else {
                DigitsWidget(state: run, theme: theme).draw(into: &buffer, rect: layout.digits)
            }
        }
        if let branches {
            ForkLayerTableWidget(branches: branches, theme: theme).draw(into: &buffer, rect: layout.layers)
        } else {
            LayerTableWidget(state: run, theme: theme).draw(into: &buffer, rect: layout.layers)
        }
        if !layout.journal.isEmpty {
            JournalWidget(state: run, theme: theme).draw(into: &buffer, rect: layout.journal)
        }
        StatusLineWidget(model: self, theme: theme).draw(into: &buffer, rect: layout.status)
    }

    /// Marks the panel a tour step points at: its frame drawn in the highlight style (the
    /// header, which has no frame, in reverse video).
    private func highlight(_ rect: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !rect.isEmpty else { return }
        let style = theme.key
        guard rect.height > 2 else {
            buffer.restyle(rect) { $0.reverse = true }
            return
        }
        let edges = [
            Rect(x: rect.x, y: rect.y, width: rect.width, height: 1),
            Rect(x: rect.x, y: rect.maxY - 1, width: rect.width, height: 1),
            Rect(x: rect.x, y: rect.y, width: 1, height: rect.height),
            Rect(x: rect.maxX - 1, y: rect.y, width: 1, height: rect.height),
        ]
        for edge in edges {
            buffer.restyle(edge) { cell in
                cell.foreground = style.foreground
                cell.bold = true
            }
        }
    }

    /// Which keys the help lists.
    private var helpMode: HelpOverlay.Mode {
        if playback != nil { return .replay }
        if isWatching { return .watch }
        if comparison != nil { return .compare }
        if tour != nil { return .tour }
        return .live
    }

    private func drawTooSmall(into buffer: inout ScreenBuffer, theme: Theme) {
        let bounds = buffer.bounds
        let lines = [
            "neurotop needs at least \(DashboardLayout.minimumWidth)x\(DashboardLayout.minimumHeight);",
            "this terminal is \(bounds.width)x\(bounds.height).",
            "Enlarge the window, or press q to quit.",
        ]
        let top = max(0, (bounds.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < bounds.height {
            buffer.put(
                line, in: bounds.row(top + offset), style: offset == 0 ? theme.warning.emphasized : theme.normal,
                alignment: .center)
        }
    }
}
