import Testing

@testable import NeuroEngine

/// Gives gamma and beta values away from their 1 / 0 start so that they matter in a check.
private func perturbAffine(_ layer: BatchNormalization, seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    if let gamma = layer.gamma { for i in 0..<gamma.value.count { gamma.value[i] = rng.uniform(0.5, 1.5) } }
    if let beta = layer.beta { for i in 0..<beta.value.count { beta.value[i] = rng.uniform(-0.5, 0.5) } }
}

/// Gives the moving statistics values that differ from any batch's.
private func perturbMovingStatistics(_ layer: BatchNormalization, seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    guard let mean = layer.movingMean, let variance = layer.movingVariance else { return }
    for i in 0..<mean.value.count {
        mean.value[i] = rng.uniform(-0.5, 0.5)
        variance.value[i] = rng.uniform(0.3, 2)
    }
}

@Test func batchNormTrainingGradientsMatchOnFlatFeatures() throws {
    let layer = try built(BatchNormalization(), on: [4])
    perturbAffine(layer, seed: 1)
    let report = GradientCheck.check(layer, input: randomTensor([5, 4], seed: 2, low: -2, high: 3), mode: .training)
    #expect(report.passed, "\(report)")
}

/// The last axis of an image-shaped input (channels last): features innermost, several rows per sample.
@Test func batchNormTrainingGradientsMatchOnTheLastAxisOfImages() throws {
    let layer = try built(BatchNormalization(), on: [3, 2, 4])
    perturbAffine(layer, seed: 11)
    let report = GradientCheck.check(
        layer, input: randomTensor([2, 3, 2, 4], seed: 12, low: -1, high: 2), mode: .training)
    #expect(report.passed, "\(report)")
}

@Test func batchNormTrainingGradientsMatchPerChannel() throws {
    let layer = try built(BatchNormalization(axis: 1), on: [3, 4, 4])
    perturbAffine(layer, seed: 3)
    let report = GradientCheck.check(layer, input: randomTensor([2, 3, 4, 4], seed: 4), mode: .training)
    #expect(report.passed, "\(report)")
}

@Test func batchNormTrainingGradientsMatchOnAMiddleAxis() throws {
    // axis 2 of [batch, 2, 3, 4]: statistics per index of the middle axis, over batch, 2 and 4.
    let layer = try built(BatchNormalization(axis: 2), on: [2, 3, 4])
    perturbAffine(layer, seed: 5)
    #expect(layer.parameterCount == 12)
    let report = GradientCheck.check(layer, input: randomTensor([2, 2, 3, 4], seed: 6), mode: .training)
    #expect(report.passed, "\(report)")
}

@Test(arguments: [[4], [3, 4, 4]])
func batchNormInferenceGradientsMatch(shape: [Int]) throws {
    let layer = try built(BatchNormalization(axis: 1), on: shape)
    perturbAffine(layer, seed: 7)
    perturbMovingStatistics(layer, seed: 8)
    let report = GradientCheck.check(layer, input: randomTensor([2] + shape, seed: 9), mode: .inference)
    #expect(report.passed, "\(report)")
}

@Test func batchNormWithoutCenterAndScaleGradientsMatch() throws {
    let layer = try built(BatchNormalization(axis: 1, center: false, scale: false), on: [2, 3, 3])
    #expect(layer.parameters.map(\.name) == ["moving_mean", "moving_variance"])
    let report = GradientCheck.check(layer, input: randomTensor([3, 2, 3, 3], seed: 10), mode: .training)
    #expect(report.passed, "\(report)")
}

@Test func batchNormNormalisesEachChannelInTraining() throws {
    let layer = try built(BatchNormalization(axis: 1, epsilon: 1e-6), on: [2, 3, 3])
    let y = layer.forward(randomTensor([4, 2, 3, 3], seed: 11, low: 5, high: 9), mode: .training)
    for c in 0..<2 {
        var values: [Double] = []
        for n in 0..<4 { for p in 0..<9 { values.append(Double(y[(n * 2 + c) * 9 + p])) } }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        #expect(abs(mean) < 1e-5)
        #expect(abs(variance - 1) < 1e-3)
    }
}

