import NeuroEngine
import Testing

@testable import Runs

/// A checkpoint must carry everything a model and its optimizer need to go on exactly as if
/// nothing had happened: these tests continue a restored copy and the original side by side.
@Suite struct ModelCheckpointTests {
    private func makeCNN(seed: UInt64) throws -> Sequential {
        var rng = SeededRandom(seed: seed)
        return try Sequential(
            inputShape: [1, 6, 6],
            layers: [
                Conv2D(filters: 3, kernelSize: (3, 3), padding: .same, useBias: false),
                BatchNormalization(axis: 1),
                ActivationLayer(.relu),
                MaxPooling2D(),
                Flatten(),
                Dropout(rate: 0.3),
                Dense(units: 4, activation: .softmax),
            ], rng: &rng)
    }

    private func batch(_ step: Int) -> (Tensor, Tensor) {
        var random = SeededRandom(seed: 100 + UInt64(step))
        let input = Tensor(shape: [5, 1, 6, 6], values: (0..<180).map { _ in random.uniform(0, 1) })
        let target = Tensor(shape: [5, 4])
        for row in 0..<5 { target[row * 4 + (row + step) % 4] = 1 }
        return (input, target)
    }

    private func train(_ model: Sequential, _ optimizer: any Optimizer, steps: Range<Int>) {
        for step in steps {
            let (input, target) = batch(step)
            model.computeGradients(input: input, target: target, loss: .categoricalCrossentropy)
            _ = optimizer.step(model.trainableParameters, measureUpdateRatio: step % 2 == 0)
        }
    }

    private func weights(_ model: Sequential) -> [[UInt32]] {
        model.layers.flatMap { $0.parameters.map { $0.value.array.map(\.bitPattern) } }
    }

    @Test(arguments: ["adam", "sgd-momentum"])
    func aRestoredCopyTrainsOnBitForBit(optimizerName: String) throws {
        func makeOptimizer() -> any Optimizer {
            optimizerName == "adam" ? Adam(learningRate: 0.01) : SGD(learningRate: 0.05, momentum: 0.9)
        }
        let original = try makeCNN(seed: 1)
        let originalOptimizer = makeOptimizer()
        train(original, originalOptimizer, steps: 0..<7)

        var archive = SafeTensorsArchive()
        try archive.addModel(original)
        try archive.addOptimizer(originalOptimizer, of: original)
        let bytes = archive.serialized()

        let copy = try makeCNN(seed: 99)
        let copyOptimizer = makeOptimizer()
        let read = try SafeTensorsArchive(parsing: bytes)
        try read.restoreModel(copy)
        try read.restoreOptimizer(copyOptimizer, of: copy)
        #expect(weights(copy) == weights(original))
        #expect(copyOptimizer.iterations == 7)

        train(original, originalOptimizer, steps: 7..<12)
        train(copy, copyOptimizer, steps: 7..<12)
        #expect(weights(copy) == weights(original))
        #expect(copyOptimizer.iterations == 12)
    }

    @Test func namesAreKerasLike() throws {
        let model = try makeCNN(seed: 1)
        let optimizer = Adam()
        train(model, optimizer, steps: 0..<1)
        var archive = SafeTensorsArchive()
        try archive.addModel(model)
        try archive.addOptimizer(optimizer, of: model)
        let names = Set(archive.entries.map(\.name))
        for name in [
            "conv2d/kernel", "batch_normalization/gamma", "batch_normalization/beta",
            "batch_normalization/moving_mean", "batch_normalization/moving_variance", "dense/kernel", "dense/bias",
            "dropout/random", "optimizer/iterations", "optimizer/m/dense/kernel", "optimizer/v/conv2d/kernel",
        ] {
            #expect(names.contains(name), "\(name) missing from \(names.sorted())")
        }
        #expect(!names.contains("optimizer/m/batch_normalization/moving_mean"))
    }

    @Test func aDifferentModelIsRefusedAndLeftAlone() throws {
        let model = try makeCNN(seed: 1)
        var archive = SafeTensorsArchive()
        try archive.addModel(model)
        var rng = SeededRandom(seed: 3)
        let other = try Sequential(
            inputShape: [1, 6, 6],
            layers: [
                Conv2D(filters: 4, kernelSize: (3, 3), padding: .same, useBias: false), Flatten(),
                Dense(units: 4, activation: .softmax),
            ], rng: &rng)
        let before = weights(other)
        #expect(throws: SafeTensorsError.self) { try archive.restoreModel(other) }
        #expect(weights(other) == before)
    }

    @Test func generatorsContinueTheirSequence() throws {
        var random = SeededRandom(seed: 42)
        _ = (0..<5).map { _ in random.next() }
        var archive = SafeTensorsArchive()
        try archive.addGenerator("rng/shuffle", random)
        var restored = try SafeTensorsArchive(parsing: archive.serialized()).generator("rng/shuffle")
        #expect((0..<5).map { _ in restored.next() } == (0..<5).map { _ in random.next() })
        #expect(SeededRandom(stateWords: [0, 0, 0, 0]) == nil)
        #expect(SeededRandom(stateWords: [1, 2, 3]) == nil)
    }
}
