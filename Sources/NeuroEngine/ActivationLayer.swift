/// Keras's `Activation` layer: applies an activation on its own, any input shape.
public final class ActivationLayer: ActivatedLayer {
    public var name: String
    public let kind = "Activation"
    public var trainable = true
    public let activation: Activation
    public let parameters: [Parameter] = []
    public private(set) var outputShape: [Int] = []
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    /// True when the layer before, a `BatchNormalization`, applies this ReLU itself (fused by the
    /// model): this layer then hands its input and gradient on untouched.
    public internal(set) var isFusedIntoPrevious = false

    public init(_ activation: Activation, name: String = "activation") {
        self.activation = activation
        self.name = name
    }

    public func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError) {
        guard !inputShape.isEmpty else {
            throw .invalidInputShape(layer: name, shape: inputShape, expected: "at least one dimension")
        }
        outputShape = inputShape
    }

    public func replica() -> any Layer {
        ActivationLayer(activation, name: name)
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        if isFusedIntoPrevious { return input }
        if activation == .relu {
            // One pass instead of a copy and an in-place pass: these tensors are large in CNNs.
            output.resize(to: input.shape)
            Vectorized.relu(input.pointer, into: output.pointer, count: input.count)
            return output
        }
        output.copy(from: input)
        // Softmax normalises over the last axis; the others are element-wise.
        let columns = activation == .softmax ? (outputShape.last ?? 1) : input.columns
        activation.apply(output.pointer, rows: input.count / max(columns, 1), columns: columns)
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        if isFusedIntoPrevious { return outputGradient }
        if activation == .relu {
            inputGradient.resize(to: outputGradient.shape)
            Vectorized.reluBackward(
                output: output.pointer, gradient: outputGradient.pointer, into: inputGradient.pointer,
                count: outputGradient.count)
            return inputGradient
        }
        inputGradient.copy(from: outputGradient)
        let columns = activation == .softmax ? (outputShape.last ?? 1) : output.columns
        activation.backward(
            output: output.pointer, gradient: inputGradient.pointer,
            rows: output.count / max(columns, 1), columns: columns)
        return inputGradient
    }

    public func backward(preActivationGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        needsInputGradient ? preActivationGradient : nil
    }
}
