/// Keras's `Flatten`: `[batch, d1, d2, ...] -> [batch, d1·d2·...]`, keeping the memory order
/// (channels-first `[channels, height, width]` flattens channel by channel).
public final class Flatten: Layer {
    public var name: String
    public let kind = "Flatten"
    public var trainable: Bool
    public let parameters: [Parameter] = []
    public var outputShape: [Int] { shapes.outputShape }
    private let shapes = ShapeChange()
    /// True when the next layer is a `Dense`, which reads only a batch's rows and their length
    /// (fused by the model): the values are in the order it wants already, so this layer hands
    /// the tensor and the gradient on untouched instead of copying them into its own shape.
    public internal(set) var handsOnUnchanged = false

    public init(trainable: Bool = true, name: String = "flatten") {
        self.trainable = trainable
        self.name = name
    }

    public func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError) {
        try ModelError.checkShape(inputShape, layer: name)
        shapes.configure(inputShape: inputShape, outputShape: [inputShape.reduce(1, *)])
    }

    public func replica() -> any Layer {
        Flatten(trainable: trainable, name: name)
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        guard handsOnUnchanged else { return shapes.forward(input, layer: name) }
        precondition(input.columns == outputShape[0] || input.rows == 0, "\(name): input \(input.shape)")
        return input
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        return handsOnUnchanged ? outputGradient : shapes.backward(outputGradient)
    }
}
