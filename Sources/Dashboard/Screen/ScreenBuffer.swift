import Training

/// An in-memory grid of styled cells that widgets draw into.
///
/// The dashboard renders a whole frame into a buffer; a terminal backend compares it with the
/// previous frame and sends only the cells that changed. A column is always one cell: a wide
/// character (CJK, most emoji) sits in the cell of its left half, and the cell of its right half
/// is marked as its continuation, which the terminal skips. A combining mark takes no column: it
/// is kept in the cell of the character it sits on, and reaches the terminal with it.
public struct ScreenBuffer: Equatable, Sendable {
    /// One character cell.
    public struct Cell: Equatable, Sendable {
        public var scalar: Unicode.Scalar
        /// Combining marks drawn on `scalar` (Thai vowels and tone marks, accents).
        public var marks = CombiningMarks()
        public var style: CellStyle
        /// The right half of the wide character in the cell to the left.
        public var isContinuation: Bool

        public init(_ scalar: Unicode.Scalar = " ", style: CellStyle = .plain) {
            self.scalar = scalar
            self.style = style
            isContinuation = false
        }

        /// The right half of a wide character drawn in `style`.
        public static func continuation(style: CellStyle) -> Cell {
            var cell = Cell(" ", style: style)
            cell.isContinuation = true
            return cell
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

    /// What the terminal shows for the cell at column `x`, row `y`: nil for the right half of a
    /// wide character (nothing to write), a blank for half of a wide character whose other half
    /// was drawn over, the cell's scalar otherwise.
    public func shownScalar(x: Int, y: Int) -> Unicode.Scalar? {
        let cell = self[x, y]
        if cell.isContinuation {
            let head = self[x - 1, y]
            return x > 0 && !head.isContinuation && head.scalar.displayWidth == 2 ? nil : " "
        }
        if cell.scalar.displayWidth == 2, !self[x + 1, y].isContinuation { return " " }
        return cell.scalar
    }

    /// The combining marks the terminal draws with the cell at column `x`, row `y`: none when
    /// the cell shows a blank in place of its character.
    public func shownMarks(x: Int, y: Int) -> [Unicode.Scalar] {
        let cell = self[x, y]
        guard !cell.marks.isEmpty, !cell.isContinuation, shownScalar(x: x, y: y) == cell.scalar else { return [] }
        return cell.marks.scalars
    }

    /// Row `y` as plain text with trailing blanks removed (a wide character appears once, a
    /// combining mark after its base).
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = String.UnicodeScalarView()
        for x in 0..<width {
            if let scalar = shownScalar(x: x, y: y) { text.append(scalar) }
            text.append(contentsOf: shownMarks(x: x, y: y))
        }
        var line = String(text)
        while line.last == " " { line.removeLast() }
        return line
    }

    /// The screen as plain text, one line per row, for snapshots and debugging.
    public var plainText: String {
        (0..<height).map(line).joined(separator: "\n") + "\n"
    }
}
