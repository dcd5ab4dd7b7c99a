import Testing

@testable import Datasets

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// SplitMix64: a seedable generator for the tests (the engine's lives in NeuroEngine).
private struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A 28x28 image with a distinct value in every pixel, and a digit-like blob in the middle.
private func testImage(rows: Int = 28, columns: Int = 28) -> [Float] {
    (0..<(rows * columns)).map { i in
        let r = i / columns
        let c = i % columns
        return (r > 6 && r < 20 && c > 9 && c < 18) ? 0.9 : Float(i) / Float(rows * columns * 4)
    }
}

private func transformed(_ image: [Float], _ transform: ImageTransform, rows: Int = 28, columns: Int = 28) -> [Float] {
    var result = [Float](repeating: -1, count: image.count)
    image.withUnsafeBufferPointer { source in
        result.withUnsafeMutableBufferPointer { destination in
            transform.apply(source.baseAddress!, into: destination.baseAddress!, rows: rows, columns: columns)
        }
    }
    return result
}

private func corrupted(_ image: [Float], _ augmenter: Augmenter, seed: UInt64) -> [Float] {
    var rng = TestRandom(state: seed)
    var result = [Float](repeating: -1, count: image.count)
    image.withUnsafeBufferPointer { source in
        result.withUnsafeMutableBufferPointer { destination in
            augmenter.corrupt(source.baseAddress!, into: destination.baseAddress!, rows: 28, columns: 28, using: &rng)
        }
    }
    return result
}

@Test func identityTransformLeavesTheImageUnchanged() {
    let image = testImage()
    #expect(transformed(image, .identity) == image)
    // A zero-range augmenter without noise is the identity too.
    #expect(corrupted(image, Augmenter(), seed: 3) == image)
}

@Test func wholePixelShiftMovesEveryPixel() {
    let image = testImage()
    // Sampling 3 columns to the left and 2 rows up moves the content right by 3 and down by 2.
    let moved = transformed(image, ImageTransform(rowShift: -2, columnShift: -3))
    #expect(moved[(10 + 2) * 28 + (12 + 3)] == image[10 * 28 + 12])
    #expect(moved[(20 + 2) * 28 + (5 + 3)] == image[20 * 28 + 5])
    // Beyond the border the nearest edge pixel is repeated (Keras's fill_mode 'nearest').
    #expect(moved[0] == image[0])
    #expect(moved[1 * 28 + 2] == image[0])
}

@Test func halfPixelShiftInterpolatesBilinearly() {
    let image = testImage()
    let moved = transformed(image, ImageTransform(columnShift: 0.5))
    let expected = (image[3 * 28 + 4] + image[3 * 28 + 5]) / 2
    #expect(abs(moved[3 * 28 + 4] - expected) < 1e-6)
}

@Test func quarterTurnRotatesAboutTheCentre() {
    // On a 5x5 image, centre (2, 2), a quarter turn makes output (r, c) sample the source at
    // (2 - (c - 2), 2 + (r - 2)) = (4 - c, r).
    let image = (0..<25).map(Float.init)
    let turned = transformed(image, ImageTransform(rotation: .pi / 2), rows: 5, columns: 5)
    for r in 0..<5 {
        for c in 0..<5 {
            #expect(abs(turned[r * 5 + c] - image[(4 - c) * 5 + r]) < 1e-4)
        }
    }
}

@Test func zoomAboveOneShrinksTheContent() {
    // A single bright pixel 2 columns right of the centre of a 9x9 image; zoom 2 samples twice
    // as far out, so it now appears 1 column from the centre.
    var image = [Float](repeating: 0, count: 81)
    image[4 * 9 + 6] = 1
    let zoomed = transformed(image, ImageTransform(rowZoom: 2, columnZoom: 2), rows: 9, columns: 9)
    #expect(zoomed[4 * 9 + 5] == 1)
    #expect(zoomed.filter { $0 > 0 }.count == 1)
}

@Test func noiseTouchesAtMostFiftyPixelsWithValuesBelowOne() {
    let blank = [Float](repeating: 0, count: 784)
    let augmenter = Augmenter(noisePixels: 50, noiseLevel: 1)
    var most = 0
    for seed in 0..<200 as Range<UInt64> {
        let noisy = corrupted(blank, augmenter, seed: seed)
        let touched = noisy.filter { $0 != 0 }
        #expect(touched.count <= 50)
        #expect(touched.allSatisfy { $0 > 0 && $0 < 1 })
        most = max(most, touched.count)
    }
    #expect(most >= 40, "the count should reach close to 50 over 200 images")
}

