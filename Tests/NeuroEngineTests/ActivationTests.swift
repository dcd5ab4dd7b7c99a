import Testing

@testable import NeuroEngine

@Test(arguments: Activation.allCases)
func activationLayerGradientsMatchFiniteDifferences(activation: Activation) throws {
    let layer = try built(ActivationLayer(activation), on: [6])
    let input = randomTensor([4, 6], seed: 5, low: -2, high: 2)
    // Keep ReLU's inputs off its kink by more than the step.
    for i in 0..<input.count where abs(input[i]) < 0.1 { input[i] += input[i] < 0 ? -0.1 : 0.1 }
    let report = GradientCheck.check(layer, input: input, mode: .training, step: 1e-2)
    #expect(report.passed, "\(report)")
}

@Test func softmaxRowsSumToOne() {
    let values = Tensor(shape: [2, 3], values: [1, 2, 3, -5, 0, 5])
    Activation.softmax.apply(values.pointer, rows: 2, columns: 3)
    #expect(abs(values.array[0..<3].reduce(0, +) - 1) < 1e-6)
    #expect(abs(values.array[3..<6].reduce(0, +) - 1) < 1e-6)
    #expect(values[2] > values[1] && values[1] > values[0])
}

@Test func reluLayerIsExactOutOfPlaceIncludingTheTail() throws {
    // 3·7 = 21 values: two vectors of eight and a scalar tail of five.
    let layer = try built(ActivationLayer(.relu), on: [7])
    let input = randomTensor([3, 7], seed: 8, low: -1, high: 1)
    input[20] = 0
    let before = input.array
    let y = layer.forward(input, mode: .training)
    #expect(y.shape == [3, 7])
    #expect(y.array == before.map { max($0, 0) })
    #expect(input.array == before, "the input is left alone")
    let gradient = randomTensor([3, 7], seed: 9)
    let dx = try #require(layer.backward(gradient, needsInputGradient: true))
    #expect(dx.array == zip(before, gradient.array).map { $0 > 0 ? $1 : 0 })
}
