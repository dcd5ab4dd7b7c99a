import Testing

@testable import NeuroEngine

/// A built tied autoencoder `inputs -> units -> inputs` with weights large enough that both
/// ReLUs see positive and negative pre-activations.
private func tiedLayer(inputs: Int = 7, units: Int = 4, seed: UInt64 = 3) throws -> TiedAutoencoder {
    let layer = TiedAutoencoder(units: units, kernelInitializer: .uniform(low: -0.6, high: 0.6))
    var rng = SeededRandom(seed: seed)
    try layer.build(inputShape: [inputs], rng: &rng)
    return layer
}

@Test func tiedAutoencoderKeepsTheShapeAndHasOneMatrix() throws {
    let layer = try tiedLayer(inputs: 784, units: 100)
    #expect(layer.outputShape == [784])
    #expect(layer.parameters.count == 1)
    #expect(layer.parameterCount == 78_400)
    let output = layer.forward(Tensor(shape: [3, 784], repeating: 0.5), mode: .training)
    #expect(output.shape == [3, 784])
    #expect(output.array.allSatisfy { $0 >= 0 })
}

@Test func tiedAutoencoderDefaultInitialisationIsUniformFivePercent() throws {
    let layer = TiedAutoencoder(units: 100)
    var rng = SeededRandom(seed: 1)
    try layer.build(inputShape: [784], rng: &rng)
    let values = layer.parameters[0].value.array
    #expect(values.allSatisfy { $0 >= -0.05 && $0 <= 0.05 })
    #expect((values.max() ?? 0) > 0.049 && (values.min() ?? 0) < -0.049)
}

@Test func tiedAutoencoderComputesReLUOfTransposeTimesReLU() throws {
    let layer = try tiedLayer(inputs: 3, units: 2)
    let w = layer.parameters[0].value
    // W = [[1, -1], [2, 0.5], [0, 1]] (3 inputs x 2 units), x = [1, 1, 1]:
    // h = ReLU([3, 0.5]) = [3, 0.5]; output = ReLU(W · h) = [2.5, 6.25, 0.5].
    for (i, v) in [1, -1, 2, 0.5, 0, 1].enumerated() { w[i] = Float(v) }
    let output = layer.forward(Tensor(shape: [1, 3], values: [1, 1, 1]), mode: .inference)
    #expect(output.array == [2.5, 6.25, 0.5])
    // x = [-1, 0, 0]: h = ReLU([-1, 1]) = [0, 1]; output = ReLU([-1, 0.5, 1]) = [0, 0.5, 1].
    let second = layer.forward(Tensor(shape: [1, 3], values: [-1, 0, 0]), mode: .inference)
    #expect(second.array == [0, 0.5, 1])
}

@Test func tiedAutoencoderGradientsMatchFiniteDifferences() throws {
    let layer = try tiedLayer()
    let input = randomTensor([5, 7], seed: 11, low: 0, high: 1)
    // Perturbing an element of W moves both the encoder and the decoder, so the numeric
    // derivative is the full derivative of the tie. The step is small because two ReLUs put
    // kinks close to many points.
    let report = GradientCheck.check(layer, input: input, mode: .training, step: 1e-3)
    #expect(report.passed, "\(report)")
    #expect(report.checked == 5 * 7 + 7 * 4)
    #expect(layer.parameters[0].gradient.array.contains { abs($0) > 0.1 })
}

@Test func tiedAutoencoderTrainsThroughAModelGradientCheckWithMSE() throws {
    var rng = SeededRandom(seed: 8)
    let model = try Sequential(
        inputShape: [6],
        layers: [TiedAutoencoder(units: 3, kernelInitializer: .uniform(low: -0.7, high: 0.7))], rng: &rng)
    let input = randomTensor([4, 6], seed: 13, low: 0, high: 1)
    let report = GradientCheck.check(
        model, input: input, target: input, loss: .meanSquaredError, step: 1e-3, floor: 1e-3)
    #expect(report.passed, "\(report)")
}

