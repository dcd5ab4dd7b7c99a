/// A stack of layers applied one after another, Keras's `Sequential`.
///
/// Building names the layers as Keras does (`dense`, `dense_1`, ...) and initialises every weight
/// from one seeded generator, so a seed fixes the initial model.
public final class Sequential {
    /// The per-sample input shape, without the batch.
    public let inputShape: [Int]
    public let layers: [any Layer]
    /// Whether the layers run fused where they can (`init`'s `fusing`); replicas do the same.
    public let fuses: Bool
    private let outputGradient = Tensor(shape: [0])
    /// When set, forward and backward time per layer kind accumulate here.
    public var profiler: StepProfiler?

    /// - Parameter givenNames: the indices of layers whose names were chosen by the user: they
    ///   keep them (distinct names are the caller's to check), and numbering goes around them.
    /// - Parameter fusing: run BatchNormalization → ReLU pairs as one layer and let a Flatten before
    ///   a Dense hand its tensors on (`Sequential+Fusion`); false only to compare against the
    ///   layers run one by one.
    public init(
        inputShape: [Int], layers: [any Layer], givenNames: Set<Int> = [], fusing: Bool = true,
        rng: inout SeededRandom
    ) throws(ModelError) {
        guard !layers.isEmpty else { throw .emptyModel }
        self.inputShape = inputShape
        self.layers = layers
        self.fuses = fusing
        Self.giveUniqueNames(layers, keeping: givenNames)
        // Every shape a layer is given or gives is bounded here, before any layer multiplies
        // its dimensions, so no layer kind can overflow on a huge input.
        var shape = inputShape
        for layer in layers {
            try ModelError.checkSize(shape, layer: layer.name, what: "the input shape")
            try layer.build(inputShape: shape, rng: &rng)
            shape = layer.outputShape
        }
        if let last = layers.last { try ModelError.checkSize(shape, layer: last.name, what: "the output shape") }
        if fusing {
            Self.fuseNormalizationWithReLU(layers)
            Self.fuseFlattenIntoDense(layers)
        }
    }

    /// Numbers repeated names as Keras does (`dense`, `dense_1`, ...), never taking a name that
    /// another layer already carries; the layers at `kept` keep theirs.
    private static func giveUniqueNames(_ layers: [any Layer], keeping kept: Set<Int>) {
        let original = Set(layers.map(\.name))
        var used = Set(layers.indices.filter(kept.contains).map { layers[$0].name })
        for (position, layer) in layers.enumerated() where !kept.contains(position) {
            let base = layer.name
            var candidate = base
            var number = 0
            while used.contains(candidate) || (number > 0 && original.contains(candidate)) {
                number += 1
                candidate = "\(base)_\(number)"
            }
            layer.name = candidate
            used.insert(candidate)
        }
    }

    /// The per-sample output shape.
    public var outputShape: [Int] { layers.last?.outputShape ?? inputShape }

    /// About how many bytes a training step on `batch` samples needs besides the weights: every
    /// layer's output and input gradient, and its scratch. `Int.max` when it does not fit an Int.
    public func workingBytes(batch: Int) -> Int {
        var perSample = inputShape.reduce(1, *)
        var scratch = 0
        for layer in layers {
            perSample += 2 * layer.outputShape.reduce(1, *)
            scratch += layer.scratchValues
        }
        let (values, overflow) = perSample.multipliedReportingOverflow(by: batch)
        let (total, overflow2) = values.addingReportingOverflow(scratch)
        let (bytes, overflow3) = total.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        return overflow || overflow2 || overflow3 ? Int.max : bytes
    }

    // MARK: - Running

