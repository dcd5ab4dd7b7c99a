/// An autoencoder with one weight matrix used twice: `h = ReLU(x · W)`, `output = ReLU(h · Wᵀ)`.
///
/// `[batch, inputs] -> [batch, inputs]`, through a code of `units` values; the kernel is
/// `[inputs, units]`, oriented like a Dense kernel so that it can initialise a Dense encoder
/// directly. No biases. Because W serves as both encoder and decoder, its gradient is the sum of
/// the two contributions: `dW = xᵀ · dz₁ + dz₂ᵀ · h`, where `dz₁` and `dz₂` are the gradients at
/// the encoder's and the decoder's pre-activations.
public final class TiedAutoencoder: Layer {
    public var name: String
    public let kind = "TiedAutoencoder"
    public var trainable: Bool
    /// The size of the code `h`.
    public let units: Int
    public let kernelInitializer: Initializer
    public private(set) var parameters: [Parameter] = []
    public private(set) var outputShape: [Int] = []

    /// W, `[inputs, units]`; nil until built.
    public private(set) var kernel: Parameter?
    private var inputCount = 0
    private var lastInput: Tensor?
    /// The code `h = ReLU(x · W)`, `[batch, units]`, kept for the backward pass.
    private let code = Tensor(shape: [0])
    private let output = Tensor(shape: [0])
    private let outputPreGradient = Tensor(shape: [0])
    private let codeGradient = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    /// - Parameter kernelInitializer: the article's Keras layer used `uniform`, that is
    ///   uniform in [-0.05, 0.05].
    public init(
        units: Int, kernelInitializer: Initializer = .uniform(low: -0.05, high: 0.05), trainable: Bool = true,
        name: String = "tied_autoencoder"
    ) {
        self.units = units
        self.kernelInitializer = kernelInitializer
        self.trainable = trainable
        self.name = name
    }

    public func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError) {
        let (inputs, kernel) = try FlatKernel.make(
            inputShape: inputShape, units: units, layer: name, initializer: kernelInitializer, rng: &rng)
        inputCount = inputs
        outputShape = inputShape
        self.kernel = kernel
        parameters = [kernel]
    }

    public func replica() -> any Layer {
        TiedAutoencoder(units: units, kernelInitializer: kernelInitializer, trainable: trainable, name: name)
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        guard let kernel else { preconditionFailure("\(name) used before build") }
        let batch = input.rows
        precondition(input.columns == inputCount, "\(name) expects \(inputCount) inputs, got \(input.columns)")
        encode(input, into: code)
        output.resize(batch, inputCount)
        GEMM.multiply(
            code.pointer, kernel.value.pointer, transposeB: true, into: output.pointer,
            m: batch, n: inputCount, k: units)
        Activation.relu.apply(output.pointer, rows: batch, columns: inputCount)
        lastInput = input
        return output
    }

    /// The code alone, `ReLU(x · W)`: `[batch, inputs] -> [batch, units]`.
    private func encode(_ input: Tensor, into result: Tensor) {
        guard let kernel else { preconditionFailure("\(name) used before build") }
        let batch = input.rows
        result.resize(batch, units)
        GEMM.multiply(
            input.pointer, kernel.value.pointer, into: result.pointer, m: batch, n: units, k: inputCount)
        Activation.relu.apply(result.pointer, rows: batch, columns: units)
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard let kernel, let input = lastInput else { preconditionFailure("\(name): backward before forward") }
        let batch = outputGradient.rows
        let w = kernel.value.pointer
        // Decoder: dz₂ = dy ⊙ ReLU'(output); its share of dW is dz₂ᵀ · h, and dh = dz₂ · W.
        outputPreGradient.copy(from: outputGradient)
        Activation.relu.backward(
            output: output.pointer, gradient: outputPreGradient.pointer, rows: batch, columns: inputCount)
        GEMM.multiply(
            outputPreGradient.pointer, transposeA: true, code.pointer, into: kernel.gradient.pointer,
            m: inputCount, n: units, k: batch)
        codeGradient.resize(batch, units)
        GEMM.multiply(
            outputPreGradient.pointer, w, into: codeGradient.pointer, m: batch, n: units, k: inputCount)
        // Encoder: dz₁ = dh ⊙ ReLU'(h); its share xᵀ · dz₁ is added to the decoder's (beta 1).
        Activation.relu.backward(output: code.pointer, gradient: codeGradient.pointer, rows: batch, columns: units)
        GEMM.multiply(
            input.pointer, transposeA: true, codeGradient.pointer, into: kernel.gradient.pointer,
            m: inputCount, n: units, k: batch, beta: 1)
        guard needsInputGradient else { return nil }
        inputGradient.resize(batch, inputCount)
        GEMM.multiply(
            codeGradient.pointer, w, transposeB: true, into: inputGradient.pointer,
            m: batch, n: inputCount, k: units)
        return inputGradient
    }
}
