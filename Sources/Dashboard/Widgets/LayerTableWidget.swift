import Foundation

/// The layer table: shape and size of every layer, whether it trains, and its live gradient
/// figures (the article's gradient study, as the model learns).
///
/// Mean |gradient| is drawn as a bar on a log scale shared by all rows, so rows compare at a
/// glance; the scale covers whole decades and widens only when a value leaves it.
struct LayerTableWidget {
    let state: DashboardState
    let theme: Theme

    /// What the figures are of: gradients, or (a watched log without gradient histograms) the
    /// weights themselves.
    private var symbol: String { state.watched?.layerFigure == .weights ? "w" : "g" }

    private enum Column: CaseIterable {
        case pointer, name, type, output, params, mark, bar, mean, max, ratio, history
    }

    func draw(into buffer: inout ScreenBuffer, rect: Rect) {
        let counts = state.stage?.parameterCounts
        let scale = GradientBars(rows: state.layers)
        var title = "layers"
        if let counts {
            title += "  \(Format.grouped(counts.total)) params, \(Format.grouped(counts.trainable)) trainable"
        }
        if let scale { title += "  |\(symbol)| bars: \(scale.title)" }
        buffer.box(rect, title: title, glyphs: theme.glyphs, style: theme.border, titleStyle: theme.title)
        let inner = rect.inset(by: 1)
        guard inner.height >= 2, inner.width >= 20 else { return }
        let widths = columnWidths(for: inner.width)
        drawHeader(into: &buffer, rect: inner.row(0), widths: widths)
        let visibleRows = inner.height - 1
        guard !state.layers.isEmpty else {
            buffer.put("waiting for the model", in: inner.row(1), style: theme.muted)
            return
        }
        // Scroll so that the selected row stays visible.
        let first = min(max(0, state.selectedLayer - visibleRows + 1), max(0, state.layers.count - visibleRows))
        for (offset, index) in (first..<min(state.layers.count, first + visibleRows)).enumerated() {
            drawRow(index, into: &buffer, rect: inner.row(offset + 1), widths: widths, scale: scale)
        }
    }

    // MARK: - Columns

    private func columnWidths(for width: Int) -> [Column: Int] {
        var widths: [Column: Int] = [
            .pointer: 1, .name: width >= 100 ? 13 : 9, .type: 10, .output: width >= 100 ? 18 : 10, .params: 8,
            .mark: 6, .mean: 8, .max: 8, .ratio: 8, .history: 12,
        ]
        // Dropped first to last when the row is too narrow for a useful bar.
        let dropOrder: [Column] = [.history, .type, .output, .params, .ratio, .max]
        let minimumBar = 8
        func used() -> Int { widths.values.reduce(0, +) + widths.count }  // each column plus a gap
        for column in dropOrder where width - used() < minimumBar {
            widths[column] = nil
        }
        widths[.bar] = min(max(width - used(), 1), 28)
        // Leftover room goes to the history sparkline, then to names.
        if widths[.history] != nil { widths[.history, default: 0] += max(0, width - used() + 1) }
        return widths
    }

    private func cells(_ widths: [Column: Int], _ rect: Rect) -> [Column: Rect] {
        var result: [Column: Rect] = [:]
        var x = rect.x
        for column in Column.allCases {
            guard let width = widths[column] else { continue }
            result[column] = Rect(x: x, y: rect.y, width: min(width, rect.maxX - x), height: 1)
            x += width + 1
        }
        return result
    }

    private func drawHeader(into buffer: inout ScreenBuffer, rect: Rect, widths: [Column: Int]) {
        let style = theme.muted.emphasized
        let cells = cells(widths, rect)
        let titles: [(Column, String, Alignment)] = [
            (.name, "name", .left), (.type, "type", .left), (.output, "output", .left), (.params, "params", .right),
            (.mark, "train", .left), (.mean, "mean|\(symbol)|", .right), (.max, "max|\(symbol)|", .right),
            (.ratio, "upd/w", .right), (.history, "history", .left),
        ]
        for (column, text, alignment) in titles {
            if let cell = cells[column] { buffer.put(text, in: cell, style: style, alignment: alignment) }
        }
        if let cell = cells[.bar] {
            buffer.put(cell.width >= 14 ? "mean|\(symbol)| (log)" : "log|\(symbol)|", in: cell, style: style)
        }
    }

    private func drawRow(
        _ index: Int, into buffer: inout ScreenBuffer, rect: Rect, widths: [Column: Int], scale: GradientBars?
    ) {
        let row = state.layers[index]
        let summary = row.summary
        let selected = index == state.selectedLayer
        let cells = cells(widths, rect)
        let base = selected ? theme.selection : theme.normal
        if selected { buffer.fill(rect, style: base) }
        func put(_ column: Column, _ text: String, _ style: CellStyle? = nil, _ alignment: Alignment = .left) {
            guard let cell = cells[column] else { return }
            var look = style ?? base
            if selected {
                look.background = base.background
                look.reverse = look.reverse || base.reverse
            }
            buffer.put(text, in: cell, style: look, alignment: alignment)
        }
        put(.pointer, selected ? String(Character(theme.glyphs.pointer)) : " ")
        put(.name, summary.name)
        put(.type, summary.kind, theme.muted)
        if let cell = cells[.output], !summary.outputShape.isEmpty {
            // Keras's "(None, 10, 28, 28)" in a wide table, "10x28x28" in a narrow one; nothing for a
            // watched log's layer, whose shape the log does not say.
            let compact = summary.outputShape.map(String.init).joined(separator: "x")
            put(.output, cell.width >= 18 ? Format.shape(summary.outputShape) : compact, theme.muted)
        }
        put(.params, Format.grouped(summary.parameterCount), nil, .right)
        if !row.hasWeights {
            put(.mark, "-", theme.muted)
        } else if summary.trainable {
            put(.mark, "train", theme.good)
        } else {
            put(.mark, "frozen", theme.frozen)
        }
        guard row.hasWeights else { return }
        put(.mean, row.meanAbsGradient.map { Format.scientific($0) } ?? "-", nil, .right)
        put(.max, row.maxAbsGradient.map { Format.scientific($0) } ?? "-", theme.muted, .right)
        put(.ratio, row.updateRatio.map { Format.scientific($0) } ?? "-", theme.muted, .right)
        if let cell = cells[.bar], let scale {
            let text = scale.bar(row.meanAbsGradient, width: cell.width, glyphs: theme.glyphs)
            put(.bar, text, summary.trainable ? theme.gradientBar : theme.frozen)
        }
        if let cell = cells[.history], !row.history.isEmpty {
            // Each row on its own log range (at least a factor of 2), to show its trend over time.
            // Non-finite figures (a diverging run) would make an empty range: leave them out.
            let values = row.history.suffix(cell.width).filter(\.isFinite).map { log10(max($0, 1e-30)) }
            if let low = values.min(), let high = values.max() {
                let middle = (low + high) / 2
                let half = max((high - low) / 2, 0.15)
                let range = (middle - half)...(middle + half)
                put(.history, Sparkline.line(Array(values), range: range, glyphs: theme.glyphs), theme.gradientBar)
            }
        }
    }
}
