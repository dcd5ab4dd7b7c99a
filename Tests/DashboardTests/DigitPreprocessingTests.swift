import Testing

@testable import Dashboard

/// The drawing prepared as MNIST's digits are: ink fitted into 20x20, centred by mass in 28x28.
struct DigitPreprocessingTests {
    static let side = DigitPreprocessing.side

    static func image(_ inked: [(row: Int, column: Int)]) -> [Float] {
        var pixels = [Float](repeating: 0, count: side * side)
        for pixel in inked { pixels[pixel.row * side + pixel.column] = 1 }
        return pixels
    }

    /// The ink's bounding box: (top, bottom, left, right), inclusive.
    static func bounds(_ pixels: [Float]) -> (Int, Int, Int, Int) {
        let inked = pixels.indices.filter { pixels[$0] > 0 }
        let rows = inked.map { $0 / side }
        let columns = inked.map { $0 % side }
        return (rows.min() ?? -1, rows.max() ?? -1, columns.min() ?? -1, columns.max() ?? -1)
    }

    static func centreOfMass(_ pixels: [Float]) -> (row: Float, column: Float) {
        var mass: Float = 0
        var row: Float = 0
        var column: Float = 0
        for (index, value) in pixels.enumerated() {
            mass += value
            row += value * (Float(index / side) + 0.5)
            column += value * (Float(index % side) + 0.5)
        }
        return (row / mass, column / mass)
    }

    @Test func offCentreStrokeEndsUpCentredByMass() {
        // A short vertical stroke in the top-left corner.
        let stroke = Self.image((2...9).map { (row: $0, column: 3) })
        let output = DigitPreprocessing.mnist(stroke)
        let centre = Self.centreOfMass(output)
        #expect(abs(centre.row - 14) <= 0.5)
        #expect(abs(centre.column - 14) <= 0.5)
        #expect(output.allSatisfy { (0...1).contains($0) })
    }

    @Test func tallInkFitsTwentyRowsAndKeepsItsAspect() {
        // 8 rows by 4 columns: scaled by 2.5 to 20 rows by 10 columns.
        let block = Self.image((5...12).flatMap { row in (10...13).map { (row: row, column: $0) } })
        let (top, bottom, left, right) = Self.bounds(DigitPreprocessing.mnist(block))
        #expect(bottom - top + 1 == 20)
        #expect(right - left + 1 == 10)
    }

    @Test func wideInkFitsTwentyColumns() {
        // 3 rows by 24 columns: scaled down to 20 columns (and 2.5 rows, rounded to 3 or fewer).
        let bar = Self.image((1...3).flatMap { row in (2...25).map { (row: row, column: $0) } })
        let (top, bottom, left, right) = Self.bounds(DigitPreprocessing.mnist(bar))
        #expect(right - left + 1 == 20)
        #expect(bottom - top + 1 <= 3)
    }

    @Test func blankStaysBlank() {
        let output = DigitPreprocessing.mnist([Float](repeating: 0, count: Self.side * Self.side))
        #expect(output.count == Self.side * Self.side)
        #expect(output.allSatisfy { $0 == 0 })
    }
}
