import Testing

@testable import NeuroEngine

@Test func flattenKeepsChannelFirstOrder() throws {
    let layer = try built(Flatten(), on: [2, 2, 3])
    #expect(layer.outputShape == [12])
    let input = randomTensor([3, 2, 2, 3], seed: 1)
    let y = layer.forward(input, mode: .training)
    #expect(y.shape == [3, 12])
    #expect(y.array == input.array)
    let gradient = randomTensor([3, 12], seed: 2)
    let dx = try #require(layer.backward(gradient, needsInputGradient: true))
    #expect(dx.shape == [3, 2, 2, 3] && dx.array == gradient.array)
}

@Test func flattenGradientsMatchFiniteDifferences() throws {
    let layer = try built(Flatten(), on: [2, 3, 2])
    let report = GradientCheck.check(layer, input: randomTensor([2, 2, 3, 2], seed: 3), mode: .training)
    #expect(report.passed, "\(report)")
}
