/// Labelled grayscale images held in memory, pixels scaled to [0, 1].
public struct ImageSet: Sendable {
    /// How many images.
    public let count: Int
    /// Image height in pixels.
    public let rows: Int
    /// Image width in pixels.
    public let columns: Int
    /// `count * rows * columns` pixels, image after image, each row-major.
    public let pixels: [Float]
    /// One class index per image.
    public let labels: [UInt8]

    public init(count: Int, rows: Int, columns: Int, pixels: [Float], labels: [UInt8]) {
        precondition(pixels.count == count * rows * columns && labels.count == count)
        self.count = count
        self.rows = rows
        self.columns = columns
        self.pixels = pixels
        self.labels = labels
    }

    /// Pixels per image.
    public var imageSize: Int { rows * columns }

    /// The first `n` images (all of them when `n` is larger).
    public func prefix(_ n: Int) -> ImageSet {
        let n = min(n, count)
        return ImageSet(
            count: n, rows: rows, columns: columns,
            pixels: Array(pixels[0..<(n * imageSize)]), labels: Array(labels[0..<n]))
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
