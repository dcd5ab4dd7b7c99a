import Testing

@testable import NeuroEngine

@Test func dropoutWithAFixedMaskGradientsMatchFiniteDifferences() throws {
    let layer = try built(Dropout(rate: 0.4), on: [3, 4])
    let pattern = Tensor(shape: [2, 3, 4])
    for i in 0..<pattern.count { pattern[i] = i % 3 == 0 ? 0 : 1 }
    layer.fixedKeepPattern = pattern
    let input = randomTensor([2, 3, 4], seed: 2)
    let y = layer.forward(input, mode: .training)
    for i in 0..<y.count {
        #expect(abs(y[i] - (i % 3 == 0 ? 0 : input[i] / 0.6)) < 1e-6)
    }
    let report = GradientCheck.check(layer, input: input, mode: .training)
    #expect(report.passed, "\(report)")
}

@Test func dropoutIsTheIdentityInInference() throws {
    let layer = try built(Dropout(rate: 0.5), on: [10])
    let input = randomTensor([4, 10], seed: 3)
    #expect(layer.forward(input, mode: .inference).array == input.array)
    let gradient = randomTensor([4, 10], seed: 4)
    #expect(try #require(layer.backward(gradient, needsInputGradient: true)).array == gradient.array)
}

@Test func dropoutDropsAboutRateAndScalesTheRest() throws {
    let layer = try built(Dropout(rate: 0.3), on: [1000])
    let input = Tensor(shape: [10, 1000], repeating: 1)
    let y = layer.forward(input, mode: .training).array
    let dropped = y.filter { $0 == 0 }.count
    #expect(abs(Double(dropped) / 10_000 - 0.3) < 0.02)
    #expect(y.allSatisfy { $0 == 0 || abs($0 - 1 / 0.7) < 1e-6 })
    // The mean is preserved in expectation.
    #expect(abs(y.reduce(0, +) / 10_000 - 1) < 0.05)
}

@Test func dropoutMasksFollowTheModelSeed() throws {
    func masks(seed: UInt64) throws -> [[Float]] {
        let layer = try built(Dropout(rate: 0.5), on: [50], seed: seed)
        let input = Tensor(shape: [2, 50], repeating: 1)
        return (0..<2).map { _ in layer.forward(input, mode: .training).array }
    }
    let first = try masks(seed: 5)
    #expect(first == (try masks(seed: 5)))
    #expect(first != (try masks(seed: 6)))
    #expect(first[0] != first[1])
}

@Test func dropoutRejectsARateOfOne() {
    var rng = SeededRandom(seed: 1)
    #expect(throws: ModelError.self) { try Dropout(rate: 1).build(inputShape: [4], rng: &rng) }
    #expect(throws: ModelError.self) { try Dropout(rate: -0.1).build(inputShape: [4], rng: &rng) }
}
