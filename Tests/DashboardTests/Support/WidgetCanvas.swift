@testable import Dashboard

/// Renders one widget into a small buffer of its own, for tests that compare the lines it draws
/// (as ratatui's widget tests do) or look at the styles of single cells.
struct WidgetCanvas {
    var buffer: ScreenBuffer

    init(width: Int, height: Int, draw: (inout ScreenBuffer, Rect) -> Void) {
        buffer = ScreenBuffer(width: width, height: height)
        draw(&buffer, buffer.bounds)
    }

    /// Every row, trailing blanks removed.
    var lines: [String] { (0..<buffer.height).map(buffer.line) }

    /// The style of the first cell of row `y` whose text starts with `text`, if any.
    func style(of text: String, row y: Int) -> CellStyle? {
        let line = buffer.line(y)
        guard let range = line.range(of: text) else { return nil }
        let column = line.unicodeScalars.distance(
            from: line.unicodeScalars.startIndex, to: range.lowerBound.samePosition(in: line.unicodeScalars)!)
        return buffer[column, y].style
    }

    static let ascii = Theme(palette: .monochrome, unicode: false)
    static let color8 = Theme(palette: .ansi8, unicode: true)
    static let color256 = Theme(palette: .ansi256, unicode: true)
}
