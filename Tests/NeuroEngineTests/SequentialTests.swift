import Testing

@testable import NeuroEngine

/// Conv 3x3x10 'same' without bias, BatchNorm over channels, ReLU: the article's "Conv" block.
private func convBlock() -> [any Layer] {
    [
        Conv2D(filters: 10, kernelSize: 3, padding: .same, useBias: false), BatchNormalization(axis: 1),
        ActivationLayer(.relu),
    ]
}

@Test func convFlatModelHasTheArticlesParameterCount() throws {
    var rng = SeededRandom(seed: 1)
    let model = try Sequential(
        inputShape: [1, 28, 28], layers: convBlock() + [Flatten(), Dense(units: 10, activation: .softmax)], rng: &rng)
    let counts = model.parameterCounts
    #expect(counts.total == 78_540)
    #expect(counts.nonTrainable == 20)
    #expect(counts.trainable == 78_520)
    #expect(model.summary.map(\.parameterCount) == [90, 40, 0, 0, 78_410])
    #expect(model.summary.map(\.kind) == ["Conv2D", "BatchNormalization", "Activation", "Flatten", "Dense"])
}

@Test func convPoolConvModelHasTheArticlesParameterCount() throws {
    var rng = SeededRandom(seed: 1)
    let model = try Sequential(
        inputShape: [1, 28, 28],
        layers: convBlock() + [MaxPooling2D(poolSize: 2)] + convBlock()
            + [Flatten(), Dense(units: 10, activation: .softmax)], rng: &rng)
    #expect(model.parameterCounts.total == 20_680)
    #expect(model.parameterCounts.nonTrainable == 40)
    #expect(
        model.layers.map(\.name) == [
            "conv2d", "batch_normalization", "activation", "max_pooling2d", "conv2d_1", "batch_normalization_1",
            "activation_1", "flatten", "dense",
        ])
    #expect(model.layers[7].outputShape == [1960])
}

/// A small step: max pooling makes the loss piecewise smooth, and 1e-2 crosses a switch here.
@Test func smallConvModelGradientsMatchFiniteDifferencesThroughTheModel() throws {
    var rng = SeededRandom(seed: 2)
    let model = try Sequential(
        inputShape: [1, 6, 6],
        layers: [
            Conv2D(filters: 2, kernelSize: 3, padding: .same), BatchNormalization(axis: 1),
            ActivationLayer(.tanh), MaxPooling2D(), Conv2D(filters: 2, kernelSize: 2, useBias: false),
            Flatten(), Dense(units: 3, activation: .softmax),
        ], rng: &rng)
    let target = Tensor(shape: [4, 3])
    for r in 0..<4 { target[r * 3 + r % 3] = 1 }
    let report = GradientCheck.check(
        model, input: randomTensor([4, 1, 6, 6], seed: 3), target: target, loss: .categoricalCrossentropy,
        step: 1e-3)
    #expect(report.passed, "\(report)")
}

@Test func frozenDenseStaysBitIdenticalThroughTraining() throws {
    var rng = SeededRandom(seed: 4)
    let frozen = Dense(units: 8, activation: .tanh, trainable: false)
    let model = try Sequential(
        inputShape: [6], layers: [frozen, Dense(units: 8, activation: .tanh), Dense(units: 3, activation: .softmax)],
        rng: &rng)
    let before = frozen.parameters.map(\.value.array)
    let other = model.layers[1].parameters.map(\.value.array)
    let input = randomTensor([5, 6], seed: 5)
    let target = Tensor(shape: [5, 3])
    for r in 0..<5 { target[r * 3 + r % 3] = 1 }
    let adam = Adam()
    var losses: [Float] = []
    for _ in 0..<5 {
        losses.append(model.computeGradients(input: input, target: target, loss: .categoricalCrossentropy).loss)
        _ = adam.step(model.trainableParameters, measureUpdateRatio: false)
    }
    #expect(frozen.parameters.map(\.value.array) == before)
    #expect(model.layers[1].parameters.map(\.value.array) != other)
    #expect(losses.last! < losses.first!)
    #expect(model.parameterCounts.nonTrainable == 56)
}

