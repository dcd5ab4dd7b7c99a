/// Keras's `Flatten`: `[batch, d1, d2, ...] -> [batch, d1·d2·...]`, keeping the memory order
/// (channels-first `[channels, height, width]` flattens channel by channel).
public final class Flatten: Layer {
    public var name: String
    public let kind = "Flatten"
    public var trainable: Bool
    public let parameters: [Parameter] = []
    public var outputShape: [Int] { shapes.outputShape }
    private let shapes = ShapeChange()

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
        shapes.forward(input, layer: name)
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        needsInputGradient ? shapes.backward(outputGradient) : nil
    }
}
