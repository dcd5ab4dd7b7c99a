/// Keras's `BatchNormalization`: `output = gamma · (x - mean) / sqrt(variance + epsilon) + beta`,
/// one mean and variance per feature along `axis`.
///
/// Any input shape; the output has the input's shape. `axis` counts like Keras's, the batch being
/// axis 0: on channels-first images `[batch, channels, height, width]` use `axis: 1` (statistics
/// per channel over batch, height and width); on flat features the default `-1` is per feature
/// over the batch.
///
/// In training mode, when the layer is trainable, it normalises with the batch's mean and biased
/// variance and moves the moving statistics towards them. In inference mode, and whenever the layer
/// is frozen (Keras 3's `training and self.trainable`), it uses the moving statistics; it is then a
/// fixed per-feature affine map, and its backward pass is that map's.
public final class BatchNormalization: Layer {
    public var name: String
    public let kind = "BatchNormalization"
    public var trainable: Bool
    public let axis: Int
    public let momentum: Float
    public let epsilon: Float
    public let center: Bool
    public let scale: Bool
    public private(set) var parameters: [Parameter] = []
    public private(set) var outputShape: [Int] = []

    public private(set) var gamma: Parameter?
    public private(set) var beta: Parameter?
    public private(set) var movingMean: Parameter?
    public private(set) var movingVariance: Parameter?

    /// The input viewed as `[batch·outer, features, inner]`.
    private var features = 0
    private var outer = 1
    private var inner = 1
    private var lastInput: Tensor?
    private var lastUsedBatchStatistics = false
    /// The mean and 1/sqrt(variance + epsilon) the last forward pass normalised with, `[features]`.
    private let mean = Tensor(shape: [0])
    private let inverseDeviation = Tensor(shape: [0])
    private let sums = ScratchBuffer<Double>(zero: 0)
    private let otherSums = ScratchBuffer<Double>(zero: 0)
    /// Per-feature terms of the input gradient, `[3, features]`.
    private let coefficients = Tensor(shape: [0])
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    /// True when the model fused the ReLU `Activation` that follows this layer into it: the
    /// output is then rectified here, while it is in cache, and the backward pass takes the
    /// gradient at the rectified output (see `Sequential+Fusion.swift`).
    public internal(set) var rectifiesOutput = false

    public init(
        axis: Int = -1, momentum: Float = 0.99, epsilon: Float = 1e-3, center: Bool = true,
        scale: Bool = true, trainable: Bool = true, name: String = "batch_normalization"
    ) {
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.trainable = trainable
        self.name = name
    }

