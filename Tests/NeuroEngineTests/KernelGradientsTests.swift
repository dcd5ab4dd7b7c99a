import Testing

@testable import NeuroEngine

/// The gradient study: mean |dL/dW| per kernel, in inference mode, kernels only.

/// One-hot targets for `labels` over `classes`.
private func oneHot(_ labels: [Int], classes: Int) -> Tensor {
    let target = Tensor(shape: [labels.count, classes])
    for (row, label) in labels.enumerated() { target[row * classes + label] = 1 }
    return target
}

/// The mean over `kernel` of |central difference of `loss` in each weight|.
private func finiteDifferenceMeanAbs(_ kernel: Parameter, step: Float = 1e-2, loss: () -> Double) -> Double {
    var total = 0.0
    for i in 0..<kernel.value.count {
        let original = kernel.value[i]
        let up = original + step
        let down = original - step
        kernel.value[i] = up
        let above = loss()
        kernel.value[i] = down
        let below = loss()
        kernel.value[i] = original
        total += abs((above - below) / (Double(up) - Double(down)))
    }
    return total / Double(kernel.value.count)
}

@Test func kernelGradientOfASingleWeightIsTheHandFigure() throws {
    // One weight w, one input x, linear output, squared error against t: L = (w·x - t)², so
    // dL/dw = 2·x·(w·x - t). With w = 1 (ones), x = 3, t = 1: 2·3·2 = 12.
    var rng = SeededRandom(seed: 1)
    let model = try Sequential(
        inputShape: [1], layers: [Dense(units: 1, useBias: false, kernelInitializer: .ones)], rng: &rng)
    let rows = model.kernelGradients(
        input: Tensor(shape: [1, 1], values: [3]), target: Tensor(shape: [1, 1], values: [1]), loss: .meanSquaredError)
    #expect(
        rows == [
            KernelGradient(
                layerIndex: 0, layerName: "dense", layerKind: "Dense", kernelShape: [1, 1], meanAbsGradient: 12)
        ])
}

@Test func kernelGradientsMatchFiniteDifferencesOfTheInferenceLoss() throws {
    var rng = SeededRandom(seed: 4)
    let model = try Sequential(
        inputShape: [1, 6, 6],
        layers: [
            Conv2D(filters: 3, kernelSize: 3, padding: .same, useBias: false),
            BatchNormalization(axis: 1), ActivationLayer(.tanh), MaxPooling2D(poolSize: 2),
            Flatten(), Dropout(rate: 0.5), Dense(units: 5, activation: .tanh), Dense(units: 4, activation: .softmax),
        ],
        rng: &rng)
    // Moving statistics away from their initial 0 and 1, so that inference mode is visible.
    let norm = try #require(model.layers[1] as? BatchNormalization)
    for c in 0..<3 {
        norm.movingMean?.value[c] = 0.1 * Float(c + 1)
        norm.movingVariance?.value[c] = 0.5 + Float(c)
    }
    let input = randomTensor([3, 1, 6, 6], seed: 8, low: 0, high: 1)
    let target = oneHot([0, 3, 1], classes: 4)
    let rows = model.kernelGradients(input: input, target: target, loss: .categoricalCrossentropy)

    #expect(rows.map(\.layerName) == ["conv2d", "dense", "dense_1"])
    #expect(rows.map(\.layerKind) == ["Conv2D", "Dense", "Dense"])
    #expect(rows.map(\.kernelShape) == [[3, 3, 1, 3], [27, 5], [5, 4]])
    let kernels = [model.layers[0], model.layers[6], model.layers[7]].compactMap { $0.parameters.first }
    for (row, kernel) in zip(rows, kernels) {
        let numeric = finiteDifferenceMeanAbs(kernel) {
            Double(
                Loss.categoricalCrossentropy.value(prediction: model.forward(input, mode: .inference), target: target))
        }
        #expect(
            abs(Double(row.meanAbsGradient) - numeric) <= 5e-3 * max(numeric, 1e-3),
            "\(row.layerName): \(row.meanAbsGradient) vs \(numeric)")
    }
}