@Test func batchNormKeepsTheVarianceOfALargeMeanAccurate() throws {
    // Values 1000 ± 0.01: a one-pass Σx² - (Σx)²/n in Float would lose the variance entirely.
    let layer = try built(BatchNormalization(axis: 1, epsilon: 1e-9), on: [2, 5, 5])
    let input = randomTensor([6, 2, 5, 5], seed: 13, low: -0.01, high: 0.01)
    for i in 0..<input.count { input[i] += 1000 }
    let y = layer.forward(input, mode: .training)
    for c in 0..<2 {
        var values: [Double] = []
        for n in 0..<6 { for p in 0..<25 { values.append(Double(y[(n * 2 + c) * 25 + p])) } }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        #expect(abs(mean) < 1e-2)
        #expect(abs(variance - 1) < 1e-2)
    }
}

@Test func batchNormMovesItsStatisticsAsKerasDoes() throws {
    let layer = try built(BatchNormalization(momentum: 0.9), on: [2])
    // Feature 0 sees 1, 2, 3, 6: mean 3, biased variance (4 + 1 + 0 + 9) / 4 = 3.5.
    // Feature 1 sees 0, 0, 4, 4: mean 2, biased variance 4.
    let input = Tensor(shape: [4, 2], values: [1, 0, 2, 0, 3, 4, 6, 4])
    _ = layer.forward(input, mode: .training)
    let mean = try #require(layer.movingMean).value.array
    let variance = try #require(layer.movingVariance).value.array
    #expect(abs(mean[0] - 0.3) < 1e-6 && abs(mean[1] - 0.2) < 1e-6)  // 0·0.9 + m·0.1
    #expect(abs(variance[0] - 1.25) < 1e-6 && abs(variance[1] - 1.3) < 1e-6)  // 1·0.9 + v·0.1
    _ = layer.forward(input, mode: .training)
    #expect(abs(try #require(layer.movingMean).value[0] - (0.3 * 0.9 + 0.3)) < 1e-6)
    // Inference neither uses nor moves the batch statistics.
    let before = try #require(layer.movingVariance).value.array
    let y = layer.forward(input, mode: .inference)
    #expect(try #require(layer.movingVariance).value.array == before)
    let expected = (1 - 0.57) / (Float(before[0]) + 1e-3).squareRoot()
    #expect(abs(y[0] - expected) < 1e-5)
}

@Test func frozenBatchNormUsesMovingStatisticsAndStaysBitIdentical() throws {
    var rng = SeededRandom(seed: 12)
    let norm = BatchNormalization(axis: 1)
    let model = try Sequential(
        inputShape: [2, 4, 4],
        layers: [
            Conv2D(filters: 3, kernelSize: 3, padding: .same), norm, ActivationLayer(.relu), Flatten(),
            Dense(units: 3, activation: .softmax),
        ], rng: &rng)
    perturbAffine(norm, seed: 13)
    perturbMovingStatistics(norm, seed: 14)
    norm.trainable = false
    #expect(model.parameterCounts.nonTrainable == 12)
    let before = norm.parameters.map(\.value.array)
    let input = randomTensor([5, 2, 4, 4], seed: 15)
    let target = Tensor(shape: [5, 3])
    for r in 0..<5 { target[r * 3 + r % 3] = 1 }

    // Frozen, training mode gives exactly what inference mode gives.
    let conv = model.layers[0].forward(input, mode: .inference).clone()
    let inference = norm.forward(conv, mode: .inference).array
    #expect(norm.forward(conv, mode: .training).array == inference)

    let adam = Adam()
    for _ in 0..<3 {
        model.computeGradients(input: input, target: target, loss: .categoricalCrossentropy)
        _ = adam.step(model.trainableParameters, measureUpdateRatio: false)
    }
    #expect(norm.parameters.map(\.value.array) == before)
    #expect(!model.trainableParameters.contains { $0 === norm.gamma || $0 === norm.beta })
    // The layers below still learned through the frozen one.
    #expect(model.trainableParameters.count == 4)
}

@Test func batchNormRejectsTheBatchAxis() {
    var rng = SeededRandom(seed: 1)
    #expect(throws: ModelError.self) { try BatchNormalization(axis: 0).build(inputShape: [3, 4, 4], rng: &rng) }
    #expect(throws: ModelError.self) { try BatchNormalization(axis: 4).build(inputShape: [3, 4, 4], rng: &rng) }
    #expect(throws: ModelError.self) { try BatchNormalization(axis: -4).build(inputShape: [3, 4, 4], rng: &rng) }
}

