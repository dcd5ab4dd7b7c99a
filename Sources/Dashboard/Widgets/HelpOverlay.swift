/// A box over the middle of the screen listing every key.
struct HelpOverlay {
    /// Which keys apply: a live run's, a tour step's, a replay's, a comparison's or those of
    /// runs another program writes.
    enum Mode {
        case live, tour, replay, compare, watch
    }

    let theme: Theme
    var mode = Mode.live

    private var lines: [(String, String)] {
        switch mode {
        case .live: liveLines
        case .tour:
            [
                (theme.glyphs.isUnicode ? "→  ]" : "right ]", "next step of the tour (it trains its own config)"),
                (theme.glyphs.isUnicode ? "←  [" : "left  [", "previous step"),
                ("x", "leave the tour; the run goes on in the dashboard"),
            ] + liveLines
        case .replay:
            [
                ("1  2  3", "play back at 1x, 10x or 100x the pace it trained"),
                ("p  space", "pause / go on"),
                ("e", "jump to the end"),
                ("r", "play again from the start"),
                ("\(theme.glyphs.arrowUpDown)  j k", "select a layer"),
                ("s", "change the chart smoothing"),
                ("?", "show / hide this help"),
                ("q", "quit"),
            ]
        case .watch:
            [
                ("tab", "show the next run in the header and the layer table"),
                ("c", "list the runs watched, with how far each has got"),
                ("v", "list the other scalars, to chart one instead of accuracy"),
                ("\(theme.glyphs.arrowUpDown)  j k", "select a layer"),
                ("s", "change the chart smoothing"),
                ("?", "show / hide this help"),
                ("q", "quit"),
            ]
        case .compare:
            [
                ("tab  c", "show the next run in the header and the layer table"),
                ("\(theme.glyphs.arrowUpDown)  j k", "select a layer"),
                ("s", "change the chart smoothing"),
                ("?", "show / hide this help"),
                ("q", "quit"),
            ]
        }
    }

    private var liveLines: [(String, String)] {
        [
            ("\(theme.glyphs.arrowUpDown)  j k", "select a layer"),
            ("space", "freeze / unfreeze the selected layer from the next batch"),
            ("p", "pause / resume training"),
            ("n", "train one batch while paused"),
            ("+  -", "double / halve the learning rate"),
            ("s", "change the chart smoothing"),
            ("tab  c", "pick another config (this one pauses and keeps its state)"),
            ("r", "restart this config from scratch"),
            ("b", "pin this run as a dim baseline curve / unpin it"),
            ("g", "digits learned / forgotten at the last validation"),
            ("d", "draw a digit and see what the model reads (x clears)"),
            ("f", "fork: a twin trains beside; the next change is its alone"),
            ("F", "keep one branch of the fork, drop the other"),
            ("w", "write a checkpoint of the run now"),
            ("?", "show / hide this help"),
            ("q", "quit"),
        ]
    }

    func draw(into buffer: inout ScreenBuffer, bounds: Rect) {
        let width = min(bounds.width - 4, 72)
        let height = min(bounds.height - 2, lines.count + 4)
        let inner = buffer.overlay(bounds.centred(width: width, height: height), title: "keys", theme: theme)
        // As wide as the widest key ("up/dn  j k" without Unicode arrows), and no narrower than 9.
        let keyWidth = max(9, lines.map(\.0.displayWidth).max() ?? 0)
        for (offset, line) in lines.enumerated() where offset + 1 < inner.height {
            let row = Rect(x: inner.x + 2, y: inner.y + 1 + offset, width: inner.width - 3, height: 1)
            buffer.put(line.0, in: Rect(x: row.x, y: row.y, width: keyWidth, height: 1), style: theme.key)
            buffer.put(
                line.1, in: Rect(x: row.x + keyWidth + 1, y: row.y, width: row.width - keyWidth - 1, height: 1),
                style: theme.normal)
        }
    }
}
