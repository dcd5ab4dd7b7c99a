/// Sums over Float runs with eight partial sums: the compiler may not reorder a Float sum on its
/// own (that changes the rounding), so a plain loop adds one value at a time.
extension Vectorized {
    /// Σ x.
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var acc = Vector(repeating: 0)
        var i = 0
        while i + width <= count {
            acc += load(x, i)
            i += width
        }
        var total = acc.sum()
        while i < count {
            total += x[i]
            i += 1
        }
        return total
    }

    /// Σ (x - mean)².
    static func squaredDeviations(_ x: UnsafePointer<Float>, mean: Float, count: Int) -> Float {
        var acc = Vector(repeating: 0)
        let m = Vector(repeating: mean)
        var i = 0
        while i + width <= count {
            let d = load(x, i) - m
            acc += d * d
            i += width
        }
        var total = acc.sum()
        while i < count {
            let d = x[i] - mean
            total += d * d
            i += 1
        }
        return total
    }

    /// (Σ (x - shift), Σ (x - shift)²) in one pass. With `shift` near the mean (any one of the
    /// values will do) the variance Σ(x - shift)²/n - (Σ(x - shift)/n)² keeps its accuracy even
    /// when the mean is large against the spread.
    static func shiftedSums(_ x: UnsafePointer<Float>, shift: Float, count: Int) -> (sum: Float, squares: Float) {
        var plain = Vector(repeating: 0)
        var squared = Vector(repeating: 0)
        var plain2 = Vector(repeating: 0)
        var squared2 = Vector(repeating: 0)
        let k = Vector(repeating: shift)
        var i = 0
        // Two sets of partial sums: one set is bound by the latency of its additions.
        while i + 2 * width <= count {
            let d = load(x, i) - k
            let d2 = load(x, i + width) - k
            plain += d
            squared += d * d
            plain2 += d2
            squared2 += d2 * d2
            i += 2 * width
        }
        plain += plain2
        squared += squared2
        while i + width <= count {
            let d = load(x, i) - k
            plain += d
            squared += d * d
            i += width
        }
        var sum = plain.sum()
        var squares = squared.sum()
        while i < count {
            let d = x[i] - shift
            sum += d
            squares += d * d
            i += 1
        }
        return (sum, squares)
    }

    /// (Σ dy, Σ dy·(x - mean)) in one pass.
    static func sumAndCenteredDot(
        _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, mean: Float, count: Int
    ) -> (sum: Float, dot: Float) {
        sumAndCenteredDot(x, mean: mean, count: count, vector: { load(dy, $0) }, scalar: { dy[$0] })
    }

    /// `sumAndCenteredDot` of the gradient that a ReLU with output `y` passes on (dy where y > 0,
    /// else 0, as `reluBackward`), which is also written to `masked`: one pass instead of two.
    static func rectifiedSumAndCenteredDot(
        _ dy: UnsafePointer<Float>, output y: UnsafePointer<Float>, _ x: UnsafePointer<Float>, mean: Float,
        maskedInto masked: UnsafeMutablePointer<Float>, count: Int
    ) -> (sum: Float, dot: Float) {
        let zero = Vector(repeating: 0)
        return sumAndCenteredDot(
            x, mean: mean, count: count,
            vector: { i in
                let g = load(dy, i).replacing(with: zero, where: load(y, i) .<= zero)
                store(g, masked, i)
                return g
            },
            scalar: { i in
                let g = y[i] <= 0 ? 0 : dy[i]
                masked[i] = g
                return g
            })
    }

    /// The sums over the gradient values that `vector` (eight from an index) and `scalar` (one)
    /// give, with two sets of partial sums: one set is bound by the latency of its additions.
    @inline(__always)
    private static func sumAndCenteredDot(
        _ x: UnsafePointer<Float>, mean: Float, count: Int, vector: (Int) -> Vector, scalar: (Int) -> Float
    ) -> (sum: Float, dot: Float) {
        var plain = Vector(repeating: 0)
        var centered = Vector(repeating: 0)
        var plain2 = Vector(repeating: 0)
        var centered2 = Vector(repeating: 0)
        let m = Vector(repeating: mean)
        var i = 0
        while i + 2 * width <= count {
            let g = vector(i)
            let g2 = vector(i + width)
            plain += g
            centered += g * (load(x, i) - m)
            plain2 += g2
            centered2 += g2 * (load(x, i + width) - m)
            i += 2 * width
        }
        plain += plain2
        centered += centered2
        while i + width <= count {
            let g = vector(i)
            plain += g
            centered += g * (load(x, i) - m)
            i += width
        }
        var sum = plain.sum()
        var dot = centered.sum()
        while i < count {
            let g = scalar(i)
            sum += g
            dot += g * (x[i] - mean)
            i += 1
        }
        return (sum, dot)
    }
}
