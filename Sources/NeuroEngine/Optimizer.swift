/// Updates weights from their gradients. Keras semantics: parameters of frozen layers and
/// non-learnable state are skipped, and their optimizer state is left untouched.
public protocol Optimizer: AnyObject {
    /// Keras's name (`Adam`, `SGD`).
    var kind: String { get }
    var learningRate: Float { get set }
    /// How many update steps have been applied.
    var iterations: Int { get }
    /// Applies one step to `parameters`, returning for each updated one ‖Δw‖ / ‖w‖ when
    /// `measureUpdateRatio` is set (keyed by the parameter's identity), else an empty dictionary.
    func step(_ parameters: [Parameter], measureUpdateRatio: Bool) -> [ObjectIdentifier: Float]
}

/// Adam (Kingma & Ba 2014, arXiv:1412.6980), written as Keras 3 applies it:
/// `m += (g - m)(1 - β1)`, `v += (g² - v)(1 - β2)`,
/// `w -= lr·sqrt(1 - β2ᵗ)/(1 - β1ᵗ) · m / (sqrt(v) + ε)`.
public final class Adam: Optimizer {
    public let kind = "Adam"
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public private(set) var iterations = 0
    private var moments: [ObjectIdentifier: (m: Tensor, v: Tensor)] = [:]

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public func step(_ parameters: [Parameter], measureUpdateRatio: Bool) -> [ObjectIdentifier: Float] {
        iterations += 1
        let t = Double(iterations)
        let alpha = Float(Double(learningRate) * (1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t)))
        let oneMinusBeta1 = 1 - beta1, oneMinusBeta2 = 1 - beta2, epsilon = epsilon
        var ratios: [ObjectIdentifier: Float] = [:]
        for parameter in parameters {
            let key = ObjectIdentifier(parameter)
            let state = moments[key] ?? {
                let fresh = (m: Tensor(shape: parameter.value.shape), v: Tensor(shape: parameter.value.shape))
                moments[key] = fresh
                return fresh
            }()
            let w = parameter.value.pointer, g = parameter.gradient.pointer
            let m = state.m.pointer, v = state.v.pointer
            var updateSquares: Float = 0
            for i in 0..<parameter.value.count {
                let gi = g[i]
                m[i] += (gi - m[i]) * oneMinusBeta1
                v[i] += (gi * gi - v[i]) * oneMinusBeta2
                let delta = alpha * m[i] / (v[i].squareRoot() + epsilon)
                w[i] -= delta
                if measureUpdateRatio { updateSquares += delta * delta }
            }
            if measureUpdateRatio {
                ratios[key] = updateRatio(updateSquares, parameter.value)
            }
        }
        return ratios
    }
}

/// Stochastic gradient descent with optional momentum, as Keras applies it:
/// `v = momentum·v - lr·g`, `w += v` (plain `w -= lr·g` without momentum).
public final class SGD: Optimizer {
    public let kind = "SGD"
    public var learningRate: Float
    public let momentum: Float
    public private(set) var iterations = 0
    private var velocities: [ObjectIdentifier: Tensor] = [:]

    public init(learningRate: Float = 0.01, momentum: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public func step(_ parameters: [Parameter], measureUpdateRatio: Bool) -> [ObjectIdentifier: Float] {
        iterations += 1
        var ratios: [ObjectIdentifier: Float] = [:]
        for parameter in parameters {
            let key = ObjectIdentifier(parameter)
            let w = parameter.value.pointer, g = parameter.gradient.pointer
            var updateSquares: Float = 0
            if momentum == 0 {
                for i in 0..<parameter.value.count {
                    let delta = learningRate * g[i]
                    w[i] -= delta
                    updateSquares += delta * delta
                }
            } else {
                let velocity = velocities[key] ?? {
                    let fresh = Tensor(shape: parameter.value.shape)
                    velocities[key] = fresh
                    return fresh
                }()
                let v = velocity.pointer
                for i in 0..<parameter.value.count {
                    v[i] = momentum * v[i] - learningRate * g[i]
                    w[i] += v[i]
                    updateSquares += v[i] * v[i]
                }
            }
            if measureUpdateRatio { ratios[key] = updateRatio(updateSquares, parameter.value) }
        }
        return ratios
    }
}

/// ‖Δw‖ / ‖w‖, with ‖w‖ taken after the update.
private func updateRatio(_ updateSquares: Float, _ weights: Tensor) -> Float {
    let norm = GEMM.norm(weights.pointer, count: weights.count)
    return norm > 0 ? updateSquares.squareRoot() / norm : 0
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
