import Testing

@testable import NeuroEngine

/// BatchNormalization's passes over a feature's run, which take CVectorMath's normalize.h on CPUs
/// with AVX-512, against the portable loops' arithmetic, bit for bit: every tail length, and
/// values whose bits a fused multiply-add, another compare or another order of additions would
/// change (-0, NaN, infinities, denormals, values that cancel, sizes far apart).
@Suite struct NormalizeRunsTests {
    static let counts = Array(1...40) + [196, 783, 784]

    /// The portable `normalizeRun`: eight lanes at a time select zero below zero (a -0 stays),
    /// the scalar tail takes max(v, 0) (a -0 becomes 0).
    static func portableNormalize(_ x: [Float], mean: Float, scale: Float, offset: Float, rectify: Bool) -> [Float] {
        let vectorPart = x.count - x.count % Vectorized.width
        return x.indices.map { i in
            let v = (x[i] - mean) * scale + offset
            guard rectify else { return v }
            return i < vectorPart ? (v < 0 ? 0 : v) : max(v, 0)
        }
    }

    @Test(arguments: counts)
    func normalizingGivesThePortableBits(count: Int) {
        let x = PlaneMovesTests.values(count, seed: UInt64(count))
        // -0 comes out of a -0 input with mean 0 and offset -0 (-0 - 0 = -0, -0 + -0 = -0).
        let settings: [(Float, Float, Float)] = [(0.25, 1.5, -0.0), (0.5, -3, 0.75), (0, 1, 0), (0, 1, -0.0)]
        for (mean, scale, offset) in settings {
            for rectify in [false, true] {
                let y = Tensor(shape: [count + 1], repeating: 9)
                x.withUnsafeBufferPointer { source in
                    guard let source = source.baseAddress else { return }
                    BatchNormalization.normalizeRun(
                        source, mean: mean, scale: scale, offset: offset, rectify: rectify, into: y.pointer,
                        count: count)
                }
                let expected = Self.portableNormalize(x, mean: mean, scale: scale, offset: offset, rectify: rectify)
                #expect((0..<count).map { y.pointer[$0].bitPattern } == expected.map(\.bitPattern))
                #expect(y.pointer[count] == 9, "wrote past the run")
            }
        }
    }

    @Test(arguments: counts)
    func theInputGradientGivesThePortableBitsInPlaceToo(count: Int) {
        let x = PlaneMovesTests.values(count, seed: UInt64(count) + 100)
        let dy = PlaneMovesTests.values(count, seed: UInt64(count) + 200)
        let (mean, a, k, c): (Float, Float, Float, Float) = (0.125, 1.75, -0.3, 1e-3)
        // (a·dy + k·(x - mean)) + c, each operation rounded: no fused multiply-add.
        let expected = (0..<count).map { i in a * dy[i] + k * (x[i] - mean) + c }
        for inPlace in [false, true] {
            let dx = Tensor(shape: [count + 1], values: (inPlace ? dy : Array(repeating: 9, count: count)) + [9])
            x.withUnsafeBufferPointer { xs in
                dy.withUnsafeBufferPointer { dys in
                    guard let xs = xs.baseAddress, let dys = dys.baseAddress else { return }
                    let gradient = inPlace ? UnsafePointer(dx.pointer) : dys
                    BatchNormalization.inputGradientRun(
                        gradient, xs, mean: mean, a: a, k: k, c: c, into: dx.pointer, count: count)
                }
            }
            #expect((0..<count).map { dx.pointer[$0].bitPattern } == expected.map(\.bitPattern))
            #expect(dx.pointer[count] == 9, "wrote past the run")
        }
    }

    @Test(arguments: counts)
    func theStatisticsSumAsThePortableLoop(count: Int) {
        guard Vectorized.hasAVX512 else { return }  // one code path here: nothing to compare
        // Values far apart in size, so that another order of the additions changes bits.
        let x = PlaneMovesTests.values(count, seed: UInt64(count) + 300).enumerated()
            .map { $1 * ($0 % 3 == 0 ? 1e4 : 1) }
        x.withUnsafeBufferPointer { xs in
            guard let xs = xs.baseAddress else { return }
            for shift: Float in [0, 0.3, -0.0] {
                let fast = Vectorized.shiftedSums(xs, shift: shift, count: count)
                let portable = Vectorized.portableShiftedSums(xs, shift: shift, count: count)
                #expect(fast.sum.bitPattern == portable.sum.bitPattern)
                #expect(fast.squares.bitPattern == portable.squares.bitPattern)
            }
        }
    }

    @Test(arguments: counts)
    func theGradientSumsAndMaskAsThePortableLoop(count: Int) {
        guard Vectorized.hasAVX512 else { return }
        let dy = PlaneMovesTests.values(count, seed: UInt64(count) + 400).enumerated()
            .map { $1 * ($0 % 4 == 1 ? 1e3 : 1) }
        // The ReLU's output: zeros, -0, NaN, negatives and positives (PlaneMovesTests' mix).
        let y = PlaneMovesTests.values(count, seed: UInt64(count) + 500)
        let x = PlaneMovesTests.values(count, seed: UInt64(count) + 600)
        let fastMasked = Tensor(shape: [count + 1], repeating: 9)
        let portableMasked = Tensor(shape: [count + 1], repeating: 9)
        dy.withUnsafeBufferPointer { dys in
            y.withUnsafeBufferPointer { ys in
                x.withUnsafeBufferPointer { xs in
                    guard let dys = dys.baseAddress, let ys = ys.baseAddress, let xs = xs.baseAddress else { return }
                    let fast = Vectorized.rectifiedSumAndCenteredDot(
                        dys, output: ys, xs, mean: 0.2, maskedInto: fastMasked.pointer, count: count)
                    let portable = Vectorized.portableRectifiedSumAndCenteredDot(
                        dys, output: ys, xs, mean: 0.2, maskedInto: portableMasked.pointer, count: count)
                    #expect(fast.sum.bitPattern == portable.sum.bitPattern)
                    #expect(fast.dot.bitPattern == portable.dot.bitPattern)
                }
            }
        }
        let bits = { (tensor: Tensor) in (0...count).map { tensor.pointer[$0].bitPattern } }
        #expect(bits(fastMasked) == bits(portableMasked))
    }
}
