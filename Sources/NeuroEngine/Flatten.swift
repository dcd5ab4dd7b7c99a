/// Keras's `Flatten`: `[batch, d1, d2, ...] -> [batch, d1·d2·...]`, keeping the memory order
/// (channels-first `[channels, height, width]` flattens channel by channel).
public final class Flatten: Layer {
    public var name: String
    public let kind = "Flatten"
    public var trainable: Bool
    public let parameters: [Parameter] = []
    public private(set) var outputShape: [Int] = []
    private var inputShape: [Int] = []
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    public init(trainable: Bool = true, name: String = "flatten") {
        self.trainable = trainable
        self.name = name
    }

    public func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError) {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw .invalidInputShape(layer: name, shape: inputShape, expected: "at least one dimension")
        }
        self.inputShape = inputShape
        outputShape = [inputShape.reduce(1, *)]
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