/// Features innermost (`[rows, features]`) take a row-wise path; features in the middle
/// (`[features, positions]`) the general one. The same numbers laid out both ways must give the
/// same output, statistics and gradients.
@Test(arguments: [Mode.training, Mode.inference])
func batchNormFeatureRowsMatchTheGeneralPath(mode: Mode) throws {
    let (batch, features, positions) = (3, 5, 4)
    let rows = try built(BatchNormalization(axis: -1), on: [positions, features])
    let general = try built(BatchNormalization(axis: 1), on: [features, positions])
    perturbAffine(rows, seed: 21)
    perturbAffine(general, seed: 21)
    perturbMovingStatistics(rows, seed: 22)
    perturbMovingStatistics(general, seed: 22)
    // x[n, p, f] in `rows` is x[n, f, p] in `general`; large means exercise the shifted sums.
    let rowInput = randomTensor([batch, positions, features], seed: 23, low: 499, high: 501)
    let rowGradient = randomTensor([batch, positions, features], seed: 24)
    let generalInput = Tensor(shape: [batch, features, positions])
    let generalGradient = Tensor(shape: [batch, features, positions])
    func row(_ n: Int, _ p: Int, _ f: Int) -> Int { (n * positions + p) * features + f }
    func middle(_ n: Int, _ p: Int, _ f: Int) -> Int { (n * features + f) * positions + p }
    for n in 0..<batch {
        for p in 0..<positions {
            for f in 0..<features {
                generalInput[middle(n, p, f)] = rowInput[row(n, p, f)]
                generalGradient[middle(n, p, f)] = rowGradient[row(n, p, f)]
            }
        }
    }
    let y1 = rows.forward(rowInput, mode: mode)
    let y2 = general.forward(generalInput, mode: mode)
    let dx1 = try #require(rows.backward(rowGradient, needsInputGradient: true))
    let dx2 = try #require(general.backward(generalGradient, needsInputGradient: true))
    for n in 0..<batch {
        for p in 0..<positions {
            for f in 0..<features {
                #expect(abs(y1[row(n, p, f)] - y2[middle(n, p, f)]) < 1e-4)
                #expect(abs(dx1[row(n, p, f)] - dx2[middle(n, p, f)]) < 1e-4)
            }
        }
    }
    let pairs = [
        (rows.gamma, general.gamma), (rows.beta, general.beta),
        (rows.movingMean, general.movingMean), (rows.movingVariance, general.movingVariance),
    ]
    for (a, b) in pairs {
        let a = try #require(a)
        let b = try #require(b)
        for f in 0..<features {
            #expect(abs(a.value[f] - b.value[f]) < 1e-4)
            #expect(abs(a.gradient[f] - b.gradient[f]) < 1e-3)
        }
    }
}

/// The per-feature sums of a batch of planes: each half of the samples summed on its own core,
/// then the halves added. Every sample and feature counts once (odd batches too), and one core
/// gives the same sums as two.
@Test(arguments: [1, 2, 5, 64])
func featureSumsCountEverySampleOnceOnOneCoreAsOnTwo(groups: Int) {
    let features = 3
    func run(bothCores: Bool) -> (first: [Double], second: [Double]) {
        var first = [Double](repeating: 0.5, count: features)  // added to, not overwritten
        var second = [Double](repeating: 0, count: features)
        first.withUnsafeMutableBufferPointer { f in
            second.withUnsafeMutableBufferPointer { s in
                guard let f = f.baseAddress, let s = s.baseAddress else { return }
                BatchNormalization.featureSums(features: features, groups: groups, bothCores: bothCores, into: f, s) {
                    group, c in (Double(group * 10 + c), 1 / Double(group + c + 1))
                }
            }
        }
        return (first, second)
    }
    let two = run(bothCores: true)
    let one = run(bothCores: false)
    #expect(two.first == one.first && two.second == one.second)
    for c in 0..<features {
        // Σ (10g + c) over g < groups, on top of the 0.5 already there: exact in doubles.
        #expect(two.first[c] == 0.5 + Double(10 * groups * (groups - 1) / 2 + groups * c))
        let expected = (0..<groups).reduce(0.0) { $0 + 1 / Double($1 + c + 1) }
        #expect(abs(two.second[c] - expected) < 1e-12)
    }
}
