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
        let k = Vector(repeating: shift)
        let sums = pairedSums(
            count: count,
            vector: { i in
                let d = load(x, i) - k
                return (d, d * d)
            },
            scalar: { i in
                let d = x[i] - shift
                return (d, d * d)
            })
        return (sums.first, sums.second)
    }

    /// (Σ dy, Σ dy·(x - mean)) in one pass.
    static func sumAndCenteredDot(
        _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, mean: Float, count: Int
    ) -> (sum: Float, dot: Float) {
        let m = Vector(repeating: mean)
        let sums = pairedSums(
            count: count,
            vector: { i in
                let g = load(dy, i)
                return (g, g * (load(x, i) - m))
            },
            scalar: { i in (dy[i], dy[i] * (x[i] - mean)) })
        return (sums.first, sums.second)
    }

    /// `sumAndCenteredDot` of the gradient that a ReLU with output `y` passes on (dy where y > 0,
    /// else 0, as `reluBackward`), which is also written to `masked`: one pass instead of two.
    static func rectifiedSumAndCenteredDot(
        _ dy: UnsafePointer<Float>, output y: UnsafePointer<Float>, _ x: UnsafePointer<Float>, mean: Float,
        maskedInto masked: UnsafeMutablePointer<Float>, count: Int
    ) -> (sum: Float, dot: Float) {
        let zero = Vector(repeating: 0)
        let m = Vector(repeating: mean)
        let sums = pairedSums(
            count: count,
            vector: { i in
                let g = load(dy, i).replacing(with: zero, where: load(y, i) .<= zero)
                store(g, masked, i)
                return (g, g * (load(x, i) - m))
            },
            scalar: { i in
                let g = y[i] <= 0 ? 0 : dy[i]
                masked[i] = g
                return (g, g * (x[i] - mean))
            })
        return (sums.first, sums.second)
    }

    /// Two sums in one pass over `count` positions: `vector` gives both terms for the eight
    /// positions from an index, `scalar` for one (the tail). Two sets of partial sums, since one
    /// set is bound by the latency of its additions.
    @inline(__always)
    private static func pairedSums(
        count: Int, vector: (Int) -> (Vector, Vector), scalar: (Int) -> (Float, Float)
    ) -> (first: Float, second: Float) {
        var first = Vector(repeating: 0)
        var second = Vector(repeating: 0)
        var first2 = Vector(repeating: 0)
        var second2 = Vector(repeating: 0)
        var i = 0
        while i + 2 * width <= count {
            let (a, b) = vector(i)
            let (a2, b2) = vector(i + width)
            first += a
            second += b
            first2 += a2
            second2 += b2
            i += 2 * width
        }
        first += first2
        second += second2
        while i + width <= count {
            let (a, b) = vector(i)
            first += a
            second += b
            i += width
        }
        var firstTotal = first.sum()
        var secondTotal = second.sum()
        while i < count {
            let (a, b) = scalar(i)
            firstTotal += a
            secondTotal += b
            i += 1
        }
        return (firstTotal, secondTotal)
    }
}
