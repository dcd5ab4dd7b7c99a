import CVectorMath

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
        if hasAVX512 {
            var (sum, squares): (Float, Float) = (0, 0)
            neurotop_shifted_sums(x, shift, count, &sum, &squares)
            return (sum, squares)
        }
        return portableShiftedSums(x, shift: shift, count: count)
    }

    /// `shiftedSums` eight lanes at a time on any CPU: the sums the AVX-512 path gives too.
    static func portableShiftedSums(_ x: UnsafePointer<Float>, shift: Float, count: Int) -> (sum: Float, squares: Float) {
        let sums = pairedSums(ShiftedTerms(x: x, shift: shift), count: count)
        return (sums.first, sums.second)
    }

    /// (Σ dy, Σ dy·(x - mean)) in one pass.
    static func sumAndCenteredDot(
        _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, mean: Float, count: Int
    ) -> (sum: Float, dot: Float) {
        let sums = pairedSums(CenteredTerms(dy: dy, x: x, mean: mean), count: count)
        return (sums.first, sums.second)
    }

    /// `sumAndCenteredDot` of the gradient that a ReLU with output `y` passes on (dy where y > 0,
    /// else 0, as `reluBackward`), which is also written to `masked`: one pass instead of two.
    static func rectifiedSumAndCenteredDot(
        _ dy: UnsafePointer<Float>, output y: UnsafePointer<Float>, _ x: UnsafePointer<Float>, mean: Float,
        maskedInto masked: UnsafeMutablePointer<Float>, count: Int
    ) -> (sum: Float, dot: Float) {
        if hasAVX512 {
            var (sum, dot): (Float, Float) = (0, 0)
            neurotop_rectified_sums(dy, y, x, mean, masked, count, &sum, &dot)
            return (sum, dot)
        }
        return portableRectifiedSumAndCenteredDot(dy, output: y, x, mean: mean, maskedInto: masked, count: count)
    }

    /// `rectifiedSumAndCenteredDot` eight lanes at a time on any CPU: the sums (and the masked
    /// gradient) the AVX-512 path gives too.
    static func portableRectifiedSumAndCenteredDot(
        _ dy: UnsafePointer<Float>, output y: UnsafePointer<Float>, _ x: UnsafePointer<Float>, mean: Float,
        maskedInto masked: UnsafeMutablePointer<Float>, count: Int
    ) -> (sum: Float, dot: Float) {
        let sums = pairedSums(RectifiedTerms(dy: dy, y: y, x: x, mean: mean, masked: masked), count: count)
        return (sums.first, sums.second)
    }

    /// Two sums in one pass over `count` positions, of the terms `terms` gives for eight
    /// positions at a time and then one at a time for the tail. Two sets of partial sums, since
    /// one set is bound by the latency of its additions. Generic rather than taking closures, so
    /// that every use is specialised and inlined.
    @inline(__always)
    private static func pairedSums<Terms: PairedTerms>(_ terms: Terms, count: Int) -> (first: Float, second: Float) {
        var first = Vector(repeating: 0)
        var second = Vector(repeating: 0)
        var first2 = Vector(repeating: 0)
        var second2 = Vector(repeating: 0)
        var i = 0
        while i + 2 * width <= count {
            let (a, b) = terms.vector(i)
            let (a2, b2) = terms.vector(i + width)
            first += a
            second += b
            first2 += a2
            second2 += b2
            i += 2 * width
        }
        first += first2
        second += second2
        while i + width <= count {
            let (a, b) = terms.vector(i)
            first += a
            second += b
            i += width
        }
        var firstTotal = first.sum()
        var secondTotal = second.sum()
        while i < count {
            let (a, b) = terms.scalar(i)
            firstTotal += a
            secondTotal += b
            i += 1
        }
        return (firstTotal, secondTotal)
    }
}

/// The two terms a paired sum adds at a position: eight at a time, or one.
private protocol PairedTerms {
    func vector(_ i: Int) -> (Vectorized.Vector, Vectorized.Vector)
    func scalar(_ i: Int) -> (Float, Float)
}

/// x - shift and its square.
private struct ShiftedTerms: PairedTerms {
    let x: UnsafePointer<Float>
    let shift: Float

    @inline(__always)
    func vector(_ i: Int) -> (Vectorized.Vector, Vectorized.Vector) {
        let d = Vectorized.load(x, i) - Vectorized.Vector(repeating: shift)
        return (d, d * d)
    }

    @inline(__always)
    func scalar(_ i: Int) -> (Float, Float) {
        let d = x[i] - shift
        return (d, d * d)
    }
}

/// dy and dy·(x - mean).
private struct CenteredTerms: PairedTerms {
    let dy: UnsafePointer<Float>
    let x: UnsafePointer<Float>
    let mean: Float

    @inline(__always)
    func vector(_ i: Int) -> (Vectorized.Vector, Vectorized.Vector) {
        let g = Vectorized.load(dy, i)
        return (g, g * (Vectorized.load(x, i) - Vectorized.Vector(repeating: mean)))
    }

    @inline(__always)
    func scalar(_ i: Int) -> (Float, Float) { (dy[i], dy[i] * (x[i] - mean)) }
}

/// The gradient a ReLU with output y passes on (written to `masked` as it is read) and its
/// product with x - mean.
private struct RectifiedTerms: PairedTerms {
    let dy: UnsafePointer<Float>
    let y: UnsafePointer<Float>
    let x: UnsafePointer<Float>
    let mean: Float
    let masked: UnsafeMutablePointer<Float>

    @inline(__always)
    func vector(_ i: Int) -> (Vectorized.Vector, Vectorized.Vector) {
        let zero = Vectorized.Vector(repeating: 0)
        let g = Vectorized.load(dy, i).replacing(with: zero, where: Vectorized.load(y, i) .<= zero)
        Vectorized.store(g, masked, i)
        return (g, g * (Vectorized.load(x, i) - Vectorized.Vector(repeating: mean)))
    }

    @inline(__always)
    func scalar(_ i: Int) -> (Float, Float) {
        let g = y[i] <= 0 ? 0 : dy[i]
        masked[i] = g
        return (g, g * (x[i] - mean))
    }
}
