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