@Test func augmentationIsDeterministicForASeed() {
    let image = testImage()
    let augmenter = Augmenter.article
    let first = corrupted(image, augmenter, seed: 42)
    #expect(first == corrupted(image, augmenter, seed: 42))
    #expect(first != corrupted(image, augmenter, seed: 43))
    #expect(first != image)
}

@Test func randomTransformsStayWithinTheRanges() {
    var rng = TestRandom(state: 9)
    let augmenter = Augmenter.article
    var largestRotation: Float = 0
    var largestShift: Float = 0
    for _ in 0..<1000 {
        let t = augmenter.randomTransform(rows: 28, columns: 28, using: &rng)
        #expect(abs(t.rotation) <= 5 * .pi / 180)
        #expect(abs(t.rowShift) <= 0.2 * 28 && abs(t.columnShift) <= 0.2 * 28)
        #expect(abs(t.rowZoom - 1) <= 0.1 && abs(t.columnZoom - 1) <= 0.1)
        largestRotation = max(largestRotation, abs(t.rotation))
        largestShift = max(largestShift, abs(t.columnShift))
    }
    #expect(largestRotation > 4.5 * .pi / 180)
    #expect(largestShift > 5)
}

/// Keras's formula, sample by sample in Double: the source point `c + R·(Z·(p - c) + t)`,
/// clamped into the image, then bilinear.
private func referenceTransform(_ image: [Float], _ t: ImageTransform, rows: Int = 28, columns: Int = 28) -> [Float] {
    let cosine = cos(Double(t.rotation))
    let sine = sin(Double(t.rotation))
    let cr = Double(rows - 1) / 2
    let cc = Double(columns - 1) / 2
    var result = [Float](repeating: 0, count: rows * columns)
    for r in 0..<rows {
        for c in 0..<columns {
            let zr = (Double(r) - cr) * Double(t.rowZoom) + Double(t.rowShift)
            let zc = (Double(c) - cc) * Double(t.columnZoom) + Double(t.columnShift)
            let y = min(max(cr + cosine * zr - sine * zc, 0), Double(rows - 1))
            let x = min(max(cc + sine * zr + cosine * zc, 0), Double(columns - 1))
            let r0 = Int(y)
            let c0 = Int(x)
            let r1 = min(r0 + 1, rows - 1)
            let c1 = min(c0 + 1, columns - 1)
            let fy = y - Double(r0)
            let fx = x - Double(c0)
            func p(_ r: Int, _ c: Int) -> Double { Double(image[r * columns + c]) }
            let top = p(r0, c0) + (p(r0, c1) - p(r0, c0)) * fx
            let bottom = p(r1, c0) + (p(r1, c1) - p(r1, c0)) * fx
            result[r * columns + c] = Float(top + (bottom - top) * fy)
        }
    }
    return result
}

/// A digit-like image: a ring of ink inside a blank border, as MNIST digits are.
private func ringImage() -> [Float] {
    (0..<784).map { i in
        let r = Double(i / 28) - 13.2
        let c = Double(i % 28) - 14.1
        let distance = (r * r + c * c).squareRoot()
        return distance > 5 && distance < 8 ? Float(1 - abs(distance - 6.5) / 2) : 0
    }
}

@Test func randomTransformsMatchKerasFormula() {
    var rng = TestRandom(state: 17)
    let wide = Augmenter(rotationRange: 30, widthShiftRange: 0.4, heightShiftRange: 0.4, zoomRange: 0.3)
    // Blank borders (where whole stretches of a row are skipped) and inked borders (where
    // clamping repeats them outwards).
    for image in [ringImage(), testImage()] {
        for _ in 0..<200 {
            let t = wide.randomTransform(rows: 28, columns: 28, using: &rng)
            let fast = transformed(image, t)
            let reference = referenceTransform(image, t)
            let worst = zip(fast, reference).map { abs($0 - $1) }.max() ?? 1
            #expect(worst < 2e-3, "\(t): off by \(worst)")
        }
    }
}

@Test func blankImageStaysBlank() {
    let blank = [Float](repeating: 0, count: 784)
    #expect(transformed(blank, ImageTransform(rotation: 0.1, rowShift: 3, columnZoom: 1.1)) == blank)
}
