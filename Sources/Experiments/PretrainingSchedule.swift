import Datasets
import NeuroEngine
import Training

/// Greedy layer-wise pre-training with tied-weight autoencoders, then fine-tuning.
///
/// Stage 1 trains a `TiedAutoencoder` on the raw input. Stage k trains a new tied autoencoder
/// on the code of stage k-1 (`100 -> 100 -> 100` in the article, the tutorial named in
/// README.md), between the frozen encoders `ReLU(x · Wᵢ)` of the earlier stages and their
/// frozen decoders `ReLU(h · Wᵢᵀ)`, to reproduce the input (as the article does with
/// `Dense(use_bias=False, trainable=False)` layers around a new autoencoder). Every stage starts
/// by copying the matrices trained so far out of the previous stage's model. Finally the
/// trained W initialise the kernels of the first Dense layers of the classifier, which is then
/// trained end to end.
public struct PretrainingSchedule: Sendable {
    /// One stage: the autoencoder it trains and for how long.
    public struct Stage: Sendable, Equatable {
        /// The code size, 100 in the article.
        public var units: Int
        /// 5 for the first stage in the article, 10 for the others.
        public var epochs: Int
        /// For W; the article used Keras's `uniform`, [-0.05, 0.05].
        public var kernelInitializer: Initializer

        public init(units: Int, epochs: Int, kernelInitializer: Initializer = .uniform(low: -0.05, high: 0.05)) {
            self.units = units
            self.epochs = epochs
            self.kernelInitializer = kernelInitializer
        }
    }

    public var stages: [Stage]
    public var batchSize: Int
    public var loss: Loss
    /// Makes a fresh optimizer for each stage.
    public var makeOptimizer: @Sendable () -> any Optimizer
    /// Corruption of the inputs for a denoising variant; nil trains on clean inputs.
    public var augmenter: Augmenter?

    public init(
        stages: [Stage], batchSize: Int = 64, loss: Loss = .meanSquaredError,
        makeOptimizer: @escaping @Sendable () -> any Optimizer = { Adam() }, augmenter: Augmenter? = nil
    ) {
        self.stages = stages
        self.batchSize = batchSize
        self.loss = loss
        self.makeOptimizer = makeOptimizer
        self.augmenter = augmenter
    }

    /// Stages of the given code sizes and epochs (two lists of the same length).
    public init(
        units: [Int], epochs: [Int], batchSize: Int = 64, loss: Loss = .meanSquaredError,
        makeOptimizer: @escaping @Sendable () -> any Optimizer = { Adam() }, augmenter: Augmenter? = nil
    ) {
        precondition(units.count == epochs.count, "\(units.count) stages but \(epochs.count) epoch counts")
        self.init(
            stages: zip(units, epochs).map { Stage(units: $0, epochs: $1) }, batchSize: batchSize, loss: loss,
            makeOptimizer: makeOptimizer, augmenter: augmenter)
    }

    /// The code size of each stage.
    public var units: [Int] { stages.map(\.units) }

    // MARK: - Building

    /// The pre-training stages for a flat input of `inputShape`, each with its model built.
    ///
    /// Stage k's model is `[encoder 1..k-1 (frozen), TiedAutoencoder k, decoder k-1..1 (frozen)]`;
    /// its `prepare` copies W₁..W_{k-1} in from stage k-1's model (decoders get the transposes).
    public func makeStages(inputShape: [Int], rng: inout SeededRandom) throws(PretrainingError) -> [TrainingStage] {
        guard !stages.isEmpty else { throw .noStages }
        guard inputShape.count == 1, let inputSize = inputShape.first, inputSize > 0 else {
            throw .inputNotFlat(inputShape)
        }
        if let bad = stages.first(where: { $0.units <= 0 }) { throw .invalidUnits(bad.units) }
        if let bad = stages.first(where: { $0.epochs <= 0 }) { throw .invalidEpochs(bad.epochs) }
        guard batchSize > 0 else { throw .invalidBatchSize(batchSize) }

        let sizes = [inputSize] + units
        var built: [TrainingStage] = []
        for (k, stage) in stages.enumerated() {
            var layers: [any Layer] = (0..<k).map { i in
                Dense(
                    units: sizes[i + 1], activation: .relu, useBias: false, kernelInitializer: .zeros, trainable: false,
                    name: "encoder")
            }
            layers.append(TiedAutoencoder(units: stage.units, kernelInitializer: stage.kernelInitializer))
            layers += (0..<k).reversed().map { i in
                Dense(
                    units: sizes[i], activation: .relu, useBias: false, kernelInitializer: .zeros, trainable: false,
                    name: "decoder")
            }
            let model: Sequential
            do {
                model = try Sequential(inputShape: inputShape, layers: layers, rng: &rng)
            } catch {
                throw .invalidModel(error)
            }
            built.append(
                TrainingStage(
                    title: "pre-train \(k + 1)/\(stages.count)", model: model, loss: loss, optimizer: makeOptimizer(),
                    epochs: stage.epochs, batchSize: batchSize, target: .inputs, validates: true, augmenter: augmenter,
                    prepare: k == 0 ? nil : PretrainingSchedule.loadPreviousStage))
        }
        return built
    }

