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
        let layout = DashboardLayout(bounds: bounds, layerCount: run.layers.count)
        let entry = entries.first { $0.identifier == current }
        HeaderWidget(state: run, entry: entry, theme: theme).draw(into: &buffer, rect: layout.header)
        ChartsWidget(state: run, smoothing: smoothing, theme: theme, overlay: chartOverlay(theme: theme)).draw(
            into: &buffer, rect: layout.charts)
        if showsFlips {
            FlipsWidget(state: run, theme: theme).draw(into: &buffer, rect: layout.digits)
        } else {
            DigitsWidget(state: run, theme: theme).draw(into: &buffer, rect: layout.digits)
        }
        LayerTableWidget(state: run, theme: theme).draw(into: &buffer, rect: layout.layers)
        JournalWidget(state: run, theme: theme).draw(into: &buffer, rect: layout.journal)
        StatusLineWidget(model: self, theme: theme).draw(into: &buffer, rect: layout.status)
        if let selection = pickerSelection {
            ConfigPickerOverlay(model: self, selection: selection, theme: theme).draw(into: &buffer, bounds: bounds)
        }
        if showsHelp {
            HelpOverlay(theme: theme, mode: helpMode).draw(into: &buffer, bounds: bounds)
        }
    }

    /// Which keys the help lists.
    private var helpMode: HelpOverlay.Mode {
        if playback != nil { return .replay }
        if comparison != nil { return .compare }
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
