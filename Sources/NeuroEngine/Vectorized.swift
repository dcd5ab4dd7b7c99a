import CVectorMath

/// Element-wise kernels written over `SIMD8<Float>`, so they vectorise on any x86-64 or ARM CPU
/// without compiler flags. Each handles the tail that does not fill a vector with scalar code.
enum Vectorized {
    typealias Vector = SIMD8<Float>
    static let width = Vector.scalarCount

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ i: Int) -> Vector {
        UnsafeRawPointer(p + i).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    static func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: Vector.self)
    }

    /// The square root of every lane in one instruction, under any compiler flags (see
    /// CVectorMath's header for why `Vector.squareRoot()` does not promise that).
    @inline(__always)
    static func squareRoot(_ v: Vector) -> Vector {
        neurotop_sqrt8(v)
    }

    /// y = max(x, 0); `x` and `y` may be the same memory.
    static func relu(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        let zero = Vector(repeating: 0)
        while i + width <= count {
            // A compare and blend: `pointwiseMax` handles NaN lane by lane and runs ~20x slower.
            let v = load(x, i)
            store(v.replacing(with: zero, where: v .< zero), y, i)
            i += width
        }
        while i < count {
            y[i] = max(x[i], 0)
            i += 1
        }
    }

    /// x = max(x, 0).
    static func relu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        relu(UnsafePointer(x), into: x, count: count)
    }

    /// d = g where y > 0, else 0 (ReLU's derivative from its output `y`); `g` and `d` may be the
    /// same memory.
    static func reluBackward(
        output y: UnsafePointer<Float>, gradient g: UnsafePointer<Float>, into d: UnsafeMutablePointer<Float>,
        count: Int
    ) {
        var i = 0
        let zero = Vector(repeating: 0)
        while i + width <= count {
            store(load(g, i).replacing(with: zero, where: load(y, i) .<= zero), d, i)
            i += width
        }
        while i < count {
            d[i] = y[i] <= 0 ? 0 : g[i]
            i += 1
        }
    }

    /// g = 0 where y <= 0 (ReLU's derivative from its output).
    static func reluBackward(output y: UnsafePointer<Float>, gradient g: UnsafeMutablePointer<Float>, count: Int) {
        reluBackward(output: y, gradient: UnsafePointer(g), into: g, count: count)
    }

    /// g *= 1 - y² (tanh's derivative from its output).
    static func tanhBackward(output y: UnsafePointer<Float>, gradient g: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        let one = Vector(repeating: 1)
        while i + width <= count {
            let yv = load(y, i)
            store(load(g, i) * (one - yv * yv), g, i)
            i += width
        }
        while i < count {
            g[i] *= 1 - y[i] * y[i]
            i += 1
        }
    }

    /// x = tanh(x), as a rational approximation accurate to a few ulp (the minimax fit that
    /// Eigen uses for float), clamped where tanh is ±1 in float. Sixteen lanes at a time in C
    /// where the CPU has AVX-512 (the same lanes, bit for bit), the rest here.
    static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let done = hasAVX512 ? neurotop_tanh16(x, count) : 0
        portableTanh(x + done, count: count - done)
    }

    /// Whether the AVX-512 kernels of CVectorMath may run here.
    static let hasAVX512 = CPUFeatures.current.hasAVX512

    /// `tanh` eight lanes at a time, on any CPU.
    static func portableTanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + width <= count {
            store(tanhVector(load(x, i)), x, i)
            i += width
        }
        if i < count {
            var tail = Vector(repeating: 0)
            for j in 0..<(count - i) { tail[j] = x[i + j] }
            let result = tanhVector(tail)
            for j in 0..<(count - i) { x[i + j] = result[j] }
        }
    }

    @inline(__always)
    static func tanhVector(_ input: Vector) -> Vector {
        let bound = Vector(repeating: 7.905_311_107_635_498)
        // `clamped(lowerBound:upperBound:)` would give the same lanes (NaN becomes -bound there too),
        // but it goes through the generic pointwise minimum and maximum, one scalar call per lane:
        // about a sixth of mlp-tanh-1's Dense forward time went there (its products took the rest).
        let low = input.replacing(with: -bound, where: .!(input .>= -bound))
        let x = low.replacing(with: bound, where: low .> bound)
        let x2 = x * x
        var p = Vector(repeating: -2.760_768_477_423_55e-16)
        p = p * x2 + 2.000_187_904_824_77e-13
        p = p * x2 + -8.604_671_522_137_35e-11
        p = p * x2 + 5.122_297_090_371_14e-08
        p = p * x2 + 1.485_722_357_179_79e-05
        p = p * x2 + 6.372_619_288_754_36e-04
        p = p * x2 + 4.893_524_558_917_86e-03
        p = p * x
        var q = Vector(repeating: 1.198_258_394_667_02e-06)
        q = q * x2 + 1.185_347_056_866_54e-04
        q = q * x2 + 2.268_434_632_439_00e-03
        q = q * x2 + 4.893_525_185_543_85e-03
        let result = p / q
        // Tiny inputs: tanh(x) = x to float precision, and keeps the sign of zero.
        return result.replacing(with: input, where: abs(input) .< Vector(repeating: 0.0004))
    }
}

@inline(__always)
private func abs(_ v: SIMD8<Float>) -> SIMD8<Float> {
    v.replacing(with: -v, where: v .< SIMD8<Float>(repeating: 0))
}