    /// Checks that `model` starts with Dense layers whose kernels match the trained matrices,
    /// `[784, 100]`, `[100, 100]`, ... (other layers, such as Flatten or Dropout, may sit between).
    public func checkFineTuningModel(_ model: Sequential) throws(PretrainingError) {
        let dense = model.layers.compactMap { $0 as? Dense }
        let sizes = [model.inputShape.reduce(1, *)] + units
        for k in units.indices {
            guard k < dense.count else { throw .fineTuningTooShallow(denseLayers: dense.count, stages: stages.count) }
            let expected = [sizes[k], sizes[k + 1]]
            let found = dense[k].kernel?.value.shape ?? []
            guard found == expected else {
                throw .fineTuningShapeMismatch(layer: dense[k].name, expected: expected, found: found)
            }
        }
    }

    /// The classifier's `prepare`: copies the trained matrices from the last pre-training model
    /// into the kernels of its first Dense layers (biases keep their initial values).
    public static let initialiseFineTuning: @Sendable (Sequential?, Sequential) -> Void = { previous, current in
        guard let previous else { return }
        let kernels = trainedKernels(of: previous)
        let dense = current.layers.compactMap { $0 as? Dense }
        for (kernel, layer) in zip(kernels, dense) {
            guard let target = layer.kernel?.value, target.count == kernel.count else { continue }
            target.copy(from: kernel)
        }
    }

    // MARK: - Moving weights between stages

    /// A pre-training stage's `prepare`: takes W₁..W_{k-1} from stage k-1's model.
    static let loadPreviousStage: @Sendable (Sequential?, Sequential) -> Void = { previous, current in
        guard let previous else { return }
        loadFrozenLayers(of: current, from: trainedKernels(of: previous))
    }

    /// W₁..W_k of a stage-k model: its encoders' kernels, then its autoencoder's.
    static func trainedKernels(of model: Sequential) -> [Tensor] {
        var kernels: [Tensor] = []
        for layer in model.layers {
            if let tied = layer as? TiedAutoencoder {
                if let kernel = tied.kernel { kernels.append(kernel.value) }
                break
            }
            if let dense = layer as? Dense, let kernel = dense.kernel { kernels.append(kernel.value) }
        }
        return kernels
    }

    /// Sets the frozen encoders of a stage model to `kernels` and the decoders to their transposes.
    static func loadFrozenLayers(of model: Sequential, from kernels: [Tensor]) {
        guard let middle = model.layers.firstIndex(where: { $0 is TiedAutoencoder }) else { return }
        let encoders = model.layers[..<middle].compactMap { $0 as? Dense }
        let decoders = model.layers[(middle + 1)...].compactMap { $0 as? Dense }
        for (i, encoder) in encoders.enumerated() where i < kernels.count {
            guard let target = encoder.kernel?.value, target.count == kernels[i].count else { continue }
            target.copy(from: kernels[i])
        }
        // Decoder j (counting from the middle outwards) undoes encoder count-1-j.
        for (j, decoder) in decoders.enumerated() {
            let i = encoders.count - 1 - j
            guard i >= 0, i < kernels.count, let target = decoder.kernel?.value else { continue }
            transpose(kernels[i], into: target)
        }
    }

    /// `destination = sourceᵀ` for a `[rows, columns]` source and a `[columns, rows]` destination.
    static func transpose(_ source: Tensor, into destination: Tensor) {
        guard source.shape.count == 2, destination.shape == [source.shape[1], source.shape[0]] else { return }
        destination.copyTransposed(from: source.pointer, rows: source.shape[0], columns: source.shape[1])
    }
}
