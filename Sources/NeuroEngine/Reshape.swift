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
    public private(set) var outputShape: [Int] = []
    private var inputShape: [Int] = []
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    public init(targetShape: [Int], trainable: Bool = true, name: String = "reshape") {
        self.targetShape = targetShape
        self.trainable = trainable
        self.name = name
    }

    public func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError) {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw .invalidInputShape(layer: name, shape: inputShape, expected: "at least one dimension")
        }
        let count = inputShape.reduce(1, *)
        let unknown = targetShape.indices.filter { targetShape[$0] == -1 }
        let known = targetShape.filter { $0 != -1 }
        guard !targetShape.isEmpty, unknown.count <= 1, known.allSatisfy({ $0 > 0 }) else {
            throw .invalidArgument(
                layer: name, message: "target_shape \(targetShape) needs positive sizes and at most one -1")
        }
        var shape = targetShape
        let knownCount = known.reduce(1, *)
        if let index = unknown.first, count % knownCount == 0 { shape[index] = count / knownCount }
        guard shape.reduce(1, *) == count else {
            throw .invalidArgument(
                layer: name, message: "cannot reshape \(inputShape) (\(count) values) to target_shape \(targetShape)")
        }
        self.inputShape = inputShape
        outputShape = shape
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        output.resize(to: [input.rows] + outputShape)
        precondition(output.count == input.count, "\(name): input \(input.shape) for \(inputShape)")
        output.pointer.update(from: input.pointer, count: input.count)
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        inputGradient.resize(to: [outputGradient.rows] + inputShape)
        inputGradient.pointer.update(from: outputGradient.pointer, count: inputGradient.count)
        return inputGradient
    }
}
