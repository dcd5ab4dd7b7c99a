/// Kernels for inputs whose features are the innermost axis (flat features, `inner == 1`): the
/// input is `rows` rows of `features` contiguous values, and each loop runs along a row over every
/// feature at once, which vectorises, instead of over one feature's single value per row.
extension BatchNormalization {
    /// Adds, per feature, `x - shift` to `sums` and its square to `squares`.
    /// `x`: `[rows, features]`; `shift`, `sums`, `squares`: `[features]`.
    static func accumulateShiftedSums(
        _ x: UnsafePointer<Float>, rows: Int, features: Int, shift: UnsafePointer<Float>,
        sums: UnsafeMutablePointer<Double>, squares: UnsafeMutablePointer<Double>
    ) {
        for row in 0..<rows {
            let line = x + row * features
            for c in 0..<features {
                let d = Double(line[c] - shift[c])
                sums[c] += d
                squares[c] += d * d
            }
        }
    }

    /// `y = (x - mean)·scale + offset` per feature. `x`, `y`: `[rows, features]`.
    static func applyAffine(
        _ x: UnsafePointer<Float>, rows: Int, features: Int, mean: UnsafePointer<Float>,
        scale: UnsafePointer<Float>, offset: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<rows {
            let line = x + row * features
            let out = y + row * features
            for c in 0..<features { out[c] = (line[c] - mean[c]) * scale[c] + offset[c] }
        }
    }

    /// Adds, per feature, `Σ dy` to `sumDy` and `Σ dy·(x - mean)` to `sumDyCentered`.
    static func accumulateGradientSums(
        _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, rows: Int, features: Int,
        mean: UnsafePointer<Float>, sumDy: UnsafeMutablePointer<Double>, sumDyCentered: UnsafeMutablePointer<Double>
    ) {
        for row in 0..<rows {
            let g = dy + row * features
            let line = x + row * features
            for c in 0..<features {
                let gc = Double(g[c])
                sumDy[c] += gc
                sumDyCentered[c] += gc * Double(line[c] - mean[c])
            }
        }
    }

    /// `dx = a·dy + k·(x - mean) + c` per feature. `dy`, `x`, `dx`: `[rows, features]`.
    static func applyInputGradient(
        _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, rows: Int, features: Int,
        mean: UnsafePointer<Float>, a: UnsafePointer<Float>, k: UnsafePointer<Float>, c: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<rows {
            let g = dy + row * features
            let line = x + row * features
            let out = dx + row * features
            for f in 0..<features { out[f] = a[f] * g[f] + k[f] * (line[f] - mean[f]) + c[f] }
        }
    }
}
