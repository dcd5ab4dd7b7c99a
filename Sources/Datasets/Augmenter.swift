/// Random corruption of training images for denoising autoencoders, drawn afresh for every
/// image every time it is used.
///
/// Keras's `ImageDataGenerator(rotation_range:, width_shift_range:, height_shift_range:,
/// zoom_range:, preprocessing_function:)` as the article used it (the Keras tutorial named in
/// README.md, "The article"): first a random rotation, shift and zoom (`ImageTransform`,
/// bilinear), then pixel noise, the preprocessing function that Keras runs after the transform:
/// up to `noisePixels` pixels at random positions (repeats allowed, the last draw wins) get
/// `uniform(0, noiseLevel)` added.
public struct Augmenter: Sendable, Equatable {
    /// The most pixels that get noise; the count is drawn uniformly from `0...noisePixels`.
    public var noisePixels: Int
    /// Noise values are uniform in [0, noiseLevel).
    public var noiseLevel: Float
    /// Rotations are uniform in ±`rotationRange` degrees.
    public var rotationRange: Float
    /// Horizontal shifts are uniform in ±`widthShiftRange` of the width (a fraction).
    public var widthShiftRange: Float
    /// Vertical shifts are uniform in ±`heightShiftRange` of the height (a fraction).
    public var heightShiftRange: Float
    /// Zoom factors, drawn independently per axis as Keras does, are uniform in 1 ± `zoomRange`.
    public var zoomRange: Float

    public init(
        noisePixels: Int = 0, noiseLevel: Float = 1, rotationRange: Float = 0, widthShiftRange: Float = 0,
        heightShiftRange: Float = 0, zoomRange: Float = 0
    ) {
        self.noisePixels = max(0, noisePixels)
        self.noiseLevel = noiseLevel
        self.rotationRange = rotationRange
        self.widthShiftRange = widthShiftRange
        self.heightShiftRange = heightShiftRange
        self.zoomRange = zoomRange
    }

    /// The article's denoising setting: 50 noisy pixels, ±5°, ±20 % shifts, ±10 % zoom.
    public static let article = Augmenter(
        noisePixels: 50, noiseLevel: 1, rotationRange: 5, widthShiftRange: 0.2, heightShiftRange: 0.2,
        zoomRange: 0.1)

    /// Whether any geometric change is asked for (noise alone needs no resampling).
    public var transformsGeometry: Bool {
        rotationRange != 0 || widthShiftRange != 0 || heightShiftRange != 0 || zoomRange != 0
    }

    // MARK: - Corrupting

    /// A random transform within the ranges, for an image of `rows x columns`.
    public func randomTransform(rows: Int, columns: Int, using rng: inout some RandomNumberGenerator) -> ImageTransform
    {
        ImageTransform(
            rotation: symmetric(rotationRange, &rng) * .pi / 180,
            rowShift: symmetric(heightShiftRange, &rng) * Float(rows),
            columnShift: symmetric(widthShiftRange, &rng) * Float(columns),
            rowZoom: 1 + symmetric(zoomRange, &rng),
            columnZoom: 1 + symmetric(zoomRange, &rng))
    }

    /// Writes a corrupted copy of the `rows x columns` image `source` into `destination` (no
    /// overlap): a random transform, then noise.
    public func corrupt(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, rows: Int, columns: Int,
        using rng: inout some RandomNumberGenerator
    ) {
        let size = rows * columns
        if transformsGeometry {
            let transform = randomTransform(rows: rows, columns: columns, using: &rng)
            transform.apply(source, into: destination, rows: rows, columns: columns)
        } else {
            destination.update(from: source, count: size)
        }
        guard noisePixels > 0, size > 0 else { return }
        let count = below(noisePixels + 1, &rng)
        withUnsafeTemporaryAllocation(of: (index: Int, value: Float).self, capacity: count) { draws in
            for k in 0..<count {
                let index = below(size, &rng)
                draws[k] = (index, noiseLevel * unit(&rng))
            }
            // Every addition starts from the un-noised value, so that a position drawn twice is
            // set by its last draw, not added to twice: read them all, then write.
            for k in 0..<count { draws[k].value += destination[draws[k].index] }
            for k in 0..<count { destination[draws[k].index] = draws[k].value }
        }
    }

    // MARK: - Helpers

    /// Uniform in [-range, range); exactly 0, without a draw, for a zero range.
    private func symmetric(_ range: Float, _ rng: inout some RandomNumberGenerator) -> Float {
        range == 0 ? 0 : (2 * unit(&rng) - 1) * range
    }

    /// Uniform in 0..<n (n < 2³²), by Lemire's multiply-shift without the rejection step: the
    /// bias is below n / 2³², nothing next to the noise it places. Unlike `Int.random(in:using:)`,
    /// it costs one call of `next()` even when the generator's type is not known here.
    private func below(_ n: Int, _ rng: inout some RandomNumberGenerator) -> Int {
        Int(((rng.next() >> 32) &* UInt64(n)) >> 32)
    }

    /// Uniform in [0, 1), with 24 random bits.
    private func unit(_ rng: inout some RandomNumberGenerator) -> Float {
        Float(rng.next() >> 40) * (1.0 / Float(1 << 24))
    }
}
