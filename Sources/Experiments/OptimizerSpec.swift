import NeuroEngine

/// A config's optimizer with its settings; `makeOptimizer()` gives a fresh engine optimizer.
public enum OptimizerSpec: Sendable, Equatable {
    /// Adam; Keras's defaults are learning rate 0.001, β1 0.9, β2 0.999, ε 1e-7.
    case adam(learningRate: Float, beta1: Float, beta2: Float, epsilon: Float)
    /// Stochastic gradient descent; Keras's defaults are learning rate 0.01, momentum 0.
    case sgd(learningRate: Float, momentum: Float)

    /// Adam with every setting at Keras's default.
    public static let kerasAdam = OptimizerSpec.adam(learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7)

    /// Keras's class name (`Adam`, `SGD`).
    public var kind: String {
        switch self {
        case .adam: "Adam"
        case .sgd: "SGD"
        }
    }

    public var learningRate: Float {
        switch self {
        case .adam(let learningRate, _, _, _), .sgd(let learningRate, _): learningRate
        }
    }

    /// A new optimizer with no state (no moments, step count 0).
    public func makeOptimizer() -> any Optimizer {
        switch self {
        case .adam(let learningRate, let beta1, let beta2, let epsilon):
            Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
        case .sgd(let learningRate, let momentum):
            SGD(learningRate: learningRate, momentum: momentum)
        }
    }
}
