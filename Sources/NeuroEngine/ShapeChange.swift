/// The forward and backward passes shared by `Flatten` and `Reshape`: the values stay in memory
/// order and only the per-sample shape changes, so both directions are a copy into a reused
/// tensor with the other shape.
final class ShapeChange {
    private(set) var inputShape: [Int] = []
    private(set) var outputShape: [Int] = []
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    func configure(inputShape: [Int], outputShape: [Int]) {
        self.inputShape = inputShape
        self.outputShape = outputShape
    }

    /// `[batch, inputShape...] -> [batch, outputShape...]`.
    func forward(_ input: Tensor, layer: String) -> Tensor {
        output.resize(rows: input.rows, sample: outputShape)
        precondition(output.count == input.count, "\(layer): input \(input.shape) for \(inputShape)")
        output.pointer.update(from: input.pointer, count: input.count)
        return output
    }

    /// `[batch, outputShape...] -> [batch, inputShape...]`.
    func backward(_ outputGradient: Tensor) -> Tensor {
        inputGradient.resize(rows: outputGradient.rows, sample: inputShape)
        inputGradient.pointer.update(from: outputGradient.pointer, count: inputGradient.count)
        return inputGradient
    }
}
