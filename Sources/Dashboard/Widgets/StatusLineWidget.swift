import Training

/// The bottom line: the keys that work now, and the latest notice on the right.
struct StatusLineWidget {
    let model: DashboardModel
    let theme: Theme

    func draw(into buffer: inout ScreenBuffer, rect: Rect) {
        var keys = Segments()
        let hints: [(String, String, Int)]
        let failure = model.isPickerOpen ? nil : model.state.failure
        if let recorded = recordedHints {
            hints = recorded
        } else if model.isPickerOpen {
            hints = [
                (theme.glyphs.arrowUpDown, "choose", 0), ("enter", "show", 0), ("esc", "close", 0), ("q", "quit", 0),
            ]
        } else if failure != nil {
            // The screen stays as training broke; these are the ways on.
            hints = [("r", "restart", 0), ("tab", "configs", 0), ("?", "help", 1), ("q", "quit", 0)]
        } else {
            // The ways to steer a run stay; the others give way to a message when it needs room.
            hints = [
                (theme.glyphs.arrowUpDown, "layer", 0), ("space", "freeze", 0), ("p", pauseLabel, 0), ("n", "step", 5),
                ("+/-", "lr", 4), ("s", "smooth", 6), ("tab", "configs", 3), ("r", "restart", 5),
                ("?", "help", 0), ("q", "quit", 0),
            ]
        }
        for (index, hint) in hints.enumerated() {
            keys.add((index == 0 ? "" : "  ") + hint.0, theme.key, priority: hint.2)
            keys.add(" " + hint.1, theme.muted, priority: hint.2)
        }
        let (message, style, makesRoom) = self.message(failure: failure)
        // The keys take what a notice leaves, but never less than the ones that always show; the
        // journal's last line (also in its panel) only fills what the keys leave.
        let gap = 3
        let room = makesRoom ? rect.width - gap - message.displayWidth : rect.width
        let keysWidth = min(rect.width, max(keys.minimumWidth, min(keys.fullWidth, room)))
        let used = keys.draw(into: &buffer, rect: Rect(x: rect.x, y: rect.y, width: keysWidth, height: 1))
        let free = Rect(x: rect.x + used + gap, y: rect.y, width: rect.width - used - gap, height: 1)
        guard free.width >= 12, !message.isEmpty else { return }
        buffer.put(message, in: free, style: style, alignment: .right)
    }

    /// The latest notice, else the failure, else the journal's last line; and whether the keys
    /// should make room for it.
    private func message(failure: String?) -> (text: String, style: CellStyle, makesRoom: Bool) {
        if let notice = model.notice { return (notice, theme.muted, true) }
        if let failure { return ("training failed: " + failure, theme.bad, true) }
        return (model.state.journal.last ?? "", theme.muted, false)
    }

    private var pauseLabel: String { model.state.runState == .paused ? "resume" : "pause" }
}
