/// Block-character charts: multi-row column charts and one-row sparklines.
enum Sparkline {
    /// Draws `columns` (one value per cell column, nil for none) as bars growing up from the
    /// bottom of `rect`, scaled so that `range` fills the height.
    static func bars(
        _ columns: [Float?], range: ClosedRange<Float>, into buffer: inout ScreenBuffer, rect: Rect,
        glyphs: Glyphs, style: CellStyle
    ) {
        guard !rect.isEmpty else { return }
        let steps = glyphs.levels.count - 1
        let eighthsTotal = rect.height * steps
        for (offset, value) in columns.prefix(rect.width).enumerated() {
            guard let value, value.isFinite else { continue }
            let fraction = normalized(value, range)
            // At least one step, so the lowest value still shows as data.
            var eighths = max(1, Int((fraction * Float(eighthsTotal)).rounded()))
            var y = rect.maxY - 1
            while eighths > 0, y >= rect.y {
                let level = min(eighths, steps)
                buffer[rect.x + offset, y] = ScreenBuffer.Cell(glyphs.levels[level], style: style)
                eighths -= level
                y -= 1
            }
        }
    }

    /// Draws `columns` as a line: only the top cell of each bar, so several series can share a
    /// chart and each keeps the bars' eight levels per row.
    static func tops(
        _ columns: [Float?], range: ClosedRange<Float>, into buffer: inout ScreenBuffer, rect: Rect,
        glyphs: Glyphs, style: CellStyle
    ) {
        guard !rect.isEmpty else { return }
        let steps = glyphs.levels.count - 1
        for (offset, value) in columns.prefix(rect.width).enumerated() {
            guard let value, value.isFinite else { continue }
            let eighths = max(1, Int((normalized(value, range) * Float(rect.height * steps)).rounded()))
            let fromBottom = min(rect.height - 1, (eighths - 1) / steps)
            let level = eighths - fromBottom * steps
            buffer[rect.x + offset, rect.maxY - 1 - fromBottom] = ScreenBuffer.Cell(
                glyphs.levels[min(level, steps)], style: style)
        }
    }

    /// Shades the cells between `lower` and `upper` in each column (a min-max band).
    static func band(
        lower: [Float?], upper: [Float?], range: ClosedRange<Float>, into buffer: inout ScreenBuffer, rect: Rect,
        glyph: Unicode.Scalar, style: CellStyle
    ) {
        guard !rect.isEmpty else { return }
        for offset in 0..<min(rect.width, lower.count, upper.count) {
            guard let low = lower[offset], let high = upper[offset], low.isFinite, high.isFinite else { continue }
            let top = row(of: high, range: range, rect: rect)
            let bottom = row(of: low, range: range, rect: rect)
            for y in top...max(top, bottom) { buffer[rect.x + offset, y] = ScreenBuffer.Cell(glyph, style: style) }
        }
    }

    /// The row of `rect` where `value` sits on a chart drawn with `bars`.
    static func row(of value: Float, range: ClosedRange<Float>, rect: Rect) -> Int {
        let fraction = normalized(value, range)
        let fromBottom = min(rect.height - 1, max(0, Int(fraction * Float(rect.height) - 0.0001)))
        return rect.maxY - 1 - fromBottom
    }

    /// One row of level glyphs, one per value, scaled to `range`.
    static func line(_ values: [Float], range: ClosedRange<Float>, glyphs: Glyphs) -> String {
        let steps = glyphs.levels.count - 1
        var view = String.UnicodeScalarView()
        for value in values {
            let level = value.isFinite ? max(1, Int((normalized(value, range) * Float(steps)).rounded())) : 0
            view.append(glyphs.levels[level])
        }
        return String(view)
    }

    /// The smallest and largest finite value, widened so that a flat series still has height.
    static func range(of values: [Float]) -> ClosedRange<Float>? {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return nil }
        if high - low < max(abs(high), 1e-6) * 1e-3 {
            let pad = max(abs(high) * 0.05, 1e-6)
            low = max(low - pad, -.greatestFiniteMagnitude)
            high = min(high + pad, .greatestFiniteMagnitude)
        }
        return low...high
    }

    /// Where `value` sits in `range`, 0...1; in double precision, so that a range as wide as
    /// Float allows (a log may hold ±3.4e38) still has a finite span.
    private static func normalized(_ value: Float, _ range: ClosedRange<Float>) -> Float {
        let span = Double(range.upperBound) - Double(range.lowerBound)
        let fraction = (Double(value) - Double(range.lowerBound)) / span
        guard span > 0, fraction.isFinite else { return 0.5 }
        return Float(min(max(fraction, 0), 1))
    }
}
