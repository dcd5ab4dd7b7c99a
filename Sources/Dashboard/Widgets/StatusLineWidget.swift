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
            hints = [
                (theme.glyphs.arrowUpDown, "layer", 0), ("space", "freeze", 0), ("p", pauseLabel, 0), ("n", "step", 2),
                ("+/-", "lr", 1), ("s", "smooth", 3), ("tab", "configs", 0), ("r", "restart", 2),
                ("?", "help", 0), ("q", "quit", 0),
            ]
        }
        for (index, hint) in hints.enumerated() {
            keys.add((index == 0 ? "" : "  ") + hint.0, theme.key, priority: hint.2)
            keys.add(" " + hint.1, theme.muted, priority: hint.2)
        }
        let used = keys.draw(into: &buffer, rect: rect)
        let free = Rect(x: rect.x + used + 3, y: rect.y, width: rect.width - used - 3, height: 1)
        guard free.width >= 12 else { return }
        if let notice = model.notice {
            buffer.put(notice, in: free, style: theme.muted, alignment: .right)
        } else if let failure {
            buffer.put("training failed: " + failure, in: free, style: theme.bad, alignment: .right)
        } else {
            buffer.put(model.state.journal.last ?? "", in: free, style: theme.muted, alignment: .right)
        }
    }

    private var pauseLabel: String { model.state.runState == .paused ? "resume" : "pause" }
}
