import NeuroEngine

/// What the model on screen makes of the drawing: class probabilities, a reconstruction (an
/// autoencoder), or why there is neither.
public enum CanvasReading: Equatable, Sendable {
    case probabilities([Float])
    case reconstruction([Float])
    case message(String)

    /// One forward pass of `model` in inference mode over `image` (28x28, row by row), whatever
    /// shape the model takes it in (flat 784, [1,28,28], [28,28,1]).
    public static func read(_ image: [Float], with model: Sequential) -> CanvasReading {
        let shape = model.inputShape
        guard shape.reduce(1, *) == image.count else {
            return .message("this model takes \(shape) inputs, not a 28x28 drawing")
        }
        let input = Tensor(shape: [1] + shape)
        for (index, value) in image.enumerated() { input.pointer[index] = value }
        let output = model.forward(input, mode: .inference)
        let values = Array(UnsafeBufferPointer(start: output.pointer, count: output.columns))
        if values.count == image.count { return .reconstruction(values) }
        guard !values.isEmpty else { return .message("the model gives no output") }
        return .probabilities(values)
    }

    /// The most probable class, for probabilities.
    public var mostProbable: Int? {
        guard case .probabilities(let values) = self else { return nil }
        return values.indices.max { values[$0] < values[$1] }
    }
}
