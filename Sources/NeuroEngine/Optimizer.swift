import CVectorMath

/// Updates weights from their gradients. Keras semantics: parameters of frozen layers and
/// non-learnable state are skipped, and their optimizer state is left untouched.
public protocol Optimizer: AnyObject {
    /// Keras's name (`Adam`, `SGD`).
    var kind: String { get }
    var learningRate: Float { get set }
    /// How many update steps have been applied (settable to restore a saved run).
    var iterations: Int { get set }
    /// The optimizer's own tensors for `parameter` by slot name (Adam's `m` and `v`, SGD's
    /// `velocity`), made as at the first step if missing: what a checkpoint saves and restores.
    func slots(for parameter: Parameter) -> [(name: String, tensor: Tensor)]
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
    public var iterations = 0
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
        let oneMinusBeta1 = 1 - beta1
        let oneMinusBeta2 = 1 - beta2
        let epsilon = epsilon
        var ratios: [ObjectIdentifier: Float] = [:]
        for parameter in parameters {
            let key = ObjectIdentifier(parameter)
            let state = moments(for: parameter)
            let update = measureUpdateRatio ? adamUpdateMeasured : adamUpdate
            let (w, g, m, v) = (parameter.value.pointer, parameter.gradient.pointer, state.m.pointer, state.v.pointer)
            var updateSquares: Float = 0
            if !measureUpdateRatio, let split = GEMM.bothCoresSplit(parameter.value) {
                // The same halves the kernel's gradient product wrote on each core.
                CorePair.run { half in
                    let (start, count) = half == 0 ? (0, split) : (split, parameter.value.count - split)
                    _ = update(
                        w + start, g + start, m + start, v + start, count, alpha, oneMinusBeta1, oneMinusBeta2, epsilon)
                }
            } else {
                updateSquares = update(w, g, m, v, parameter.value.count, alpha, oneMinusBeta1, oneMinusBeta2, epsilon)
            }
            if measureUpdateRatio {
                ratios[key] = updateRatio(updateSquares, parameter.value)
            }
        }
        return ratios
    }

    public func slots(for parameter: Parameter) -> [(name: String, tensor: Tensor)] {
        let state = moments(for: parameter)
        return [("m", state.m), ("v", state.v)]
    }

    /// The first and second moments of `parameter`, zero until its first update.
    private func moments(for parameter: Parameter) -> (m: Tensor, v: Tensor) {
        let key = ObjectIdentifier(parameter)
        if let state = moments[key] { return state }
        let fresh = (m: Tensor(shape: parameter.value.shape), v: Tensor(shape: parameter.value.shape))
        moments[key] = fresh
        return fresh
    }
}

/// Stochastic gradient descent with optional momentum, as Keras applies it:
/// `v = momentum·v - lr·g`, `w += v` (plain `w -= lr·g` without momentum).
public final class SGD: Optimizer {
    public let kind = "SGD"
    public var learningRate: Float
    public let momentum: Float
    public var iterations = 0
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
            let w = parameter.value.pointer
            let g = parameter.gradient.pointer
            var updateSquares: Float = 0
            if momentum == 0 {
                for i in 0..<parameter.value.count {
                    let delta = learningRate * g[i]
                    w[i] -= delta
                    updateSquares += delta * delta
                }
            } else {
                let v = velocity(for: parameter).pointer
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

    public func slots(for parameter: Parameter) -> [(name: String, tensor: Tensor)] {
        momentum == 0 ? [] : [("velocity", velocity(for: parameter))]
    }

    /// The momentum buffer of `parameter`, zero until its first update.
    private func velocity(for parameter: Parameter) -> Tensor {
        let key = ObjectIdentifier(parameter)
        if let velocity = velocities[key] { return velocity }
        let fresh = Tensor(shape: parameter.value.shape)
        velocities[key] = fresh
        return fresh
    }
}

/// One Adam update over a whole tensor, sixteen lanes at a time where the CPU has AVX-512, else
/// eight (and the rest one by one); returns 0 (no measurement).
@inline(never)
private func adamUpdate(
    _ w: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>,
    _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, _ count: Int,
    _ alpha: Float, _ oneMinusBeta1: Float, _ oneMinusBeta2: Float, _ epsilon: Float
) -> Float {
    typealias V = Vectorized
    var i = Vectorized.hasAVX512 ? neurotop_adam16(w, g, m, v, count, alpha, oneMinusBeta1, oneMinusBeta2, epsilon) : 0
    let a = V.Vector(repeating: alpha)
    let b1 = V.Vector(repeating: oneMinusBeta1)
    let b2 = V.Vector(repeating: oneMinusBeta2)
    let eps = V.Vector(repeating: epsilon)
    while i + V.width <= count {
        let gi = V.load(g, i)
        let mi = V.load(m, i) + (gi - V.load(m, i)) * b1
        let vi = V.load(v, i) + (gi * gi - V.load(v, i)) * b2
        V.store(mi, m, i)
        V.store(vi, v, i)
        V.store(V.load(w, i) - a * mi / (V.squareRoot(vi) + eps), w, i)
        i += V.width
    }
    while i < count {
        let gi = g[i]
        m[i] += (gi - m[i]) * oneMinusBeta1
        v[i] += (gi * gi - v[i]) * oneMinusBeta2
        w[i] -= alpha * m[i] / (v[i].squareRoot() + epsilon)
        i += 1
    }
    return 0
}

/// The same update, also returning Σ Δw² (for the update-to-weight ratio, a few times a second).
private func adamUpdateMeasured(
    _ w: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>,
    _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, _ count: Int,
    _ alpha: Float, _ oneMinusBeta1: Float, _ oneMinusBeta2: Float, _ epsilon: Float
) -> Float {
    var updateSquares: Float = 0
    for i in 0..<count {
        let gi = g[i]
        let mi = m[i] + (gi - m[i]) * oneMinusBeta1
        let vi = v[i] + (gi * gi - v[i]) * oneMinusBeta2
        m[i] = mi
        v[i] = vi
        let delta = alpha * mi / (vi.squareRoot() + epsilon)
        w[i] -= delta
        updateSquares += delta * delta
    }
    return updateSquares
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
