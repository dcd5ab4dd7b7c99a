import NeuroEngine
import Testing

@testable import Training

/// A Conv-BatchNorm-ReLU-MaxPool classifier of the synthetic 4x4 images.
private func convClassifier(seed: UInt64) throws -> Sequential {
    var rng = SeededRandom(seed: seed)
    return try Sequential(
        inputShape: [1, 4, 4],
        layers: [
            Conv2D(filters: 4, kernelSize: 3, padding: .same, useBias: false), BatchNormalization(axis: 1),
            ActivationLayer(.relu), MaxPooling2D(), Flatten(), Dense(units: 10, activation: .softmax),
        ], rng: &rng)
}

/// Two threads must give what one gives, bit for bit: the same predictions and the same loss
/// (the batches' losses are added in batch order), also after the weights change (the second
/// thread's replica takes them in), and with an odd number of pieces (21 of 50) and a short last one.
@Test func parallelValidationEqualsSerialValidation() throws {
    let test = syntheticDataset(train: 10, test: 1_030, seed: 3).test
    let model = try convClassifier(seed: 2)
    let evaluator = StageEvaluator(model: model)
    func both() -> (StageEvaluator.Result, StageEvaluator.Result) {
        let serial = evaluator.evaluate(
            test, loss: .categoricalCrossentropy, target: .labels, classes: 10, batchSize: 100, parallel: false)
        let parallel = evaluator.evaluate(
            test, loss: .categoricalCrossentropy, target: .labels, classes: 10, batchSize: 100, parallel: true)
        return (serial, parallel)
    }
    let (serial, parallel) = both()
    #expect(parallel == serial)
    #expect(parallel.predictions?.count == test.count)
    // Train a few steps on the test images themselves: the weights and moving statistics move.
    let input = Tensor(shape: [100, 1, 4, 4])
    let target = Tensor(shape: [100, 10])
    for row in 0..<100 {
        test.copyImage(row, to: input.pointer + row * 16)
        target[row * 10 + Int(test.labels[row])] = 1
    }
    let adam = Adam(learningRate: 0.05)
    for _ in 0..<20 {
        model.computeGradients(input: input, target: target, loss: .categoricalCrossentropy)
        _ = adam.step(model.trainableParameters, measureUpdateRatio: false)
    }
    let (serialAfter, parallelAfter) = both()
    #expect(parallelAfter == serialAfter)
    #expect(serialAfter.loss < serial.loss)
    #expect(serialAfter.predictions != serial.predictions)
    // Run to run: the same again.
    #expect(both().1 == parallelAfter)
}

/// Reconstruction targets (autoencoder stages) take the same two-thread path, with no accuracy.
@Test func parallelValidationOfReconstructionsEqualsSerial() throws {
    let test = syntheticDataset(train: 10, test: 333, seed: 4).test
    var rng = SeededRandom(seed: 5)
    let model = try Sequential(
        inputShape: [16], layers: [Dense(units: 6, activation: .relu), Dense(units: 16, activation: .sigmoid)],
        rng: &rng)
    let evaluator = StageEvaluator(model: model)
    let serial = evaluator.evaluate(
        test, loss: .meanSquaredError, target: .inputs, classes: 10, batchSize: 50, parallel: false)
    let parallel = evaluator.evaluate(
        test, loss: .meanSquaredError, target: .inputs, classes: 10, batchSize: 50, parallel: true)
    #expect(parallel == serial)
    #expect(parallel.accuracy == nil)
    #expect(parallel.loss > 0)
}