/// Images 8x8 with a bar: class 0 horizontal, 1 vertical, 2 diagonal, at random places.
private func bars(count: Int, seed: UInt64) -> (images: Tensor, labels: Tensor) {
    var rng = SeededRandom(seed: seed)
    let images = Tensor(shape: [count, 1, 8, 8])
    let labels = Tensor(shape: [count, 3])
    for n in 0..<count {
        let label = n % 3
        let offset = Int(rng.next() % 6) + 1
        for i in 1..<7 {
            let (y, x) = label == 0 ? (offset, i) : label == 1 ? (i, offset) : (i, i)
            images[n * 64 + y * 8 + x] = 1
        }
        for p in 0..<64 { images[n * 64 + p] += rng.uniform(0, 0.2) }
        labels[n * 3 + label] = 1
    }
    return (images, labels)
}

@Test func smallConvNetLearnsToTellBarsApart() throws {
    var rng = SeededRandom(seed: 7)
    let model = try Sequential(
        inputShape: [1, 8, 8],
        layers: [
            Conv2D(filters: 4, kernelSize: 3, padding: .same, useBias: false), BatchNormalization(axis: 1),
            ActivationLayer(.relu), MaxPooling2D(), Dropout(rate: 0.1), Flatten(),
            Dense(units: 3, activation: .softmax),
        ], rng: &rng)
    let train = bars(count: 48, seed: 8)
    let test = bars(count: 30, seed: 9)
    let adam = Adam(learningRate: 0.01)
    for _ in 0..<60 {
        model.computeGradients(input: train.images, target: train.labels, loss: .categoricalCrossentropy)
        _ = adam.step(model.trainableParameters, measureUpdateRatio: false)
    }
    let prediction = model.forward(test.images, mode: .inference)
    let correct = correctPredictions(prediction: prediction, target: test.labels)
    #expect(correct >= 28, "\(correct) of 30 correct")
}

/// Numbering a repeated name never lands on a name another layer was given.
@Test func automaticNumberingSkipsNamesAlreadyGiven() throws {
    var rng = SeededRandom(seed: 1)
    let model = try Sequential(
        inputShape: [4],
        layers: [
            Dense(units: 3), Dense(units: 3), Dense(units: 3, name: "dense_1"), Dense(units: 2),
        ], rng: &rng)
    #expect(model.layers.map(\.name) == ["dense", "dense_2", "dense_1", "dense_3"])
}

/// A name the user gave is kept, and an unnamed layer of the same kind is numbered around it.
@Test func givenNamesAreKeptAndNumberingGoesAroundThem() throws {
    var rng = SeededRandom(seed: 1)
    let model = try Sequential(
        inputShape: [4], layers: [Dense(units: 3), Dense(units: 2, name: "dense")], givenNames: [1], rng: &rng)
    #expect(model.layers.map(\.name) == ["dense_1", "dense"])
}

/// Working memory: the input, every output and input gradient, and a convolution's columns.
@Test func workingBytesCountActivationsAndScratch() throws {
    var rng = SeededRandom(seed: 1)
    let dense = try Sequential(inputShape: [4], layers: [Dense(units: 3)], rng: &rng)
    #expect(dense.workingBytes(batch: 2) == (4 + 2 * 3) * 2 * 4)
    let conv = try Sequential(inputShape: [1, 5, 5], layers: [Conv2D(filters: 2, kernelSize: 3)], rng: &rng)
    let layer = try #require(conv.layers.first)
    #expect(layer.scratchValues >= 4 * (1 << 16))  // two workers' columns and their gradients
    #expect(conv.workingBytes(batch: 1) == (25 + 2 * 18 + layer.scratchValues) * 4)
    #expect(conv.workingBytes(batch: 10) == (10 * (25 + 2 * 18) + layer.scratchValues) * 4)
    #expect(dense.workingBytes(batch: Int.max / 2) == Int.max)
}
