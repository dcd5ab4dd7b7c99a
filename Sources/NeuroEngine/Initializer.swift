/// How a weight tensor gets its first values, by Keras's names.
public enum Initializer: Sendable, Equatable {
    /// Uniform in ±sqrt(6 / (fanIn + fanOut)) (Glorot & Bengio 2010), Keras's default for kernels.
    case glorotUniform
    /// Uniform in [low, high]; Keras's `RandomUniform` defaults to [-0.05, 0.05].
    case uniform(low: Float, high: Float)
    case zeros
    case ones

    /// Fills `tensor` for a weight whose fan-in and fan-out are given.
    public func fill(_ tensor: Tensor, fanIn: Int, fanOut: Int, rng: inout SeededRandom) {
        switch self {
        case .glorotUniform:
            let limit = (6.0 / Float(max(1, fanIn + fanOut))).squareRoot()
            for i in 0..<tensor.count { tensor[i] = rng.uniform(-limit, limit) }
        case .uniform(let low, let high):
            for i in 0..<tensor.count { tensor[i] = rng.uniform(low, high) }
        case .zeros:
            tensor.fill(0)
        case .ones:
            tensor.fill(1)
        }
    }

    /// A new weight `name` of `shape`, filled for the given fan-in and fan-out.
    func parameter(
        _ name: String, shape: [Int], isKernel: Bool = false, fanIn: Int, fanOut: Int, rng: inout SeededRandom
    ) -> Parameter {
        let parameter = Parameter(name: name, shape: shape, isKernel: isKernel)
        fill(parameter.value, fanIn: fanIn, fanOut: fanOut, rng: &rng)
        return parameter
    }

    /// The Keras name, as written in configs.
    public var kerasName: String {
        switch self {
        case .glorotUniform: "glorot_uniform"
        case .uniform: "random_uniform"
        case .zeros: "zeros"
        case .ones: "ones"
        }
    }
}
