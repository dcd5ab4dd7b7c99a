import Testing

@testable import NeuroEngine

/// A Dense layer whose pre-activations all lie at least `margin` away from zero, so that a finite
/// difference never crosses ReLU's kink.
private func denseAwayFromKink(units: Int, inputs: Int, input: Tensor, margin: Float) throws -> Dense {
    for seed in UInt64(1)...200 {
        let probe = try built(Dense(units: units, activation: .linear), on: [inputs], seed: seed)
        let z = probe.forward(input, mode: .training)
        if z.array.allSatisfy({ abs($0) > margin }) {
            return try built(Dense(units: units, activation: .relu), on: [inputs], seed: seed)
        }
    }
    Issue.record("no seed kept the pre-activations away from zero")
    return try built(Dense(units: units, activation: .relu), on: [inputs])
}

@Test(arguments: [Activation.linear, .tanh, .sigmoid, .softmax], [true, false])
func denseGradientsMatchFiniteDifferences(activation: Activation, useBias: Bool) throws {
    let layer = try built(
        Dense(units: 4, activation: activation, useBias: useBias, biasInitializer: .uniform(low: -0.5, high: 0.5)),
        on: [5])
    let report = GradientCheck.check(layer, input: randomTensor([3, 5], seed: 2), mode: .training)
    #expect(report.passed, "\(report)")
    #expect(layer.parameters.count == (useBias ? 2 : 1))
}

@Test func reluDenseGradientsMatchFiniteDifferences() throws {
    let input = randomTensor([3, 5], seed: 3)
    let layer = try denseAwayFromKink(units: 4, inputs: 5, input: input, margin: 0.05)
    let report = GradientCheck.check(layer, input: input, mode: .training)
    #expect(report.passed, "\(report)")
    // Some units are off and some on, so the kink handling is exercised both ways.
    let y = layer.forward(input, mode: .training).array
    #expect(y.contains(0) && y.contains { $0 > 0 })
}

@Test func denseParameterCountIncludesBias() throws {
    let layer = try built(Dense(units: 100), on: [784])
    #expect(layer.parameterCount == 78_500)
}