@Test func tiedGradientIsTheSumOfEncoderAndDecoderGradients() throws {
    let inputs = 7
    let units = 4
    let batch = 5
    let layer = try tiedLayer(inputs: inputs, units: units)
    let w = layer.parameters[0].value
    // The same computation untied: a Dense encoder with kernel W and a Dense decoder with Wᵀ.
    var rng = SeededRandom(seed: 1)
    let encoder = Dense(units: units, activation: .relu, useBias: false)
    let decoder = Dense(units: inputs, activation: .relu, useBias: false)
    let untied = try Sequential(inputShape: [inputs], layers: [encoder, decoder], rng: &rng)
    let encoderKernel = try #require(encoder.kernel).value
    let decoderKernel = try #require(decoder.kernel).value
    encoderKernel.copy(from: w)
    for i in 0..<inputs { for u in 0..<units { decoderKernel[u * inputs + i] = w[i * units + u] } }

    let input = randomTensor([batch, inputs], seed: 21, low: 0, high: 1)
    let readout = randomTensor([batch, inputs], seed: 22, low: -1, high: 1)
    #expect(untied.forward(input, mode: .training).array == layer.forward(input, mode: .training).array)
    _ = untied.forward(input, mode: .training)
    let fromDecoder = try #require(decoder.backward(readout, needsInputGradient: true))
    let untiedInputGradient = try #require(encoder.backward(fromDecoder, needsInputGradient: true)).array
    _ = layer.forward(input, mode: .training)
    let tiedInputGradient = try #require(layer.backward(readout, needsInputGradient: true)).array

    let encoderShare = try #require(encoder.kernel).gradient
    let decoderShare = try #require(decoder.kernel).gradient
    let tied = layer.parameters[0].gradient
    var worst: Float = 0
    var decoderMagnitude: Float = 0
    for i in 0..<inputs {
        for u in 0..<units {
            let sum = encoderShare[i * units + u] + decoderShare[u * inputs + i]
            worst = max(worst, abs(tied[i * units + u] - sum))
            decoderMagnitude = max(decoderMagnitude, abs(decoderShare[u * inputs + i]))
        }
    }
    #expect(worst < 1e-5)
    #expect(decoderMagnitude > 0.1, "the decoder's share must be non-trivial for the test to mean anything")
    #expect(zip(tiedInputGradient, untiedInputGradient).allSatisfy { abs($0 - $1) < 1e-5 })
}

@Test func tiedAutoencoderLearnsToReconstructWithAdam() throws {
    // Eight one-hot-ish patterns through a code of 8 units: the loss must fall well below its
    // starting value.
    var rng = SeededRandom(seed: 5)
    let model = try Sequential(inputShape: [16], layers: [TiedAutoencoder(units: 8)], rng: &rng)
    let input = Tensor(shape: [8, 16])
    for r in 0..<8 {
        input[r * 16 + 2 * r] = 1
        input[r * 16 + 2 * r + 1] = 0.5
    }
    let optimizer = Adam(learningRate: 0.01)
    let first = model.computeGradients(input: input, target: input, loss: .meanSquaredError).loss
    var last = first
    for _ in 0..<400 {
        last = model.computeGradients(input: input, target: input, loss: .meanSquaredError).loss
        _ = optimizer.step(model.trainableParameters, measureUpdateRatio: false)
    }
    #expect(last < first * 0.2)
}

@Test func tiedAutoencoderCountsBothProductsInFLOPs() throws {
    var rng = SeededRandom(seed: 1)
    let model = try Sequential(inputShape: [784], layers: [TiedAutoencoder(units: 100)], rng: &rng)
    // Encoding and decoding are each 784·100 multiply-adds per sample.
    #expect(model.flopsPerSample.inference == 2 * 2 * 784 * 100)
    #expect(
        Set(model.trainingProducts(batch: 64)).isSuperset(of: [
            GEMMShape(m: 64, n: 100, k: 784), GEMMShape(m: 64, n: 784, k: 100),
        ]))
}

/// A kernel too large to allocate is refused at build time, as Dense's is.
@Test func tiedAutoencoderRefusesAKernelTooLarge() {
    var rng = SeededRandom(seed: 1)
    #expect(throws: ModelError.self) { try TiedAutoencoder(units: 1 << 20).build(inputShape: [784], rng: &rng) }
    #expect(throws: ModelError.self) { try TiedAutoencoder(units: 10).build(inputShape: [1, 28, 28], rng: &rng) }
}
