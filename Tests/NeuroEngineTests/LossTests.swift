import Testing

@testable import NeuroEngine

/// A batch of probability rows (softmax of random logits) and one-hot targets.
private func probabilities(rows: Int, classes: Int, seed: UInt64) -> (prediction: Tensor, target: Tensor) {
    let prediction = randomTensor([rows, classes], seed: seed, low: -2, high: 2)
    Activation.softmax.apply(prediction.pointer, rows: rows, columns: classes)
    let target = Tensor(shape: [rows, classes])
    for r in 0..<rows { target[r * classes + (r * 7 + 3) % classes] = 1 }
    return (prediction, target)
}

@Test func crossEntropyGradientMatchesFiniteDifferences() {
    let (prediction, target) = probabilities(rows: 4, classes: 5, seed: 11)
    let report = GradientCheck.check(.categoricalCrossentropy, prediction: prediction, target: target)
    #expect(report.passed, "\(report)")
}

@Test func meanSquaredErrorGradientMatchesFiniteDifferences() {
    let prediction = randomTensor([4, 5], seed: 12)
    let target = randomTensor([4, 5], seed: 13)
    let report = GradientCheck.check(.meanSquaredError, prediction: prediction, target: target)
    #expect(report.passed, "\(report)")
}

@Test func fusedSoftmaxCrossEntropyGradientsMatchFiniteDifferences() throws {
    var rng = SeededRandom(seed: 14)
    let model = try Sequential(
        inputShape: [6],
        layers: [Dense(units: 5, activation: .tanh), Dense(units: 4, activation: .softmax)], rng: &rng)
    let (_, target) = probabilities(rows: 3, classes: 4, seed: 15)
    let report = GradientCheck.check(
        model, input: randomTensor([3, 6], seed: 16), target: target, loss: .categoricalCrossentropy)
    #expect(report.passed, "\(report)")
}

@Test func unfusedSoftmaxLayerCrossEntropyGradientsMatchFiniteDifferences() throws {
    var rng = SeededRandom(seed: 17)
    let model = try Sequential(
        inputShape: [6],
        layers: [Dense(units: 4), ActivationLayer(.softmax)], rng: &rng)
    let (_, target) = probabilities(rows: 3, classes: 4, seed: 18)
    let report = GradientCheck.check(
        model, input: randomTensor([3, 6], seed: 19), target: target, loss: .categoricalCrossentropy)
    #expect(report.passed, "\(report)")
}

@Test func meanSquaredErrorModelGradientsMatchFiniteDifferences() throws {
    var rng = SeededRandom(seed: 20)
    let model = try Sequential(
        inputShape: [6],
        layers: [Dense(units: 5, activation: .tanh), Dense(units: 6, activation: .sigmoid)], rng: &rng)
    let report = GradientCheck.check(
        model, input: randomTensor([3, 6], seed: 21), target: randomTensor([3, 6], seed: 22, low: 0, high: 1),
        loss: .meanSquaredError)
    #expect(report.passed, "\(report)")
}
