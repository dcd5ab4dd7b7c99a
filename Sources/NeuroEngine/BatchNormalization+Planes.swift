import CVectorMath

/// Kernels for inputs whose features are planes (channels-first images, `inner > 1`): each
/// feature's values of one sample are one contiguous run, handled in vectors of eight (the
/// element-wise passes sixteen at a time with CVectorMath's normalize.h where the CPU has AVX-512,
/// to the same bits). The arithmetic is the scalar formula's, operation for operation, so results
/// do not depend on where a run's vector part ends.
extension BatchNormalization {
    /// For each feature, the two sums over the groups (samples) of what `partial` gives, into
    /// `first[c]` and `second[c]` (which start at zero). Each half of the groups (`CorePair.range`)
    /// is summed on its own core, groups in order, and the halves' sums are added after, the first
    /// half's first: the same sums on one core as on two. Split by samples, as the convolution and
    /// the element-wise passes split a batch, each core reads the runs it wrote itself; split by
    /// features, each read half of its runs from the other core's cache. A half's sums build up on
    /// its own thread's stack and are written once at the end.
    static func featureSums(
        features: Int, groups: Int, bothCores: Bool, into first: UnsafeMutablePointer<Double>,
        _ second: UnsafeMutablePointer<Double>, _ partial: (_ group: Int, _ feature: Int) -> (Double, Double)
    ) {
        // Per half: its `first` sums, then its `second` sums.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(4 * features, 1)) { halves in
            halves.initialize(repeating: 0)
            CorePair.run(when: bothCores) { half in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: max(2 * features, 1)) { local in
                    local.initialize(repeating: 0)
                    for group in CorePair.range(half, of: groups) {
                        for c in 0..<features {
                            let (a, b) = partial(group, c)
                            local[c] += a
                            local[features + c] += b
                        }
                    }
                    for index in 0..<(2 * features) { halves[half * 2 * features + index] = local[index] }
                }
            }
            for c in 0..<features {
                first[c] += halves[c] + halves[2 * features + c]
                second[c] += halves[features + c] + halves[3 * features + c]
            }
        }
    }

    /// `y = (x - mean)·scale + offset` over one run, then `max(y, 0)` when `rectify` (the fused
    /// ReLU, applied while the values are in registers).
    static func normalizeRun(
        _ x: UnsafePointer<Float>, mean: Float, scale: Float, offset: Float, rectify: Bool,
        into y: UnsafeMutablePointer<Float>, count: Int
    ) {
        let (m, a, b) = (
            Vectorized.Vector(repeating: mean), Vectorized.Vector(repeating: scale),
            Vectorized.Vector(repeating: offset)
        )
        let zero = Vectorized.Vector(repeating: 0)
        var i = 0
        if Vectorized.hasAVX512 {
            // The vector part sixteen at a time; the tail below as ever (its max() makes -0 zero).
            i = count - count % Vectorized.width
            neurotop_normalize_run(x, mean, scale, offset, rectify ? 1 : 0, y, i)
        }
        while i + Vectorized.width <= count {
            let v = (Vectorized.load(x, i) - m) * a + b
            Vectorized.store(rectify ? v.replacing(with: zero, where: v .< zero) : v, y, i)
            i += Vectorized.width
        }
        while i < count {
            let v = (x[i] - mean) * scale + offset
            y[i] = rectify ? max(v, 0) : v
            i += 1
        }
    }

    /// `dx = a·dy + k·(x - mean) + c` over one run; `dy` and `dx` may be the same memory.
    static func inputGradientRun(
        _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, mean: Float, a: Float, k: Float, c: Float,
        into dx: UnsafeMutablePointer<Float>, count: Int
    ) {
        let (m, av, kv, cv) = (
            Vectorized.Vector(repeating: mean), Vectorized.Vector(repeating: a),
            Vectorized.Vector(repeating: k), Vectorized.Vector(repeating: c)
        )
        if Vectorized.hasAVX512 {
            neurotop_normalize_gradient_run(dy, x, mean, a, k, c, dx, count)
            return
        }
        var i = 0
        while i + Vectorized.width <= count {
            Vectorized.store(av * Vectorized.load(dy, i) + kv * (Vectorized.load(x, i) - m) + cv, dx, i)
            i += Vectorized.width
        }
        while i < count {
            dx[i] = a * dy[i] + k * (x[i] - mean) + c
            i += 1
        }
    }
}
