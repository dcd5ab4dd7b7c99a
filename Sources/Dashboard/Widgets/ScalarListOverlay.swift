/// The list `v` opens on a watched run: accuracy and the scalars no panel takes (a learning
/// rate, a custom metric), each with its latest value and how many it has; enter charts the
/// highlighted one in place of accuracy.
struct ScalarListOverlay {
    /// One entry: the tag, its latest value and count, and whether it is the one charted.
    struct Row {
        var tag: String
        var figures: String
        var isCharted: Bool
    }

    let rows: [Row]
    let selection: Int
    let theme: Theme

    init(model: DashboardModel, selection: Int, theme: Theme) {
        let state = model.state
        let charted = state.watched?.chartedScalar
        rows = model.scalarListEntries.enumerated().map { index, tag in
            let series = index == 0 ? state.accuracies : state.watched?.scalars[tag]
            let latest = series?.last.map { Format.fixed($0, 4) } ?? "-"
            let count = series.map { "\(Format.grouped($0.steps.count)) points" } ?? ""
            return Row(
                tag: tag, figures: "\(latest)  \(count)", isCharted: index == 0 ? charted == nil : charted == tag)
        }
        self.selection = selection
        self.theme = theme
    }

    func draw(into buffer: inout ScreenBuffer, bounds: Rect) {
        let needed = rows.map { $0.tag.displayWidth + $0.figures.displayWidth + 8 }.max() ?? 0
        let width = min(bounds.width - 4, max(50, needed))
        let height = min(bounds.height - 2, rows.count + 2)
        let inner = buffer.overlay(
            bounds.centred(width: width, height: height), title: "scalars (enter charts, esc closes)", theme: theme)
        let first = min(max(0, selection - inner.height + 1), max(0, rows.count - inner.height))
        for (offset, (index, entry)) in rows.enumerated().dropFirst(first).prefix(inner.height).enumerated() {
            let line = inner.row(offset)
            let selected = index == selection
            let style = selected ? theme.selection : theme.normal
            if selected { buffer.fill(line, style: style) }
            let marker = entry.isCharted ? String(Character(theme.glyphs.pointer)) : " "
            let valueWidth = min(entry.figures.displayWidth, line.width / 2)
            buffer.put(
                "\(marker) \(entry.tag)",
                in: Rect(x: line.x + 1, y: line.y, width: line.width - valueWidth - 3, height: 1), style: style)
            buffer.put(
                entry.figures, in: Rect(x: line.maxX - valueWidth - 1, y: line.y, width: valueWidth, height: 1),
                style: selected ? style : theme.muted, alignment: .right)
        }
    }
}