    /// The model's output for a batch `[batch, inputShape...]`. The tensor belongs to the last layer.
    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        var x = input
        if let profiler {
            for layer in layers { x = profiler.measure(Self.part(layer, "forward")) { layer.forward(x, mode: mode) } }
        } else {
            for layer in layers { x = layer.forward(x, mode: mode) }
        }
        return x
    }

    /// A layer's pass as the profiler names it, as Keras's summary names the layer:
    /// `dense_1 (Dense) backward`.
    static func part(_ layer: any Layer, _ pass: String) -> String { "\(layer.name) (\(layer.kind)) \(pass)" }

    /// `backward` of one layer, timed when a profiler is attached.
    private func backward(_ index: Int, _ gradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        let layer = layers[index]
        guard let profiler else { return layer.backward(gradient, needsInputGradient: needsInputGradient) }
        return profiler.measure(Self.part(layer, "backward")) {
            layer.backward(gradient, needsInputGradient: needsInputGradient)
        }
    }

    /// Forward and backward for one batch: fills every needed parameter gradient and returns the
    /// batch-mean loss and the output. Softmax followed by cross-entropy is fused, so the backward
    /// pass starts from the exact logit gradient `(p - y) / batch`.
    ///
    /// - Parameter allLayers: compute gradients even for frozen layers below the lowest
    ///   trainable one (the gradient study wants them; training does not).
    @discardableResult
    public func computeGradients(
        input: Tensor, target: Tensor, loss: Loss, mode: Mode = .training, allLayers: Bool = false
    ) -> (loss: Float, output: Tensor) {
        // Frozen layers skip their weight gradients; the gradient study wants them anyway, so
        // for it every layer counts as trainable during this one pass (in inference mode, where
        // trainable makes no other difference).
        let frozen = allLayers ? layers.filter { !$0.trainable } : []
        for layer in frozen { layer.trainable = true }
        defer { for layer in frozen { layer.trainable = false } }
        let output = forward(input, mode: mode)
        let value = loss.value(prediction: output, target: target)
        let lowest = allLayers ? 0 : (lowestTrainableLayerIndex ?? layers.count)
        guard lowest < layers.count, let last = layers.last else { return (value, output) }

        var gradient: Tensor?
        let needsInput = layers.count - 1 > lowest
        if loss == .categoricalCrossentropy, let fused = last as? any ActivatedLayer, fused.activation == .softmax {
            loss.softmaxLogitGradient(prediction: output, target: target, into: outputGradient)
            let run = { fused.backward(preActivationGradient: self.outputGradient, needsInputGradient: needsInput) }
            gradient = profiler.map { $0.measure(Self.part(last, "backward"), run) } ?? run()
        } else {
            loss.gradient(prediction: output, target: target, into: outputGradient)
            gradient = backward(layers.count - 1, outputGradient, needsInputGradient: needsInput)
        }
        var index = layers.count - 2
        while index >= lowest, let g = gradient {
            gradient = backward(index, g, needsInputGradient: index > lowest)
            index -= 1
        }
        return (value, output)
    }

    /// The lowest layer with weights an optimizer may change; nil when everything is frozen.
    public var lowestTrainableLayerIndex: Int? {
        layers.firstIndex { $0.trainable && $0.parameters.contains(where: \.isLearnable) }
    }

    /// Every parameter an optimizer may change now (of trainable layers, learnable ones).
    public var trainableParameters: [Parameter] {
        layers.filter(\.trainable).flatMap { $0.parameters.filter(\.isLearnable) }
    }

    // MARK: - Counting

    /// Parameter counts as Keras's summary reports them.
    public var parameterCounts: ParameterCounts {
        let total = layers.reduce(0) { $0 + $1.parameterCount }
        let trainable = layers.reduce(0) { $0 + $1.trainableParameterCount }
        return ParameterCounts(total: total, trainable: trainable)
    }

    /// One row per layer for summaries and the dashboard's layer table.
    public var summary: [LayerSummary] {
        layers.map {
            LayerSummary(
                name: $0.name, kind: $0.kind, outputShape: $0.outputShape,
                parameterCount: $0.parameterCount, trainableParameterCount: $0.trainableParameterCount,
                trainable: $0.trainable,
                kernelCount: $0.parameters.filter(\.isKernel).reduce(0) { $0 + $1.value.count })
        }
    }
}

/// A layer's row in a summary.
public struct LayerSummary: Sendable, Equatable, Codable {
    public var name: String
    public var kind: String
    public var outputShape: [Int]
    public var parameterCount: Int
    public var trainableParameterCount: Int
    public var trainable: Bool
    /// How many of the weights are kernel weights (the gradient study's subject).
    public var kernelCount: Int

    public init(
        name: String, kind: String, outputShape: [Int], parameterCount: Int,
        trainableParameterCount: Int, trainable: Bool, kernelCount: Int
    ) {
        self.name = name
        self.kind = kind
        self.outputShape = outputShape
        self.parameterCount = parameterCount
        self.trainableParameterCount = trainableParameterCount
        self.trainable = trainable
        self.kernelCount = kernelCount
    }
}
