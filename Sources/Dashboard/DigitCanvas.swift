/// The 28x28 drawing `d` opens: ink values 0...1 row by row, and the cursor the arrow keys move.
public struct DigitCanvas: Equatable, Sendable {
    public static let side = DigitPreprocessing.side

    public private(set) var pixels = [Float](repeating: 0, count: side * side)
    public private(set) var cursorRow = side / 2
    public private(set) var cursorColumn = side / 2

    public init() {}

    public var isBlank: Bool { !pixels.contains { $0 > 0 } }

    /// Moves the cursor, held inside the canvas.
    public mutating func move(rows: Int, columns: Int) {
        cursorRow = min(max(cursorRow + rows, 0), Self.side - 1)
        cursorColumn = min(max(cursorColumn + columns, 0), Self.side - 1)
    }

    /// Inks the cursor's pixel fully and its four neighbours half, as a pen stroke in MNIST is
    /// two or three pixels wide with soft edges.
    public mutating func paint() {
        ink(cursorRow, cursorColumn, 1)
        for (dy, dx) in [(-1, 0), (1, 0), (0, -1), (0, 1)] { ink(cursorRow + dy, cursorColumn + dx, 0.5) }
    }

    public mutating func clear() {
        pixels = [Float](repeating: 0, count: Self.side * Self.side)
    }

    /// The drawing as a model trained on MNIST expects it.
    public var modelInput: [Float] { DigitPreprocessing.mnist(pixels) }

    private mutating func ink(_ row: Int, _ column: Int, _ value: Float) {
        guard (0..<Self.side).contains(row), (0..<Self.side).contains(column) else { return }
        pixels[row * Self.side + column] = max(pixels[row * Self.side + column], value)
    }
}
