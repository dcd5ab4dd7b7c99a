/// The run's journal: epoch summaries, freezes, learning-rate changes; newest at the bottom.
struct JournalWidget {
    let state: DashboardState
    let theme: Theme

    func draw(into buffer: inout ScreenBuffer, rect: Rect) {
        guard rect.height >= 3 else { return }
        buffer.box(rect, title: "journal", glyphs: theme.glyphs, style: theme.border, titleStyle: theme.title)
        let inner = rect.inset(by: 1)
        let lines = state.journal.suffix(inner.height)
        for (offset, line) in lines.enumerated() {
            let style = line.hasPrefix("epoch") ? theme.normal : (line.hasPrefix("failed") ? theme.bad : theme.muted)
            buffer.put(line, in: inner.row(offset), style: style)
        }
    }
}
