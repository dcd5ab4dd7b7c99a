/// Keras's `Reshape`: gives each sample `targetShape`, keeping the memory order.
///
/// `[batch, inputShape...] -> [batch, targetShape...]`; one entry of `targetShape` may be -1,
/// meaning whatever makes the element counts agree.
public final class Reshape: Layer {
    public var name: String
    public let kind = "Reshape"
    public var trainable: Bool
    public let targetShape: [Int]
    public let parameters: [Parameter] = []
    public var outputShape: [Int] { shapes.outputShape }
    private let shapes = ShapeChange()

    public init(targetShape: [Int], trainable: Bool = true, name: String = "reshape") {
        self.targetShape = targetShape
        self.trainable = trainable
        self.name = name
    }

    public func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError) {
        try ModelError.checkShape(inputShape, layer: name)
        let count = inputShape.reduce(1, *)
        let unknown = targetShape.indices.filter { targetShape[$0] == -1 }
        let known = targetShape.filter { $0 != -1 }
        guard !targetShape.isEmpty, unknown.count <= 1, known.allSatisfy({ $0 > 0 }) else {
            throw .invalidArgument(
                layer: name, message: "target_shape \(targetShape) needs positive sizes and at most one -1")
        }
        try ModelError.checkSize(known, layer: name, what: "target_shape")
        var shape = targetShape
        let knownCount = known.reduce(1, *)
        if let index = unknown.first, count % knownCount == 0 { shape[index] = count / knownCount }
        guard shape.reduce(1, *) == count else {
            throw .invalidArgument(
                layer: name, message: "cannot reshape \(inputShape) (\(count) values) to target_shape \(targetShape)")
        }
        shapes.configure(inputShape: inputShape, outputShape: shape)
    }

    public func replica() -> any Layer {
        Reshape(targetShape: targetShape, trainable: trainable, name: name)
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        shapes.forward(input, layer: name)
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        needsInputGradient ? shapes.backward(outputGradient) : nil
    }
}
