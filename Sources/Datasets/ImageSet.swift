import CVectorMath

/// Labelled grayscale images held in memory as bytes; a pixel's value is byte / 255, in [0, 1].
///
/// Bytes, not floats: full MNIST takes 47 MB instead of 188 MB, and batches convert the few
/// images they need on the way into the input tensor.
public struct ImageSet: Sendable {
    /// How many images.
    public let count: Int
    /// Image height in pixels.
    public let rows: Int
    /// Image width in pixels.
    public let columns: Int
    /// `count * rows * columns` bytes, image after image, each row-major.
    public let bytes: [UInt8]
    /// One class index per image.
    public let labels: [UInt8]

    public init(count: Int, rows: Int, columns: Int, bytes: [UInt8], labels: [UInt8]) {
        precondition(bytes.count == count * rows * columns && labels.count == count)
        self.count = count
        self.rows = rows
        self.columns = columns
        self.bytes = bytes
        self.labels = labels
    }

    /// Images given as values in [0, 1], stored to the nearest 1/255 (for made-up data in tests).
    public init(count: Int, rows: Int, columns: Int, pixels: [Float], labels: [UInt8]) {
        let bytes = pixels.map { UInt8((min(max($0, 0), 1) * 255).rounded()) }
        self.init(count: count, rows: rows, columns: columns, bytes: bytes, labels: labels)
    }

    /// Pixels per image.
    public var imageSize: Int { rows * columns }

    /// Writes image `index` as `imageSize` floats in [0, 1] (byte / 255, as Keras's `x / 255`).
    public func copyImage(_ index: Int, to destination: UnsafeMutablePointer<Float>) {
        let size = imageSize
        bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            let source = base + index * size
            // Sixteen pixels at a time where the CPU has AVX-512, else eight (a vector conversion
            // and division, the same values as the scalar loop for the tail, which alone would
            // divide one pixel at a time).
            var i = neurotop_unit_floats16(source, destination, size)
            while i + 8 <= size {
                let pixels = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<UInt8>.self)
                UnsafeMutableRawPointer(destination + i).storeBytes(
                    of: neurotop_unit_floats8(pixels), as: SIMD8<Float>.self)
                i += 8
            }
            while i < size {
                destination[i] = Float(source[i]) / 255
                i += 1
            }
        }
    }

    /// Starts loading image `index` into the CPU's caches and returns at once (a hint: nothing is
    /// read). A batch's images lie at random places in a set larger than the caches, so copying
    /// them waits on memory image after image; hinted for the whole batch first, the loads overlap.
    public func prefetchImage(_ index: Int) {
        let size = imageSize
        bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress, size > 0 else { return }
            let source = base + index * size
            // Every 64-byte line the image touches: one hint per line and one for its last byte.
            var offset = 0
            while offset < size {
                neurotop_prefetch(source + offset)
                offset += 64
            }
            neurotop_prefetch(source + size - 1)
        }
    }

    /// Image `index` as floats in [0, 1].
    public func image(_ index: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: imageSize) { buffer, initialized in
            if let base = buffer.baseAddress { copyImage(index, to: base) }
            initialized = imageSize
        }
    }

    /// The first `n` images (all of them when `n` is larger).
    public func prefix(_ n: Int) -> ImageSet {
        let n = min(n, count)
        return ImageSet(
            count: n, rows: rows, columns: columns,
            bytes: Array(bytes[0..<(n * imageSize)]), labels: Array(labels[0..<n]))
    }
}

/// A dataset: a training split and a test split of the same kind of image.
public struct Dataset: Sendable {
    /// The name it was looked up by (`mnist`, `fashion-mnist`, or a directory).
    public let name: String
    public let train: ImageSet
    public let test: ImageSet
    /// The number of classes (10 for the MNIST family).
    public let classCount: Int

    public init(name: String, train: ImageSet, test: ImageSet, classCount: Int = 10) {
        self.name = name
        self.train = train
        self.test = test
        self.classCount = classCount
    }
}
