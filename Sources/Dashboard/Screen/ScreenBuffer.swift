/// An in-memory grid of styled cells that widgets draw into.
///
/// The dashboard renders a whole frame into a buffer; a terminal backend compares it with the
/// previous frame and sends only the cells that changed. Every cell holds one single-width
/// Unicode scalar, so a column is always one cell.
public struct ScreenBuffer: Equatable, Sendable {
    /// One character cell.
    public struct Cell: Equatable, Sendable {
        public var scalar: Unicode.Scalar
        public var style: CellStyle

        public init(_ scalar: Unicode.Scalar = " ", style: CellStyle = .plain) {
            self.scalar = scalar
            self.style = style
        }
    }

    public let width: Int
    public let height: Int
    public internal(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : Cell() }
        set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Blanks every cell.
    public mutating func clear() {
        for i in cells.indices { cells[i] = Cell() }
    }

    /// Row `y` as plain text with trailing blanks removed.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = String.UnicodeScalarView()
        for x in 0..<width { text.append(cells[y * width + x].scalar) }
        var line = String(text)
        while line.last == " " { line.removeLast() }
        return line
    }

    /// The screen as plain text, one line per row, for snapshots and debugging.
    public var plainText: String {
        (0..<height).map(line).joined(separator: "\n") + "\n"
    }
}