@Test func kernelGradientsUseInferenceModeAndLeaveTheModelAsItWas() throws {
    func model(dropout: Bool) throws -> Sequential {
        var rng = SeededRandom(seed: 6)
        var layers: [any Layer] = [Dense(units: 8), BatchNormalization(), ActivationLayer(.relu)]
        if dropout { layers.append(Dropout(rate: 0.5)) }
        layers.append(Dense(units: 3, activation: .softmax))
        return try Sequential(inputShape: [5], layers: layers, rng: &rng)
    }
    let input = randomTensor([4, 5], seed: 2)
    let target = oneHot([0, 1, 2, 1], classes: 3)
    let withDropout = try model(dropout: true)
    let without = try model(dropout: false)
    // Building Dropout draws its generator from the model's, so copy the weights across.
    let weighted = { (model: Sequential) in model.layers.filter { !$0.parameters.isEmpty } }
    for (source, copy) in zip(weighted(withDropout), weighted(without)) {
        for (a, b) in zip(source.parameters, copy.parameters) { b.value.copy(from: a.value) }
    }
    let weightsBefore = withDropout.layers.map { $0.parameters.map(\.value.array) }

    let rows = withDropout.kernelGradients(input: input, target: target, loss: .categoricalCrossentropy)
    // Dropout is the identity in inference mode: the same figures as the model without it, and
    // the same again on a second call (no random mask).
    #expect(
        rows.map(\.meanAbsGradient)
            == without.kernelGradients(input: input, target: target, loss: .categoricalCrossentropy).map(
                \.meanAbsGradient))
    #expect(rows == withDropout.kernelGradients(input: input, target: target, loss: .categoricalCrossentropy))
    // BatchNorm used (and kept) its moving statistics: a training-mode pass would have moved them.
    #expect(withDropout.layers.map { $0.parameters.map(\.value.array) } == weightsBefore)
    let norm = try #require(withDropout.layers[1] as? BatchNormalization)
    #expect(norm.movingMean?.value.array == Array(repeating: 0, count: 8))
    #expect(norm.movingVariance?.value.array == Array(repeating: 1, count: 8))

    // The training-mode gradient (batch statistics) is a different figure.
    without.computeGradients(input: input, target: target, loss: .categoricalCrossentropy, mode: .training)
    let trainingFigure = without.gradientStatistics().first { $0.layerName == "dense" }?.meanAbsGradient
    #expect(trainingFigure != rows.first?.meanAbsGradient)
}

@Test func kernelGradientsLeaveOutBiasesAndBatchNormButKeepFrozenLayers() throws {
    var rng = SeededRandom(seed: 3)
    let model = try Sequential(
        inputShape: [6],
        layers: [
            Dense(units: 4, activation: .tanh, trainable: false), BatchNormalization(),
            Dense(units: 4, activation: .tanh, useBias: true), Dense(units: 2, activation: .softmax),
        ],
        rng: &rng)
    let rows = model.kernelGradients(
        input: randomTensor([2, 6], seed: 5), target: oneHot([0, 1], classes: 2), loss: .categoricalCrossentropy)
    // Three kernels; no bias, gamma, beta or moving statistic row. The frozen lowest layer is
    // measured too, which training alone would not compute.
    #expect(rows.map(\.layerIndex) == [0, 2, 3])
    #expect(rows.map(\.kernelShape) == [[6, 4], [4, 4], [4, 2]])
    #expect(rows.allSatisfy { $0.meanAbsGradient > 0 && $0.meanAbsGradient.isFinite })
    let statistics = model.gradientStatistics()
    #expect(statistics.count == 8, "kernel and bias of each Dense, gamma and beta")
    let kernelFigures = statistics.filter(\.isKernel).map(\.meanAbsGradient)
    #expect(rows.map(\.meanAbsGradient) == kernelFigures)
}
