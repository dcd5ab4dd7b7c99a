/// Reductions and masks over Float runs, written with eight-lane SIMD values.
///
/// The compiler may not reorder a Float sum on its own (it would change the rounding), so a plain
/// loop adds one value at a time; eight partial sums let these run at vector speed.
enum VectorMath {
    typealias Lanes = SIMD8<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
    }

    /// Σ x.
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var acc = Lanes(repeating: 0)
        var i = 0
        while i + 8 <= count {
            acc += load(x + i)
            i += 8
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
        var acc = Lanes(repeating: 0)
        let m = Lanes(repeating: mean)
        var i = 0
        while i + 8 <= count {
            let d = load(x + i) - m
            acc += d * d
            i += 8
        }
        var total = acc.sum()
        while i < count {
            let d = x[i] - mean
            total += d * d
            i += 1
        }
        return total
    }

    /// (Σ dy, Σ dy·(x - mean)) in one pass.
    static func sumAndCenteredDot(
        _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, mean: Float, count: Int
    ) -> (sum: Float, dot: Float) {
        var plain = Lanes(repeating: 0), centered = Lanes(repeating: 0)
        let m = Lanes(repeating: mean)
        var i = 0
        while i + 8 <= count {
            let g = load(dy + i)
            plain += g
            centered += g * (load(x + i) - m)
            i += 8
        }
        var sum = plain.sum(), dot = centered.sum()
        while i < count {
            sum += dy[i]
            dot += dy[i] * (x[i] - mean)
            i += 1
        }
        return (sum, dot)
    }

    /// Zeroes `gradient` wherever `output` is not positive (ReLU's backward pass).
    static func zeroWhereNotPositive(_ gradient: UnsafeMutablePointer<Float>, _ output: UnsafePointer<Float>, count: Int) {
        let zero = Lanes(repeating: 0)
        var i = 0
        while i + 8 <= count {
            var g = load(gradient + i)
            g.replace(with: zero, where: load(output + i) .<= zero)
            store(g, gradient + i)
            i += 8
        }
        while i < count {
            if output[i] <= 0 { gradient[i] = 0 }
            i += 1
        }
    }
}
