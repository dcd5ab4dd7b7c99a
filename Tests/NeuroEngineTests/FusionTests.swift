import Testing

@testable import NeuroEngine

/// Conv-MP-Conv at toy size (no conv bias, BatchNorm over channels, ReLU), as in the CNN configs.
private func convLayers() -> [any Layer] {
    [
        Conv2D(filters: 3, kernelSize: 3, padding: .same, useBias: false), BatchNormalization(axis: 1),
        ActivationLayer(.relu), MaxPooling2D(), Conv2D(filters: 2, kernelSize: 3, padding: .same, useBias: false),
        BatchNormalization(axis: 1), ActivationLayer(.relu), Flatten(), Dense(units: 3, activation: .softmax),
    ]
}

/// Dense → BatchNorm over flat features → ReLU: the row-wise BatchNorm path.
private func flatLayers() -> [any Layer] {
    [
        Dense(units: 6, useBias: false), BatchNormalization(), ActivationLayer(.relu),
        Dense(units: 3, activation: .softmax),
    ]
}

private func oneHot(rows: Int, classes: Int) -> Tensor {
    let target = Tensor(shape: [rows, classes])
    for r in 0..<rows { target[r * classes + r % classes] = 1 }
    return target
}

/// Random values with every other sample exactly 0: a convolution or Dense without bias then
/// gives exact zeros, which inference-mode BatchNorm with its initial statistics maps to exactly
/// 0, the point where ReLU's gradient is a convention (0 here).
private func inputWithZeros(_ shape: [Int], seed: UInt64) -> Tensor {
    let input = randomTensor(shape, seed: seed)
    let perSample = input.count / shape[0]
    for sample in stride(from: 0, to: shape[0], by: 2) {
        (input.pointer + sample * perSample).update(repeating: 0, count: perSample)
    }
    return input
}

@Test func fusionPairsBatchNormWithTheReLUAfterItAndKeepsTheLayers() throws {
    var rng = SeededRandom(seed: 1)
    let fused = try Sequential(inputShape: [1, 8, 8], layers: convLayers(), rng: &rng)
    rng = SeededRandom(seed: 1)
    let plain = try Sequential(inputShape: [1, 8, 8], layers: convLayers(), fusing: false, rng: &rng)
    #expect(fused.fusedPairCount == 2)
    #expect(plain.fusedPairCount == 0)
    // The Flatten before the Dense hands its tensors on (the test below: the same results as its copy).
    #expect((fused.layers[7] as? Flatten)?.handsOnUnchanged == true)
    #expect((plain.layers[7] as? Flatten)?.handsOnUnchanged == false)
    // Replicas (the validation worker's model) fuse as their original does.
    #expect((try fused.replica().layers[7] as? Flatten)?.handsOnUnchanged == true)
    #expect(try fused.replica().fusedPairCount == 2)
    #expect((try plain.replica().layers[7] as? Flatten)?.handsOnUnchanged == false)
    #expect(try plain.replica().fusedPairCount == 0)
    #expect(fused.summary == plain.summary)
    #expect(fused.parameterCounts == plain.parameterCounts)
    // Only ReLU fuses: a tanh after BatchNorm stays a layer of its own.
    let tanh = try Sequential(
        inputShape: [4], layers: [BatchNormalization(), ActivationLayer(.tanh), BatchNormalization()], rng: &rng)
    #expect(tanh.fusedPairCount == 0)
}

/// The fused pair must compute exactly what the two layers compute one after the other: same
/// output, loss, parameter gradients and moving statistics, in both modes and on both BatchNorm
/// paths (channels-first planes and flat feature rows).
@Test(arguments: [Mode.training, Mode.inference], [true, false])
func fusedBatchNormReLUMatchesTheLayersRunOneByOne(mode: Mode, convolutional: Bool) throws {
    let shape = convolutional ? [1, 8, 8] : [10]
    let layers = convolutional ? convLayers : flatLayers
    var rng = SeededRandom(seed: 5)
    let fused = try Sequential(inputShape: shape, layers: layers(), rng: &rng)
    rng = SeededRandom(seed: 5)
    let plain = try Sequential(inputShape: shape, layers: layers(), fusing: false, rng: &rng)
    let input = inputWithZeros([6] + shape, seed: 6)
    let target = oneHot(rows: 6, classes: 3)
    if mode == .inference {
        // The pre-activations really include exact zeros, where ReLU's gradient is decided by convention.
        let lowered = plain.layers[0].forward(input, mode: mode)
        let normalized = plain.layers[1].forward(lowered, mode: mode)
        #expect(normalized.array.contains(0))
    }
    for _ in 0..<2 {
        let a = fused.computeGradients(input: input, target: target, loss: .categoricalCrossentropy, mode: mode)
        let b = plain.computeGradients(input: input, target: target, loss: .categoricalCrossentropy, mode: mode)
        #expect(a.loss == b.loss)
        #expect(a.output.array == b.output.array)
        for (x, y) in zip(fused.layers, plain.layers) {
            #expect(x.parameters.map(\.gradient.array) == y.parameters.map(\.gradient.array), "\(x.name)")
            #expect(x.parameters.map(\.value.array) == y.parameters.map(\.value.array), "\(x.name)")
        }
    }
}

/// Finite differences through a BatchNorm that rectifies its own output, input and parameter
/// gradients, with batch statistics and with the moving ones.
@Test(arguments: [Mode.training, Mode.inference])
func fusedBatchNormReLUGradientsMatchFiniteDifferences(mode: Mode) throws {
    let layer = try built(BatchNormalization(axis: 1), on: [2, 3, 3])
    layer.rectifiesOutput = true
    if let beta = layer.beta { for i in 0..<beta.value.count { beta.value[i] = 0.2 * Float(i) - 0.1 } }
    // A small step, so that few values cross ReLU's kink; derivatives below 0.03 are then compared
    // absolutely, as Float rounding of the 72 outputs is about 1e-4 of the difference quotient.
    let report = GradientCheck.check(
        layer, input: randomTensor([4, 2, 3, 3], seed: 31), mode: mode, step: 1e-3, floor: 3e-2)
    #expect(report.passed, "\(report)")
    // Rectified: nothing below zero comes out, and some values were cut.
    let output = layer.forward(randomTensor([4, 2, 3, 3], seed: 31), mode: mode).array
    #expect(output.allSatisfy { $0 >= 0 })
    #expect(output.contains(0))
}

/// The whole fused CNN against finite differences of its loss (a small step: max pooling and
/// ReLU make the loss piecewise smooth).
@Test func fusedConvModelGradientsMatchFiniteDifferences() throws {
    var rng = SeededRandom(seed: 7)
    let model = try Sequential(inputShape: [1, 8, 8], layers: convLayers(), rng: &rng)
    #expect(model.fusedPairCount == 2)
    let report = GradientCheck.check(
        model, input: randomTensor([4, 1, 8, 8], seed: 8), target: oneHot(rows: 4, classes: 3),
        loss: .categoricalCrossentropy, step: 1e-3)
    #expect(report.passed, "\(report)")
}
