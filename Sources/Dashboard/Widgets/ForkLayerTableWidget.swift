/// The layer table of a forked run: each layer's gradient bar in branch A and in branch B side
/// by side, on one log scale, with whether it trains in each branch.
struct ForkLayerTableWidget {
    let branches: ForkBranches
    let theme: Theme

    func draw(into buffer: inout ScreenBuffer, rect: Rect) {
        let scale = GradientBars(rows: branches.original.layers + branches.twin.layers)
        var title = "layers  A | B \(branches.fork.change ?? "unchanged")"
        if let scale { title += "  |g| bars: \(scale.title)" }
        buffer.box(rect, title: title, glyphs: theme.glyphs, style: theme.border, titleStyle: theme.title)
        let inner = rect.inset(by: 1)
        guard inner.height >= 2, inner.width >= 30 else { return }
        guard !branches.original.layers.isEmpty else {
            buffer.put("waiting for the model", in: inner.row(1), style: theme.muted)
            return
        }
        let columns = Columns(width: inner.width)
        drawHeader(into: &buffer, rect: inner.row(0), columns: columns)
        let visibleRows = inner.height - 1
        let selected = branches.original.selectedLayer
        let count = branches.original.layers.count
        let first = min(max(0, selected - visibleRows + 1), max(0, count - visibleRows))
        for (offset, index) in (first..<min(count, first + visibleRows)).enumerated() {
            drawRow(index, into: &buffer, rect: inner.row(offset + 1), columns: columns, scale: scale)
        }
    }

    /// Where each column starts: the name, then per branch its mark, bar and mean |g|.
    private struct Columns {
        let name: Int
        let mark = 6
        let bar: Int
        let mean = 8

        init(width: Int) {
            name = width >= 100 ? 13 : 9
            // pointer, name, and per branch: a separator, mark, bar, mean with gaps.
            let perBranch = (width - 1 - name - 1) / 2
            bar = max(1, min(perBranch - mark - mean - 4, 28))
        }

        var branchWidth: Int { 2 + mark + 1 + bar + 1 + mean }

        /// The cells of branch 0 (A) or 1 (B) in `row`.
        func cells(_ branch: Int, _ row: Rect) -> (mark: Rect, bar: Rect, mean: Rect) {
            let start = row.x + 1 + name + 1 + branch * branchWidth + 2
            func cell(_ x: Int, _ width: Int) -> Rect {
                Rect(x: x, y: row.y, width: max(0, min(width, row.maxX - x)), height: 1)
            }
            return (cell(start, mark), cell(start + mark + 1, bar), cell(start + mark + 1 + bar + 1, mean))
        }

        func separator(_ branch: Int, _ row: Rect) -> Int { row.x + 1 + name + 1 + branch * branchWidth }
    }

    private func drawHeader(into buffer: inout ScreenBuffer, rect: Rect, columns: Columns) {
        let style = theme.muted.emphasized
        buffer.put("name", in: Rect(x: rect.x + 1, y: rect.y, width: columns.name, height: 1), style: style)
        for (branch, label) in ["A", "B"].enumerated() {
            let cells = columns.cells(branch, rect)
            buffer.put(label, in: cells.mark, style: theme.series(branch).emphasized)
            buffer.put(cells.bar.width >= 14 ? "mean|g| (log)" : "log|g|", in: cells.bar, style: style)
            buffer.put("mean|g|", in: cells.mean, style: style, alignment: .right)
        }
    }

    private func drawRow(
        _ index: Int, into buffer: inout ScreenBuffer, rect: Rect, columns: Columns, scale: GradientBars?
    ) {
        let row = branches.original.layers[index]
        let selected = index == branches.original.selectedLayer
        let base = selected ? theme.selection : theme.normal
        if selected { buffer.fill(rect, style: base) }
        func look(_ style: CellStyle?) -> CellStyle {
            var look = style ?? base
            if selected {
                look.background = base.background
                look.reverse = look.reverse || base.reverse
            }
            return look
        }
        buffer.put(
            selected ? String(Character(theme.glyphs.pointer)) : " ",
            in: Rect(x: rect.x, y: rect.y, width: 1, height: 1),
            style: look(nil))
        buffer.put(
            row.summary.name, in: Rect(x: rect.x + 1, y: rect.y, width: columns.name, height: 1), style: look(nil))
        for (branch, state) in [branches.original, branches.twin].enumerated() {
            let x = columns.separator(branch, rect)
            if x < rect.maxX {
                buffer.put(
                    theme.glyphs.isUnicode ? "│" : "|", in: Rect(x: x, y: rect.y, width: 1, height: 1),
                    style: look(theme.border))
            }
            guard state.layers.indices.contains(index), state.layers[index].hasWeights else {
                buffer.put("-", in: columns.cells(branch, rect).mark, style: look(theme.muted))
                continue
            }
            let layer = state.layers[index]
            let cells = columns.cells(branch, rect)
            let trains = layer.summary.trainable
            buffer.put(trains ? "train" : "frozen", in: cells.mark, style: look(trains ? theme.good : theme.frozen))
            if let scale {
                buffer.put(
                    scale.bar(layer.meanAbsGradient, width: cells.bar.width, glyphs: theme.glyphs), in: cells.bar,
                    style: look(trains ? theme.series(branch) : theme.frozen))
            }
            buffer.put(
                layer.meanAbsGradient.map { Format.scientific($0) } ?? "-", in: cells.mean, style: look(nil),
                alignment: .right)
        }
    }
}
