#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// An element-wise (or, for softmax, row-wise) activation, by Keras's names.
///
/// Every derivative here is written in terms of the activation's *output*, so layers keep only
/// their output for the backward pass.
public enum Activation: String, Sendable, CaseIterable {
    case linear
    case relu
    case tanh
    case sigmoid
    case softmax

    /// Applies the activation in place to `rows` rows of `columns` values.
    public func apply(_ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        let count = rows * columns
        switch self {
        case .linear:
            break
        case .relu:
            Vectorized.relu(values, count: count)
        case .tanh:
            Vectorized.tanh(values, count: count)
        case .sigmoid:
            for i in 0..<count { values[i] = 1 / (1 + expf(-values[i])) }
        case .softmax:
            for r in 0..<rows {
                let row = values + r * columns
                var largest = -Float.infinity
                for c in 0..<columns { largest = max(largest, row[c]) }
                var sum: Float = 0
                for c in 0..<columns {
                    let e = expf(row[c] - largest)
                    row[c] = e
                    sum += e
                }
                let scale = 1 / sum
                for c in 0..<columns { row[c] *= scale }
            }
        }
    }

    /// Turns `gradient` (dL/d output) into dL/d input in place, given the activation's `output`.
    public func backward(
        output: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, rows: Int, columns: Int
    ) {
        let count = rows * columns
        switch self {
        case .linear:
            break
        case .relu:
            Vectorized.reluBackward(output: output, gradient: gradient, count: count)
        case .tanh:
            Vectorized.tanhBackward(output: output, gradient: gradient, count: count)
        case .sigmoid:
            for i in 0..<count { gradient[i] *= output[i] * (1 - output[i]) }
        case .softmax:
            // dz = y * (dy - sum(dy * y)) per row: the softmax Jacobian applied to dy.
            for r in 0..<rows {
                let y = output + r * columns
                let g = gradient + r * columns
                var dot: Float = 0
                for c in 0..<columns { dot += g[c] * y[c] }
                for c in 0..<columns { g[c] = y[c] * (g[c] - dot) }
            }
        }
    }
}
