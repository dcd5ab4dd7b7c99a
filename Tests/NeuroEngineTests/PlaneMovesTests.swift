import CVectorMath
import Testing

@testable import NeuroEngine

/// The AVX-512 data movement of the lowered convolution (CVectorMath's planes.h) against the
/// portable loops it stands in for, bit for bit: odd widths and pitches (every tail mask), values
/// whose bits a careless copy or add would change (-0, NaN payloads, denormals).
@Suite struct PlaneMovesTests {
    /// `count` floats of every kind, from a seeded stream.
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var rng = SeededRandom(seed: seed)
        let special: [Float] = [
            -0.0, 0, .nan, Float(bitPattern: 0x7FC0_1234), .infinity, Float(bitPattern: 0x0001_1170),
            -Float(bitPattern: 0x0000_02CA),
        ]
        var values: [Float] = []
        for i in 0..<count {
            let uniform: Float = rng.nextUnit() * 4 - 2
            values.append(i % 7 == 3 ? special[(i / 7) % special.count] : uniform)
        }
        return values
    }

    static func bits(_ values: UnsafeMutablePointer<Float>, _ count: Int) -> [UInt32] {
        (0..<count).map { values[$0].bitPattern }
    }

    @Test(arguments: [1, 5, 14, 16, 17, 28, 31, 32, 33, 47])
    func rowsPlusAddsAsTheScalarLoop(width: Int) {
        guard Vectorized.hasAVX512 else { return }  // one code path here: nothing to compare
        let (rows, fromPitch, toPitch) = (5, width + 3, width + 1)
        let source = Self.values(rows * fromPitch, seed: UInt64(width))
        for addend: Float in [0, -0.0, 0.75] {
            let fast = Tensor(shape: [rows * toPitch], repeating: 9)
            let portable = Tensor(shape: [rows * toPitch], repeating: 9)
            source.withUnsafeBufferPointer { from in
                guard let from = from.baseAddress else { return }
                neurotop_rows_plus(from, fromPitch, fast.pointer, toPitch, rows, width, addend)
                for y in 0..<rows {
                    for x in 0..<width { portable.pointer[y * toPitch + x] = from[y * fromPitch + x] + addend }
                }
            }
            #expect(Self.bits(fast.pointer, fast.count) == Self.bits(portable.pointer, portable.count))
        }
    }

    @Test(arguments: [(1, 1), (14, 16), (28, 30), (16, 16), (17, 40), (3, 35)])
    func rowsZeroPaddedCopiesThenZeroes(width: Int, toPitch: Int) {
        guard Vectorized.hasAVX512 else { return }
        let (rows, fromPitch) = (4, width + 2)
        let source = Self.values(rows * fromPitch, seed: UInt64(width * 100 + toPitch))
        let fast = Tensor(shape: [rows * toPitch + 5], repeating: 9)
        let portable = Tensor(shape: [rows * toPitch + 5], repeating: 9)
        source.withUnsafeBufferPointer { from in
            guard let from = from.baseAddress else { return }
            neurotop_rows_zero_padded(from, fromPitch, fast.pointer, toPitch, rows, width)
            for y in 0..<rows {
                for x in 0..<toPitch { portable.pointer[y * toPitch + x] = x < width ? from[y * fromPitch + x] : 0 }
            }
        }
        // The five floats after the last row stay as they were.
        #expect(Self.bits(fast.pointer, fast.count) == Self.bits(portable.pointer, portable.count))
    }

    /// Samples x channels planes padded as a 3x3 'same' and a 5x5 'same' window pads them, and a
    /// lopsided pad (strides of two pad the larger half after).
    @Test(arguments: [(28, 28, 1, 1, 3), (14, 14, 1, 1, 3), (7, 19, 2, 2, 5), (5, 33, 0, 1, 2)])
    func padPlanesPutsEachImageInTheMiddleOfZeros(height: Int, width: Int, padTop: Int, padLeft: Int, window: Int) {
        guard Vectorized.hasAVX512 else { return }
        let planes = 3
        let (paddedHeight, paddedWidth) = (height + window - 1, width + window - 1)
        let paddedPlane = paddedHeight * paddedWidth + window - 1
        let input = Self.values(planes * height * width, seed: UInt64(height * width))
        let fast = Tensor(shape: [planes * paddedPlane + 3], repeating: 9)
        let portable = Tensor(shape: [planes * paddedPlane + 3], repeating: 9)
        input.withUnsafeBufferPointer { source in
            guard let source = source.baseAddress else { return }
            neurotop_pad_planes(
                source, planes, height, width, fast.pointer, paddedHeight, paddedWidth, padTop, padLeft, paddedPlane)
            for plane in 0..<planes {
                let target = portable.pointer + plane * paddedPlane
                target.update(repeating: 0, count: paddedPlane)
                for y in 0..<height {
                    (target + (padTop + y) * paddedWidth + padLeft).update(
                        from: source + plane * height * width + y * width, count: width)
                }
            }
        }
        #expect(Self.bits(fast.pointer, fast.count) == Self.bits(portable.pointer, portable.count))
    }

    @Test(arguments: [1, 15, 16, 17, 224, 840, 841])
    func addIntoAddsElementByElement(count: Int) {
        guard Vectorized.hasAVX512 else { return }
        let addend = Self.values(count, seed: 7)
        let start = Self.values(count + 2, seed: 8)
        let fast = Tensor(shape: [count + 2], values: start)
        let portable = Tensor(shape: [count + 2], values: start)
        addend.withUnsafeBufferPointer { source in
            guard let source = source.baseAddress else { return }
            neurotop_add_into(fast.pointer, source, count)
            for i in 0..<count { portable.pointer[i] += source[i] }
        }
        #expect(Self.bits(fast.pointer, fast.count) == Self.bits(portable.pointer, portable.count))
    }
}
