import Testing

@testable import NeuroEngine

@Test func reshapeTurnsPixelsIntoAnImage() throws {
    let layer = try built(Reshape(targetShape: [1, 28, 28]), on: [784])
    #expect(layer.outputShape == [1, 28, 28])
    #expect(try built(Reshape(targetShape: [-1, 4]), on: [2, 6]).outputShape == [3, 4])
    let input = randomTensor([2, 784], seed: 1)
    let y = layer.forward(input, mode: .training)
    #expect(y.shape == [2, 1, 28, 28] && y.array == input.array)
}

@Test func reshapeGradientsMatchFiniteDifferences() throws {
    let layer = try built(Reshape(targetShape: [3, -1]), on: [2, 3])
    let report = GradientCheck.check(layer, input: randomTensor([2, 2, 3], seed: 2), mode: .training)
    #expect(report.passed, "\(report)")
    #expect(
        try #require(layer.backward(randomTensor([2, 3, 2], seed: 3), needsInputGradient: true)).shape == [2, 2, 3])
}

@Test func reshapeRejectsMismatchedCounts() {
    var rng = SeededRandom(seed: 1)
    #expect(throws: ModelError.self) { try Reshape(targetShape: [5, 5]).build(inputShape: [24], rng: &rng) }
    #expect(throws: ModelError.self) { try Reshape(targetShape: [-1, 5]).build(inputShape: [24], rng: &rng) }
    #expect(throws: ModelError.self) { try Reshape(targetShape: [-1, -1]).build(inputShape: [24], rng: &rng) }
}
