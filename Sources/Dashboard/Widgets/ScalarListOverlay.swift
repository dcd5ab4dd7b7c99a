/// The list `v` opens on a watched run: accuracy and the scalars no panel takes (a learning
/// rate, a custom metric), each with its latest value and how many it has; enter charts the
/// highlighted one in place of accuracy.
struct ScalarListOverlay {
    let model: DashboardModel
    let selection: Int
    let theme: Theme

    func draw(into buffer: inout ScreenBuffer, bounds: Rect) {
        let state = model.state
        let entries = model.scalarListEntries
        let lines = entries.enumerated().map { index, tag -> (String, String) in
            let series = index == 0 ? state.accuracies : state.watched?.scalars[tag]
            let latest = series?.last.map { Format.fixed($0, 4) } ?? "-"
            let count = series.map { "\(Format.grouped($0.steps.count)) points" } ?? ""
            return (tag, "\(latest)  \(count)")
        }
        let needed = lines.map { $0.0.displayWidth + $0.1.displayWidth + 8 }.max() ?? 0
        let width = min(bounds.width - 4, max(50, needed))
        let height = min(bounds.height - 2, lines.count + 2)
        let inner = buffer.overlay(
            bounds.centred(width: width, height: height), title: "scalars (enter charts, esc closes)", theme: theme)
        let charted = state.watched?.chartedScalar
        let first = min(max(0, selection - inner.height + 1), max(0, lines.count - inner.height))
        for (offset, (index, line)) in lines.enumerated().dropFirst(first).prefix(inner.height).enumerated() {
            let row = inner.row(offset)
            let selected = index == selection
            let style = selected ? theme.selection : theme.normal
            if selected { buffer.fill(row, style: style) }
            let isCharted = index == 0 ? charted == nil : charted == line.0
            let marker = isCharted ? String(Character(theme.glyphs.pointer)) : " "
            let valueWidth = min(line.1.displayWidth, row.width / 2)
            buffer.put(
                "\(marker) \(line.0)", in: Rect(x: row.x + 1, y: row.y, width: row.width - valueWidth - 3, height: 1),
                style: style)
            buffer.put(
                line.1, in: Rect(x: row.maxX - valueWidth - 1, y: row.y, width: valueWidth, height: 1),
                style: selected ? style : theme.muted, alignment: .right)
        }
    }
}
