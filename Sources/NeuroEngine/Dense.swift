/// A fully connected layer: `output = activation(input · kernel + bias)`.
///
/// `[batch, inputs] -> [batch, units]`; the kernel is `[inputs, units]` as in Keras.
public final class Dense: ActivatedLayer {
    public var name: String
    public let kind = "Dense"
    public var trainable: Bool
    public let units: Int
    public let activation: Activation
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public private(set) var parameters: [Parameter] = []
    public var outputShape: [Int] { [units] }

    /// The weight matrix, `[inputs, units]`; nil until built.
    public private(set) var kernel: Parameter?
    public private(set) var bias: Parameter?
    private var inputCount = 0
    private var lastInput: Tensor?
    private let output = Tensor(shape: [0])
    private let preActivationGradient = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    /// The kernel transposed, `[units, inputs]`, for an input gradient on the own kernel.
    private let kernelTransposed = Tensor(shape: [0])
    /// The forward product over the second half of the inputs, when it goes by depth halves.
    private let partialOutput = Tensor(shape: [0])

    public init(
        units: Int, activation: Activation = .linear, useBias: Bool = true,
        kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
        trainable: Bool = true, name: String = "dense"
    ) {
        self.units = units
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.trainable = trainable
        self.name = name
    }

    public func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError) {
        let (inputs, kernel) = try FlatKernel.make(
            inputShape: inputShape, units: units, layer: name, initializer: kernelInitializer, rng: &rng)
        inputCount = inputs
        self.kernel = kernel
        parameters = [kernel]
        if useBias {
            let bias = biasInitializer.parameter("bias", shape: [units], fanIn: inputs, fanOut: units, rng: &rng)
            self.bias = bias
            parameters.append(bias)
        }
    }

    public func replica() -> any Layer {
        Dense(
            units: units, activation: activation, useBias: useBias, kernelInitializer: kernelInitializer,
            biasInitializer: biasInitializer, trainable: trainable, name: name)
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        guard let kernel else { preconditionFailure("\(name) used before build") }
        let batch = input.rows
        precondition(input.columns == inputCount, "\(name) expects \(inputCount) inputs, got \(input.columns)")
        output.resize(batch, units)
        if let bias {
            for r in 0..<batch { (output.pointer + r * units).update(from: bias.value.pointer, count: units) }
        }
        // Validation runs its lanes on both cores already; a training step has them to itself.
        if let split = GEMM.kernelRowSplit(rows: inputCount, columns: units) {
            // A large kernel: its rows divide between the cores for the gradient and the update,
            // and the forward pass follows them (the same sums in inference, on one thread).
            partialOutput.resize(batch, units)
            GEMM.multiplyByDepthHalves(
                input.pointer, kernel.value.pointer, into: output.pointer, partial: partialOutput.pointer,
                m: batch, n: units, k: inputCount, split: split, beta: bias == nil ? 0 : 1,
                bothCores: mode == .training)
        } else {
            GEMM.multiply(
                input.pointer, kernel.value.pointer, into: output.pointer,
                m: batch, n: units, k: inputCount, beta: bias == nil ? 0 : 1, bothCores: mode == .training)
        }
        activation.apply(output.pointer, rows: batch, columns: units)
        lastInput = input
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        preActivationGradient.copy(from: outputGradient)
        activation.backward(
            output: output.pointer, gradient: preActivationGradient.pointer,
            rows: output.rows, columns: units)
        return backward(preActivationGradient: preActivationGradient, needsInputGradient: needsInputGradient)
    }

    public func backward(preActivationGradient gradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard let kernel, let input = lastInput else { preconditionFailure("\(name): backward before forward") }
        let batch = gradient.rows
        // dW = xᵀ · dz, db = Σ_batch dz, dx = dz · Wᵀ; a frozen layer's weight gradients would
        // go unused, so they are not computed (its kernel product is most of its backward cost).
        if trainable {
            GEMM.multiply(
                input.pointer, transposeA: true, gradient.pointer, into: kernel.gradient.pointer,
                m: inputCount, n: units, k: batch, bothCores: true)
        }
        if trainable, let bias {
            let db = bias.gradient.pointer
            db.update(repeating: 0, count: units)
            for r in 0..<batch {
                let row = gradient.pointer + r * units
                for c in 0..<units { db[c] += row[c] }
            }
        }
        guard needsInputGradient else { return nil }
        inputGradient.resize(batch, inputCount)
        if OwnKernel.isShallow(units), OwnKernel.suits(n: inputCount, k: units, transposeB: false, alpha: 1, beta: 0),
            GEMM.override == nil
        {
            // A few units (a classifier's 10): the own kernel reads Wᵀ by rows, so it is copied out
            // first (a 1960x10 kernel in a few microseconds); the product's sums are the library's.
            kernelTransposed.copyTransposed(from: kernel.value.pointer, rows: inputCount, columns: units)
            GEMM.multiply(
                gradient.pointer, kernelTransposed.pointer, into: inputGradient.pointer,
                m: batch, n: inputCount, k: units, bothCores: true)
        } else {
            GEMM.multiply(
                gradient.pointer, kernel.value.pointer, transposeB: true, into: inputGradient.pointer,
                m: batch, n: inputCount, k: units, bothCores: true)
        }
        return inputGradient
    }
}