    public func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError) {
        try ModelError.checkShape(inputShape, layer: name)
        // Keras counts the batch as axis 0; `index` is the axis within one sample.
        let rank = inputShape.count + 1
        let resolved = axis < 0 ? axis + rank : axis
        guard resolved >= 1, resolved < rank else {
            throw .invalidArgument(
                layer: name,
                message:
                    "axis \(axis) is not a feature axis of input [batch, \(inputShape.map(String.init).joined(separator: ", "))]"
                    + " (use 1 for channels-first images, -1 for flat features)")
        }
        guard epsilon > 0, momentum >= 0, momentum <= 1 else {
            throw .invalidArgument(layer: name, message: "needs epsilon > 0 and momentum in [0, 1]")
        }
        let index = resolved - 1
        outputShape = inputShape
        features = inputShape[index]
        outer = inputShape[..<index].reduce(1, *)
        inner = inputShape[(index + 1)...].reduce(1, *)
        parameters = []
        if scale {
            let gamma = Parameter(name: "gamma", shape: [features])
            gamma.value.fill(1)
            self.gamma = gamma
            parameters.append(gamma)
        }
        if center {
            let beta = Parameter(name: "beta", shape: [features])
            self.beta = beta
            parameters.append(beta)
        }
        let movingMean = Parameter(name: "moving_mean", shape: [features], isLearnable: false)
        let movingVariance = Parameter(name: "moving_variance", shape: [features], isLearnable: false)
        movingVariance.value.fill(1)
        self.movingMean = movingMean
        self.movingVariance = movingVariance
        parameters += [movingMean, movingVariance]
        mean.resize(to: [features])
        inverseDeviation.resize(to: [features])
    }

    public func replica() -> any Layer {
        BatchNormalization(
            axis: axis, momentum: momentum, epsilon: epsilon, center: center, scale: scale, trainable: trainable,
            name: name)
    }

    /// The number of values each feature's statistics are taken over, for a batch.
    private func reductionCount(batch: Int) -> Int { batch * outer * inner }

    // MARK: - Forward

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        guard let movingMean, let movingVariance else { preconditionFailure("\(name) used before build") }
        let batch = input.rows
        precondition(input.columns == outer * features * inner || batch == 0, "\(name): input \(input.shape)")
        let useBatch = mode == .training && trainable && batch > 0
        let mu = mean.pointer
        let inv = inverseDeviation.pointer
        if useBatch {
            computeBatchStatistics(input, batch: batch, bothCores: mode == .training)
            // Keras 3 (keras/src/layers/normalization/batch_normalization.py, `call`) moves both
            // statistics with the same biased `ops.moments` variance it normalises with:
            // moving = moving·momentum + batch·(1 - momentum).
            let mm = movingMean.value.pointer
            let mv = movingVariance.value.pointer
            let s = sums.pointer
            for c in 0..<features {
                mm[c] = mm[c] * momentum + mu[c] * (1 - momentum)
                mv[c] = mv[c] * momentum + Float(s[c]) * (1 - momentum)
            }
        } else {
            for c in 0..<features {
                mu[c] = movingMean.value.pointer[c]
                inv[c] = 1 / (movingVariance.value.pointer[c] + epsilon).squareRoot()
            }
        }
        // y = (x - mean)·a + beta per feature, a = gamma·inv.
        output.resize(to: input.shape)
        coefficients.resize(3, features)
        let a = coefficients.pointer
        let b = a + features
        for c in 0..<features {
            a[c] = (gamma?.value.pointer[c] ?? 1) * inv[c]
            b[c] = beta?.value.pointer[c] ?? 0
        }
        if inner == 1 {
            Self.applyAffine(
                input.pointer, rows: batch * outer, features: features, mean: mu, scale: a, offset: b,
                into: output.pointer)
            if rectifiesOutput { Vectorized.relu(output.pointer, count: output.count) }
        } else {
            // Each core normalises half of the samples (in training: validation's lanes take a core each).
            let (groups, rectify) = (batch * outer, rectifiesOutput)
            let (x, y, features, inner) = (input.pointer, output.pointer, features, inner)
            CorePair.run(when: mode == .training) { half in
                for group in CorePair.range(half, of: groups) {
                    for c in 0..<features {
                        let offset = (group * features + c) * inner
                        Self.normalizeRun(
                            x + offset, mean: mu[c], scale: a[c], offset: b[c], rectify: rectify, into: y + offset,
                            count: inner)
                    }
                }
            }
        }
        lastInput = input
        lastUsedBatchStatistics = useBatch
        return output
    }

    /// Sets `mean` and `inverseDeviation` from the batch, leaving the biased variance in `sums`.
    ///
    /// One pass over the input: sums of `x - shift` and of its square, `shift` being the
    /// feature's first value in the batch, which lies within the spread of the values and so
    /// keeps the subtraction in the variance from cancelling.
    ///
    /// With `bothCores`, each core sums half of the samples (`featureSums`).
    private func computeBatchStatistics(_ input: Tensor, batch: Int, bothCores: Bool) {
        let total = Double(reductionCount(batch: batch))
        sums.clear(features)
        otherSums.clear(features)
        let s = sums.pointer
        let q = otherSums.pointer
        let mu = mean.pointer
        let inv = inverseDeviation.pointer
        if inner == 1 {
            Self.accumulateShiftedSums(
                input.pointer, rows: batch * outer, features: features, shift: input.pointer, sums: s, squares: q)
        } else {
            let (groups, features, inner, x) = (batch * outer, features, inner, input.pointer)
            Self.featureSums(features: features, groups: groups, bothCores: bothCores, into: s, q) { group, c in
                let run = x + (group * features + c) * inner
                let partial = Vectorized.shiftedSums(run, shift: x[c * inner], count: inner)
                return (Double(partial.sum), Double(partial.squares))
            }
        }
        for c in 0..<features {
            let shiftedMean = s[c] / total
            let variance = max(q[c] / total - shiftedMean * shiftedMean, 0)
            mu[c] = Float(Double(input.pointer[c * inner]) + shiftedMean)
            s[c] = variance
            inv[c] = Float(1 / (variance + Double(epsilon)).squareRoot())
        }
    }

    // MARK: - Backward

    /// With x̂ = (x - mean)·inv: dgamma = Σ dy·x̂, dbeta = Σ dy. With batch statistics
    /// dx = gamma·inv·(dy - mean(dy) - x̂·mean(dy·x̂)); with fixed statistics dx = gamma·inv·dy.
    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard let input = lastInput else { preconditionFailure("\(name): backward before forward") }
        precondition(
            outputGradient.count == input.count, "\(name): gradient \(outputGradient.shape) for input \(input.shape)")
        let batch = input.rows
        let mu = mean.pointer
        let inv = inverseDeviation.pointer
        sums.clear(features)
        otherSums.clear(features)
        let sumDy = sums.pointer
        let sumDyCentered = otherSums.pointer
        // With the ReLU fused in, dy is the gradient at the rectified output: it is first masked
        // by the output into `inputGradient`, which then stands for dy until dx overwrites it.
        inputGradient.resize(to: input.shape)
        let dy = rectifiesOutput ? inputGradient.pointer : outputGradient.pointer
        if inner == 1 {
            if rectifiesOutput {
                Vectorized.reluBackward(
                    output: output.pointer, gradient: outputGradient.pointer, into: dy, count: input.count)
            }
            Self.accumulateGradientSums(
                dy, input.pointer, rows: batch * outer, features: features, mean: mu,
                sumDy: sumDy, sumDyCentered: sumDyCentered)
        } else {
            // Each core takes half of the samples, as the input-gradient pass below does.
            let (groups, features, inner, rectify) = (batch * outer, features, inner, rectifiesOutput)
            let (g, y, x) = (outputGradient.pointer, output.pointer, input.pointer)
            Self.featureSums(features: features, groups: groups, bothCores: true, into: sumDy, sumDyCentered) {
                group, c in
                let offset = (group * features + c) * inner
                let partial =
                    rectify
                    ? Vectorized.rectifiedSumAndCenteredDot(
                        g + offset, output: y + offset, x + offset, mean: mu[c], maskedInto: dy + offset,
                        count: inner)
                    : Vectorized.sumAndCenteredDot(dy + offset, x + offset, mean: mu[c], count: inner)
                return (Double(partial.sum), Double(partial.dot))
            }
        }
        // Σ dy·x̂ = inv · Σ dy·(x - mean)
        if let gamma {
            for c in 0..<features { gamma.gradient.pointer[c] = Float(sumDyCentered[c] * Double(inv[c])) }
        }
        if let beta {
            for c in 0..<features { beta.gradient.pointer[c] = Float(sumDy[c]) }
        }
        guard needsInputGradient else { return nil }
        // dx = a·dy + k·(x - mean) + c per feature, folding the batch-statistics terms into k and c.
        let total = Double(reductionCount(batch: batch))
        coefficients.resize(3, features)
        let aTerm = coefficients.pointer
        let kTerm = aTerm + features
        let cTerm = kTerm + features
        for c in 0..<features {
            let i = Double(inv[c])
            let a = (gamma.map { Double($0.value.pointer[c]) } ?? 1) * i
            aTerm[c] = Float(a)
            if lastUsedBatchStatistics {
                kTerm[c] = Float(-a * i * sumDyCentered[c] * i / total)
                cTerm[c] = Float(-a * sumDy[c] / total)
            } else {
                kTerm[c] = 0
                cTerm[c] = 0
            }
        }
        if inner == 1 {
            Self.applyInputGradient(
                dy, input.pointer, rows: batch * outer, features: features, mean: mu,
                a: aTerm, k: kTerm, c: cTerm, into: inputGradient.pointer)
            return inputGradient
        }
        let (groups, features, inner, x, dx) = (batch * outer, features, inner, input.pointer, inputGradient.pointer)
        CorePair.run { half in
            for group in CorePair.range(half, of: groups) {
                for c in 0..<features {
                    let offset = (group * features + c) * inner
                    Self.inputGradientRun(
                        dy + offset, x + offset, mean: mu[c], a: aTerm[c], k: kTerm[c], c: cTerm[c], into: dx + offset,
                        count: inner)
                }
            }
        }
        return inputGradient
    }
}
