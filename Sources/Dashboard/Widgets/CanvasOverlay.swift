/// The drawing `d` opens, over the middle of the screen: the 28x28 canvas (two pixel rows per
/// cell) with its cursor, and beside it what the model on screen makes of it, as one bar per
/// class (or, for an autoencoder, its reconstruction).
struct CanvasOverlay {
    let canvas: DigitCanvas
    let reading: CanvasReading?
    let theme: Theme

    private static let side = DigitCanvas.side
    private static let barWidth = 14

    func draw(into buffer: inout ScreenBuffer, bounds: Rect) {
        let side = Self.side
        let width = min(bounds.width, side + 2 + 2 + side + 2)
        let height = min(bounds.height, side / 2 + 4)
        let inner = buffer.overlay(bounds.centred(width: width, height: height), title: "draw a digit", theme: theme)
        drawImage(canvas.pixels, at: inner.x, y: inner.y, clip: inner, into: &buffer, cursor: true)
        let right = Rect(x: inner.x + side + 2, y: inner.y, width: inner.width - side - 2, height: side / 2)
        switch reading {
        case .probabilities(let values)?:
            drawBars(values, in: right, into: &buffer)
        case .reconstruction(let values)?:
            buffer.put("reconstruction", in: right.row(0), style: theme.muted)
            drawImage(values, at: right.x, y: right.y + 1, clip: right, into: &buffer, cursor: false)
        case .message(let text)?:
            buffer.put(text, in: right.row(0), style: theme.warning)
        case nil:
            buffer.put(canvas.isBlank ? "draw with space" : "", in: right.row(0), style: theme.muted)
        }
        let hint = "arrows move  space ink  x clear  d/esc close"
        buffer.put(hint, in: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1), style: theme.muted)
    }

    /// A 28x28 image (values 0...1) in 28 columns and 14 rows, a half block per pixel.
    private func drawImage(
        _ pixels: [Float], at x: Int, y: Int, clip: Rect, into buffer: inout ScreenBuffer, cursor: Bool
    ) {
        let side = Self.side
        guard pixels.count == side * side else { return }
        let unicode = theme.glyphs.isUnicode
        for row in 0..<(side / 2) where y + row < clip.maxY - (cursor ? 1 : 0) {
            for column in 0..<side where x + column < clip.maxX {
                let top = pixels[2 * row * side + column] >= 0.5
                let bottom = pixels[(2 * row + 1) * side + column] >= 0.5
                let glyph: String
                switch (top, bottom) {
                case (true, true): glyph = unicode ? "█" : "#"
                case (true, false): glyph = unicode ? "▀" : "'"
                case (false, true): glyph = unicode ? "▄" : "."
                case (false, false): glyph = unicode ? "·" : " "
                }
                var style = top || bottom ? theme.normal : theme.barTrack
                if cursor, canvas.cursorColumn == column, canvas.cursorRow / 2 == row {
                    style = theme.selection
                }
                _ = buffer.put(glyph, x: x + column, y: y + row, style: style)
            }
        }
    }

    /// One line per class: its digit, a bar as long as its probability and the percentage;
    /// the most probable class stands out.
    private func drawBars(_ values: [Float], in rect: Rect, into buffer: inout ScreenBuffer) {
        let best = values.indices.max { values[$0] < values[$1] }
        for (index, value) in values.enumerated() where index < rect.height {
            let probability = value.isFinite ? min(max(value, 0), 1) : 0
            let filled = Int((probability * Float(Self.barWidth)).rounded())
            let bar =
                String(repeating: Character(theme.glyphs.barFull), count: filled)
                + String(repeating: Character(theme.glyphs.barEmpty), count: Self.barWidth - filled)
            let percent = "\(Int((probability * 100).rounded()))%"
            let style = index == best ? theme.good.emphasized : theme.normal
            let line = "\(index) \(bar) \(percent)"
            buffer.put(line, in: rect.row(index), style: style)
        }
    }
}
