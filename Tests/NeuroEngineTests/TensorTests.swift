import Testing

@testable import NeuroEngine

@Test func resizeKeepsCapacityAndReshapeKeepsValues() {
    let t = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
    t.reshape(to: [3, 2])
    #expect(t.shape == [3, 2])
    #expect(t.array == [1, 2, 3, 4, 5, 6])
    t.resize(to: [1, 2])
    #expect(t.count == 2 && t.rows == 1 && t.columns == 2)
}

/// A validation batch of 500 grows an activation eight times over a training batch of 64; once
/// training has needed much less for many resizes in a row, the room goes back, keeping the most
/// those resizes needed (the batch, not the 16-image preview between batches).
@Test func aLargeTensorShrinksToWhatItNeedsAfterManySmallResizes() {
    let sample = 10 * 28 * 28
    let t = Tensor(shape: [64, 10, 28, 28])
    t.resize(to: [500, 10, 28, 28])
    #expect(t.capacity == 500 * sample)
    for i in 0..<(Tensor.resizesBeforeShrinking - 1) { t.resize(to: [i.isMultiple(of: 2) ? 64 : 16, 10, 28, 28]) }
    #expect(t.capacity == 500 * sample)
    t.resize(to: [16, 10, 28, 28])
    #expect(t.capacity == 64 * sample)
    #expect(t.count == 16 * sample)
}

@Test func alternatingBatchAndPreviewSizesKeepTheSameStorage() {
    let t = Tensor(shape: [64, 10, 28, 28])
    let storage = t.pointer
    for i in 0..<(4 * Tensor.resizesBeforeShrinking) { t.resize(to: [i.isMultiple(of: 2) ? 64 : 16, 10, 28, 28]) }
    #expect(t.pointer == storage)
    #expect(t.capacity == 64 * 10 * 28 * 28)
}

@Test func smallTensorsKeepTheirRoom() {
    let t = Tensor(shape: [500, 10])
    for _ in 0..<(2 * Tensor.resizesBeforeShrinking) { t.resize(to: [1, 10]) }
    #expect(t.capacity == 5000)
}

@Test func shrinkingKeepsTheLeadingElements() {
    let t = Tensor(shape: [200_000])
    for i in 0..<t.count { t[i] = Float(i) }
    for _ in 0..<Tensor.resizesBeforeShrinking { t.resize(to: [1000]) }
    #expect(t.capacity == 1000)
    #expect(t.array == (0..<1000).map(Float.init))
}

@Test func copyTransposedTakesTheOtherIndexFirst() {
    // A 2x3 matrix becomes its 3x2 transpose, whatever the tensor held before.
    let source = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
    let target = Tensor(shape: [5], repeating: 9)
    target.copyTransposed(from: source.pointer, rows: 2, columns: 3)
    #expect(target.shape == [3, 2])
    #expect(target.array == [1, 4, 2, 5, 3, 6])
    // A 1960x10 kernel (a classifier's), element by element.
    let (rows, columns) = (1960, 10)
    let kernel = Tensor(shape: [rows, columns], values: (0..<(rows * columns)).map { Float($0) })
    target.copyTransposed(from: kernel.pointer, rows: rows, columns: columns)
    #expect(target.shape == [columns, rows])
    #expect((0..<rows).allSatisfy { r in (0..<columns).allSatisfy { c in target[c * rows + r] == kernel[r * columns + c] } })
}
