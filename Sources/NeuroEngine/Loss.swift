#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A loss averaged over the batch, by Keras's names.
public enum Loss: String, Sendable, CaseIterable {
    /// -Σ y·log(p) per sample, with p clipped to [1e-7, 1 - 1e-7] as Keras does.
    case categoricalCrossentropy = "categorical_crossentropy"
    /// Mean of (p - y)² over every output of every sample.
    case meanSquaredError = "mean_squared_error"

    /// Keras's `epsilon()`, the clipping bound for probabilities.
    public static let epsilon: Float = 1e-7

    /// The batch-mean loss of `prediction` against `target` (both `[batch, ...]`).
    public func value(prediction: Tensor, target: Tensor) -> Float {
        precondition(prediction.count == target.count, "prediction \(prediction.shape) vs target \(target.shape)")
        let p = prediction.pointer
        let y = target.pointer
        var total: Double = 0
        switch self {
        case .categoricalCrossentropy:
            for i in 0..<prediction.count where y[i] != 0 {
                let clipped = min(max(p[i], Loss.epsilon), 1 - Loss.epsilon)
                total -= Double(y[i]) * Double(logf(clipped))
            }
            return Float(total / Double(max(prediction.rows, 1)))
        case .meanSquaredError:
            for i in 0..<prediction.count {
                let d = Double(p[i] - y[i])
                total += d * d
            }
            return Float(total / Double(max(prediction.count, 1)))
        }
    }

    /// Writes dL/d prediction into `gradient`.
    public func gradient(prediction: Tensor, target: Tensor, into gradient: Tensor) {
        gradient.resize(to: prediction.shape)
        let p = prediction.pointer
        let y = target.pointer
        let g = gradient.pointer
        switch self {
        case .categoricalCrossentropy:
            let scale = 1 / Float(max(prediction.rows, 1))
            for i in 0..<prediction.count {
                let clipped = min(max(p[i], Loss.epsilon), 1 - Loss.epsilon)
                let inside = p[i] >= Loss.epsilon && p[i] <= 1 - Loss.epsilon
                g[i] = inside ? -y[i] / clipped * scale : 0
            }
        case .meanSquaredError:
            let scale = 2 / Float(max(prediction.count, 1))
            for i in 0..<prediction.count { g[i] = (p[i] - y[i]) * scale }
        }
    }

    /// For softmax outputs under cross-entropy: dL/d logits = (p - y) / batch, exact and stable.
    public func softmaxLogitGradient(prediction: Tensor, target: Tensor, into gradient: Tensor) {
        gradient.resize(to: prediction.shape)
        let scale = 1 / Float(max(prediction.rows, 1))
        let p = prediction.pointer
        let y = target.pointer
        let g = gradient.pointer
        for i in 0..<prediction.count { g[i] = (p[i] - y[i]) * scale }
    }
}

/// Counts the rows whose largest prediction sits where the target's largest value is.
public func correctPredictions(prediction: Tensor, target: Tensor) -> Int {
    let columns = prediction.columns
    var correct = 0
    for r in 0..<prediction.rows {
        if argmax(prediction.pointer + r * columns, count: columns)
            == argmax(target.pointer + r * columns, count: columns)
        {
            correct += 1
        }
    }
    return correct
}

/// The index of the largest of `count` values (the first one on ties).
public func argmax(_ values: UnsafePointer<Float>, count: Int) -> Int {
    var best = 0
    for i in 1..<max(count, 1) where values[i] > values[best] { best = i }
    return best
}
